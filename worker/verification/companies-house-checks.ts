import type { Check } from '../domain';
import { canonicalCompanyNumber, type CompanyProfile } from '../registries/companies-house';
import type { CompaniesHouseLookup } from '../registries/port';
import { compareAddresses } from './address';
import { check, errored, notConfigured } from './check';
import { compareNames, nameVerdict, type NameThresholds } from './names';
import type { Subject } from './subject';

export const CH = {
  exists: 'companies_house.exists',
  status: 'companies_house.status_active',
  name: 'companies_house.name_match',
  number: 'companies_house.number_match',
  incorporation: 'companies_house.incorporation_date_match',
  address: 'companies_house.address_match',
} as const;

/** The checks that need the registry's profile, in the order they are reported. */
const PROFILE_CHECKS = [CH.exists, CH.status, CH.name, CH.incorporation, CH.address];

/** Statuses of a company that has stopped trading or is being wound up. */
const CLOSED_STATUSES = new Set([
  'dissolved',
  'liquidation',
  'receivership',
  'administration',
  'voluntary-arrangement',
  'insolvency-proceedings',
  'converted-closed',
  'closed',
  'removed',
]);

export interface CompanyResult {
  checks: Check[];
  /** The registered profile, for checks of other registries that compare against it. */
  profile?: CompanyProfile;
}

/** Companies House's first address line: premises and street, as printed on its register. */
export function registeredFirstLine(profile: CompanyProfile): string | undefined {
  const a = profile.registered_office_address;
  const line = [a?.premises, a?.address_line_1].filter(Boolean).join(' ').trim();
  return line || undefined;
}

function statusCheck(profile: CompanyProfile): Check {
  const status = profile.company_status ?? null;
  const detail = profile.company_status_detail ?? null;
  const evidence = { company_status: status, company_status_detail: detail, date_of_cessation: profile.date_of_cessation ?? null };
  if (status && CLOSED_STATUSES.has(status)) {
    return check(CH.status, 'fail', `company_${status.replace(/-/g, '_')}`, `Companies House lists the company as ${status}.`, evidence);
  }
  if (status !== 'active') {
    return check(CH.status, 'warn', 'status_unusual', `Companies House lists the company's status as ${status ?? 'unknown'}.`, evidence);
  }
  if (detail === 'active-proposal-to-strike-off') {
    return check(
      CH.status,
      'warn',
      'strike_off_proposed',
      'The company is active but a proposal to strike it off the register is in progress.',
      evidence,
    );
  }
  return check(CH.status, 'pass', 'active', 'Companies House lists the company as active.', evidence);
}

function nameCheck(subject: Subject, profile: CompanyProfile, thresholds: NameThresholds): Check {
  const registered = profile.company_name;
  if (!subject.documentName) return check(CH.name, 'not_applicable', 'no_name_on_document', 'The document shows no company name.');
  if (!registered) return check(CH.name, 'not_applicable', 'registry_has_no_name', 'Companies House holds no name for the company.');
  const current = compareNames(subject.documentName, registered);
  const evidence: Record<string, unknown> = {
    document_name: subject.documentName,
    registered_name: registered,
    similarity: current.similarity,
  };
  const verdict = nameVerdict(current, thresholds);
  // A former name the document shows more closely than the current one is that name, however near the
  // two are: a slight rename (LOGISTICS LTD to LOGISTIC LIMITED) must not pass as an OCR slip.
  const previous = (profile.previous_company_names ?? [])
    .map((p) => ({ p, c: p.name ? compareNames(subject.documentName!, p.name) : undefined }))
    .find(({ c }) => c && nameVerdict(c, thresholds) === 'match' && c.similarity > current.similarity)?.p;
  if (previous) {
    evidence.previous_name = previous;
    // A certificate of incorporation legitimately carries the name at incorporation: a person decides.
    return check(
      CH.name,
      'warn',
      'previous_name',
      `The document shows a former name of the company; it is now registered as ${registered}.`,
      evidence,
    );
  }
  if (verdict === 'match') return check(CH.name, 'pass', 'name_matches', 'The name on the document is the registered name.', evidence);
  if (verdict === 'close')
    return check(CH.name, 'warn', 'name_similar', 'The name on the document is close to, but not, the registered name.', evidence);
  return check(CH.name, 'fail', 'name_mismatch', 'The name on the document is not the registered name.', evidence);
}

/** Documents that date something else: a date read off one as an incorporation date is another event's. */
const NOT_DATING_INCORPORATION = ['bank_statement', 'utility_bill', 'vat_registration_certificate'];

