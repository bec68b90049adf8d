import type { Check } from '../domain';
import type { VatRegistration } from '../registries/hmrc-vat';
import type { HmrcVatLookup } from '../registries/port';
import { canonicalVrn, vatChecksum } from '../registries/vat-number';
import { compareAddresses } from './address';
import { check, errored, notConfigured } from './check';
import { compareNames, nameVerdict, type NameThresholds } from './names';
import type { Subject } from './subject';

export const VAT = {
  format: 'hmrc_vat.format',
  registered: 'hmrc_vat.registered',
  name: 'hmrc_vat.name_match',
  address: 'hmrc_vat.address_match',
} as const;

const LOOKUP_CHECKS = [VAT.registered, VAT.name, VAT.address];

function formatCheck(raw: string, source: string, sandbox: boolean): { check: Check; vrn?: string } {
  const vrn = canonicalVrn(raw);
  const evidence: Record<string, unknown> = { vat_number: raw, source };
  if (!vrn)
    return {
      check: check(
        VAT.format,
        'fail',
        'vat_format_invalid',
        'This is not the shape of a UK VAT number (9 digits, optionally after GB).',
        evidence,
      ),
    };
  const sum = vatChecksum(vrn);
  evidence.checksum_total = sum.total;
  evidence.series = sum.series ?? null;
  if (sum.valid)
    return {
      vrn,
      check: check(VAT.format, 'pass', 'vat_checksum_valid', 'The VAT number is well formed and its check digits hold.', evidence),
    };
  if (sandbox) {
    return {
      vrn,
      check: check(
        VAT.format,
        'warn',
        'vat_checksum_invalid_sandbox',
        "The check digits do not hold; tolerated because HMRC's sandbox test numbers fail them.",
        evidence,
      ),
    };
  }
  return {
    check: check(
      VAT.format,
      'fail',
      'vat_checksum_invalid',
      'The check digits of the VAT number do not hold: it cannot have been issued.',
      evidence,
    ),
  };
}

function nameCheck(
  registration: VatRegistration,
  subject: Subject,
  registeredCompanyName: string | undefined,
  thresholds: NameThresholds,
): Check {
  const vatName = registration.target?.name;
  if (!vatName) return check(VAT.name, 'not_applicable', 'registry_has_no_name', 'HMRC returned no name for the VAT number.');
  const against = [
    { side: 'document', name: subject.documentName },
    { side: 'companies_house', name: registeredCompanyName },
  ].filter((a): a is { side: string; name: string } => Boolean(a.name));
  if (against.length === 0)
    return check(VAT.name, 'not_applicable', 'nothing_to_compare', 'Neither the document nor Companies House gives a name to compare.', {
      vat_name: vatName,
    });
  const compared = against.map((a) => {
    const c = compareNames(vatName, a.name);
    return { side: a.side, name: a.name, similarity: c.similarity, verdict: nameVerdict(c, thresholds) };
  });
  const evidence = { vat_name: vatName, compared };
  if (compared.some((c) => c.verdict === 'mismatch')) {
    return check(VAT.name, 'fail', 'name_mismatch', `The VAT number is registered to ${vatName}, a different name.`, evidence);
  }
  if (compared.some((c) => c.verdict === 'close'))
    return check(VAT.name, 'warn', 'name_similar', 'The VAT-registered name is close to, but not, the other names.', evidence);
  return check(VAT.name, 'pass', 'name_matches', 'The VAT number is registered to this name.', evidence);
}

function addressCheck(registration: VatRegistration, subject: Subject): Check {
  const a = registration.target?.address;
  const c = compareAddresses(
    { documentAddress: subject.address, documentPostcode: subject.postcode, registeredLine: a?.line1, registeredPostcode: a?.postcode },
    'HMRC',
  );
  return check(VAT.address, c.status, c.reason_code, c.message, c.evidence);
}

/** What HMRC said, kept as evidence of the check: when it was made and, for verified checks, its reference. */
function lookupEvidence(registration: VatRegistration | undefined, processingDate?: string) {
  return {
    processing_date: registration?.processingDate ?? processingDate ?? null,
    consultation_number: registration?.consultationNumber ?? null,
    requester: registration?.requester ?? null,
  };
}

export interface HmrcCheckOptions {
  names: NameThresholds;
  /** Sandbox base URL: a bad checksum only warns and the lookup still runs. */
  sandbox: boolean;
}

/** VAT checks: format offline, then one lookup for registration, name and address. */
export async function hmrcChecks(
  client: HmrcVatLookup | undefined,
  subject: Subject,
  registeredCompanyName: string | undefined,
  options: HmrcCheckOptions,
): Promise<Check[]> {
  if (!subject.vatNumber) {
    return [VAT.format, ...LOOKUP_CHECKS].map((id) =>
      check(id, 'not_applicable', 'no_vat_number', 'Neither the document nor the claims give a VAT number.'),
    );
  }
  const format = formatCheck(subject.vatNumber.value, subject.vatNumber.source, options.sandbox);
  const vrn = format.vrn;
  if (!vrn) {
    return [
      format.check,
      ...LOOKUP_CHECKS.map((id) =>
        check(id, 'not_applicable', format.check.reason_code, 'The VAT number is not valid, so HMRC was not asked.'),
      ),
    ];
  }
  if (!client) return [format.check, ...LOOKUP_CHECKS.map((id) => notConfigured(id, 'HMRC VAT checking'))];
  let lookup;
  try {
    lookup = await client.lookup(vrn);
  } catch (error) {
    return [format.check, ...LOOKUP_CHECKS.map((id) => errored(id, error))];
  }
  if (!lookup.found) {
    return [
      format.check,
      check(VAT.registered, 'fail', 'vat_not_registered', 'HMRC does not know this VAT number.', {
        vat_number: vrn,
        source: subject.vatNumber.source,
        ...lookupEvidence(undefined, lookup.processingDate),
      }),
      ...[VAT.name, VAT.address].map((id) =>
        check(id, 'not_applicable', 'vat_not_registered', 'There is no VAT registration to compare with.'),
      ),
    ];
  }
  const registration = lookup.registration;
  return [
    format.check,
    check(VAT.registered, 'pass', 'vat_registered', `HMRC has the VAT number registered to ${registration.target?.name ?? 'a business'}.`, {
      vat_number: vrn,
      registered_name: registration.target?.name ?? null,
      ...lookupEvidence(registration),
    }),
    nameCheck(registration, subject, registeredCompanyName, options.names),
    addressCheck(registration, subject),
  ];
}