function incorporationCheck(subject: Subject, profile: CompanyProfile): Check {
  // A bill's date or a VAT registration's effective date misread as one must not hold a sound business back.
  if (subject.documentType && NOT_DATING_INCORPORATION.includes(subject.documentType))
    return check(
      CH.incorporation,
      'not_applicable',
      'not_a_certificate',
      'Only a certificate of incorporation shows the incorporation date.',
      {
        document_type: subject.documentType,
        read: subject.incorporationDate ?? null,
      },
    );
  if (!subject.incorporationDate)
    return check(CH.incorporation, 'not_applicable', 'no_date_on_document', 'The document shows no incorporation date.');
  if (!profile.date_of_creation)
    return check(CH.incorporation, 'not_applicable', 'registry_has_no_date', 'Companies House holds no incorporation date.');
  const evidence = { document_date: subject.incorporationDate, registered_date: profile.date_of_creation };
  return subject.incorporationDate === profile.date_of_creation
    ? check(CH.incorporation, 'pass', 'date_matches', 'The incorporation date matches the register.', evidence)
    : check(CH.incorporation, 'fail', 'date_mismatch', 'The incorporation date differs from the register.', evidence);
}

function addressCheck(subject: Subject, profile: CompanyProfile): Check {
  const c = compareAddresses(
    {
      documentAddress: subject.address,
      documentPostcode: subject.postcode,
      registeredLine: registeredFirstLine(profile),
      registeredPostcode: profile.registered_office_address?.postal_code,
    },
    'Companies House',
  );
  return check(CH.address, c.status, c.reason_code, c.message, c.evidence);
}

/** Document against claim: the two company numbers must be the same company. */
export function numberMatchCheck(documentNumber: string | undefined, claimedNumber: string | undefined): Check {
  if (!documentNumber || !claimedNumber) {
    return check(CH.number, 'not_applicable', 'nothing_to_compare', 'The company number was not both printed and claimed.');
  }
  const evidence = { document_number: documentNumber, claimed_number: claimedNumber };
  return documentNumber === claimedNumber
    ? check(CH.number, 'pass', 'number_matches', 'The company number on the document is the one claimed.', evidence)
    : check(CH.number, 'fail', 'number_mismatch', 'The company number on the document is not the one claimed.', evidence);
}

export interface CompaniesHouseCheckOptions {
  names: NameThresholds;
}

/** Every Companies House check: the registry is asked once, for the number the document (or the claim) gives. */
export async function companiesHouseChecks(
  client: CompaniesHouseLookup | undefined,
  subject: Subject,
  documentNumber: string | undefined,
  options: CompaniesHouseCheckOptions,
): Promise<CompanyResult> {
  const claimed = subject.claims.company_number;
  const number = numberMatchCheck(
    documentNumber ? canonicalCompanyNumber(documentNumber) : undefined,
    claimed ? canonicalCompanyNumber(claimed) : undefined,
  );
  const all = (make: (id: string) => Check) => PROFILE_CHECKS.map(make);
  if (!subject.companyNumber) {
    return {
      checks: [
        ...all((id) => check(id, 'not_applicable', 'no_company_number', 'Neither the document nor the claims give a company number.')),
        number,
      ],
    };
  }
  if (!client) return { checks: [...all((id) => notConfigured(id, 'Companies House')), number] };
  let lookup;
  try {
    lookup = await client.profile(subject.companyNumber.value);
  } catch (error) {
    return { checks: [...all((id) => errored(id, error)), number] };
  }
  const asked = { company_number: subject.companyNumber.value, source: subject.companyNumber.source };
  if (!lookup.found) {
    return {
      checks: [
        check(CH.exists, 'fail', 'company_not_found', 'Companies House has no company with this number.', asked),
        ...PROFILE_CHECKS.slice(1).map((id) =>
          check(id, 'not_applicable', 'company_not_found', 'There is no registered company to compare with.'),
        ),
        number,
      ],
    };
  }
  const profile = lookup.profile;
  return {
    profile,
    checks: [
      check(CH.exists, 'pass', 'company_found', `Companies House has ${profile.company_name ?? 'the company'} under this number.`, {
        ...asked,
        registered_name: profile.company_name ?? null,
        type: profile.type ?? null,
      }),
      statusCheck(profile),
      nameCheck(subject, profile, options.names),
      incorporationCheck(subject, profile),
      addressCheck(subject, profile),
      number,
    ],
  };
}
