import type { Check, DocumentType, ExtractedField } from '../domain';
import type { CaseClaims } from './port';
import { canonicalCompanyNumber, type CompanyProfile } from '../registries/companies-house';
import type { VatRegistration } from '../registries/hmrc-vat';
import { canonicalVrn } from '../registries/vat-number';
import { compareAddresses, normaliseAddressLine, normalisePostcode, postcodeIn } from '../verification/address';
import { check } from '../verification/check';
import { registeredFirstLine } from '../verification/companies-house-checks';
import { compareNames, nameVerdict, normaliseCompanyName, type NameThresholds } from '../verification/names';

export type MatrixSource = 'document' | 'claims' | 'companies_house' | 'hmrc';
export type CellStatus = 'agree' | 'disagree' | 'missing';
export type MatrixAttribute =
  'legal_name' | 'company_number' | 'registered_address' | 'trading_address' | 'vat_number' | 'incorporation_date' | 'directors';

/** One source's value for one attribute, compared with the row's reference value. */
export interface MatrixCell {
  source: MatrixSource;
  document_id: string | null;
  document_type: DocumentType | null;
  value: string | null;
  /** The form compared: names without legal form and punctuation, canonical numbers, address line + postcode. */
  normalised: string | null;
  status: CellStatus;
  /** 0..1 against the reference, where a similarity is meaningful. */
  similarity: number | null;
  /** This cell is the value the others are compared with. */
  reference: boolean;
}

export interface MatrixRow {
  attribute: MatrixAttribute;
  reference_source: MatrixSource | null;
  cells: MatrixCell[];
  /** Every value present agrees; null when fewer than two sources give one. */
  consistent: boolean | null;
}

export interface CaseDocumentFacts {
  document_id: string;
  filename: string;
  document_type: DocumentType | null;
  fields: Record<string, ExtractedField>;
}

export interface MatrixInput {
  claims: CaseClaims;
  documents: CaseDocumentFacts[];
  companiesHouse?: CompanyProfile;
  hmrc?: VatRegistration['target'];
  names: NameThresholds;
}

/** A source's raw value before comparison. */
interface Value<T> {
  source: MatrixSource;
  document?: CaseDocumentFacts;
  value: T | undefined;
}

interface Comparison {
  agrees: boolean;
  similarity: number | null;
}

interface RowSpec<T> {
  attribute: MatrixAttribute;
  values: Value<T>[];
  show(v: T): string;
  normalise(v: T): string;
  compare(v: T, reference: T): Comparison;
}

/** The first source with a value is the reference: registries first, then the claims, then documents. */
const PRIORITY: MatrixSource[] = ['companies_house', 'hmrc', 'claims', 'document'];

function buildRow<T>(spec: RowSpec<T>): MatrixRow {
  const present = spec.values.filter((v) => v.value !== undefined);
  const ref = PRIORITY.map((s) => present.find((v) => v.source === s)).find(Boolean);
  const cells = spec.values.map((v): MatrixCell => {
    const base = { source: v.source, document_id: v.document?.document_id ?? null, document_type: v.document?.document_type ?? null };
    if (v.value === undefined) return { ...base, value: null, normalised: null, status: 'missing', similarity: null, reference: false };
    const isRef = v === ref;
    const c = isRef ? { agrees: true, similarity: 1 } : spec.compare(v.value, ref!.value as T);
    return {
      ...base,
      value: spec.show(v.value),
      normalised: spec.normalise(v.value),
      status: c.agrees ? 'agree' : 'disagree',
      similarity: c.similarity,
      reference: isRef,
    };
  });
  const compared = cells.filter((c) => c.status !== 'missing');
  return {
    attribute: spec.attribute,
    reference_source: ref?.source ?? null,
    cells,
    consistent: compared.length < 2 ? null : compared.every((c) => c.status === 'agree'),
  };
}

const text = (f: ExtractedField | undefined) => (f?.value?.trim() ? f.value.trim() : undefined);

interface Address {
  line: string | undefined;
  postcode: string | undefined;
  full: string;
}

function addressOf(line: string | undefined, postcode: string | undefined): Address | undefined {
  const pc = normalisePostcode(postcode) ?? postcodeIn(line);
  if (!line && !pc) return undefined;
  return { line, postcode: pc, full: [line, pc].filter(Boolean).join(', ') };
}

/** A one-line address (a claim), split into its first line and its postcode. */
function addressFromText(input: string | undefined): Address | undefined {
  if (!input?.trim()) return undefined;
  const postcode = postcodeIn(input);
  const line = input.split(/[,\n]/)[0]?.trim();
  return { line: line || undefined, postcode, full: input.trim() };
}

function compareAddress(a: Address, reference: Address): Comparison {
  const c = compareAddresses(
    {
      documentAddress: a.line ?? a.full,
      documentPostcode: a.postcode,
      registeredLine: reference.line,
      registeredPostcode: reference.postcode,
    },
    'the reference',
  );
  const similarity = typeof c.evidence.line_similarity === 'number' ? c.evidence.line_similarity : null;
  return { agrees: c.status === 'pass' || c.status === 'warn', similarity };
}

const normalisedAddress = (a: Address) => [a.line ? normaliseAddressLine(a.line) : undefined, a.postcode].filter(Boolean).join(' ');

const exact = <T>(a: T, b: T): Comparison => ({ agrees: a === b, similarity: a === b ? 1 : 0 });

function documentValues<T>(documents: CaseDocumentFacts[], read: (d: CaseDocumentFacts) => T | undefined): Value<T>[] {
  return documents.map((d) => ({ source: 'document', document: d, value: read(d) }));
}

/** Every attribute the documents, the claims and the registries can state, side by side. */
export function buildMatrix(input: MatrixInput): MatrixRow[] {
  const { claims, documents, companiesHouse: ch, hmrc, names } = input;
  const chAddress = ch ? addressOf(registeredFirstLine(ch), ch.registered_office_address?.postal_code) : undefined;
  const docAddress = (d: CaseDocumentFacts) => addressOf(text(d.fields.address), text(d.fields.postcode));
  const rows: MatrixRow[] = [
    buildRow<string>({
      attribute: 'legal_name',
      values: [
        { source: 'companies_house', value: ch?.company_name },
        { source: 'hmrc', value: hmrc?.name },
        { source: 'claims', value: claims.company_name },
        ...documentValues(documents, (d) => text(d.fields.company_name)),
      ],
      show: (v) => v,
      normalise: (v) => {
        const n = normaliseCompanyName(v);
        return [n.core, n.form].filter(Boolean).join(' ');
      },
      compare: (v, ref) => {
        const c = compareNames(v, ref);
        return { agrees: nameVerdict(c, names) === 'match', similarity: c.similarity };
      },
    }),
    buildRow<string>({
      attribute: 'company_number',
      values: [
        { source: 'companies_house', value: ch?.company_number },
        { source: 'claims', value: claims.company_number },
        ...documentValues(documents, (d) => text(d.fields.company_number)),
      ],
      show: (v) => v,
      normalise: canonicalCompanyNumber,
      compare: (v, ref) => exact(canonicalCompanyNumber(v), canonicalCompanyNumber(ref)),
    }),
    buildRow<Address>({
      attribute: 'registered_address',
      values: [
        { source: 'companies_house', value: chAddress },
        { source: 'hmrc', value: hmrc?.address ? addressOf(hmrc.address.line1, hmrc.address.postcode) : undefined },
        ...documentValues(documents, docAddress),
      ],
      show: (a) => a.full,
      normalise: normalisedAddress,
      compare: compareAddress,
    }),
    buildRow<Address>({
      attribute: 'trading_address',
      values: [{ source: 'claims', value: addressFromText(claims.trading_address) }, ...documentValues(documents, docAddress)],
      show: (a) => a.full,
      normalise: normalisedAddress,
      compare: compareAddress,
    }),
    buildRow<string>({
      attribute: 'vat_number',
      values: [
        { source: 'hmrc', value: hmrc?.vatNumber },
        { source: 'claims', value: claims.vat_number },
        ...documentValues(documents, (d) => text(d.fields.vat_number)),
      ],
      show: (v) => v,
      normalise: (v) => canonicalVrn(v) ?? v.replace(/\s+/g, '').toUpperCase(),
      compare: (v, ref) => exact(canonicalVrn(v) ?? v, canonicalVrn(ref) ?? ref),
    }),
    buildRow<string>({
      attribute: 'incorporation_date',
      values: [
        { source: 'companies_house', value: ch?.date_of_creation },
        ...documentValues(documents, (d) => text(d.fields.incorporation_date)),
      ],
      show: (v) => v,
      normalise: (v) => v.slice(0, 10),
      compare: (v, ref) => exact(v.slice(0, 10), ref.slice(0, 10)),
    }),
  ];
  // Directors appear only where a document prints them; the registry's officers are not fetched.
  if (documents.some((d) => text(d.fields.directors))) {
    const people = (v: string) =>
      v
        .split(/[,;\n]/)
        .map((p) => p.trim().toUpperCase().replace(/\s+/g, ' '))
        .filter(Boolean)
        .sort()
        .join('; ');
    rows.push(
      buildRow<string>({
        attribute: 'directors',
        values: documentValues(documents, (d) => text(d.fields.directors)),
        show: (v) => v,
        normalise: people,
        compare: (v, ref) => exact(people(v), people(ref)),
      }),
    );
  }
  return rows;
}

const SOURCE_LABEL: Record<MatrixSource, string> = {
  companies_house: 'Companies House',
  hmrc: 'HMRC',
  claims: 'the claims',
  document: 'a document',
};

function whose(cell: MatrixCell, documents: CaseDocumentFacts[]): string {
  if (cell.source !== 'document') return SOURCE_LABEL[cell.source];
  const d = documents.find((x) => x.document_id === cell.document_id);
  return `the ${(cell.document_type ?? 'document').replace(/_/g, ' ')} (${d?.filename ?? cell.document_id})`;
}

/**
 * Disagreements as case-level checks with reason codes. An address on a document may be the
 * registered office or the declared trading address: it fails only when it is neither.
 */
export function consistencyChecks(rows: MatrixRow[], documents: CaseDocumentFacts[]): Check[] {
  const checks: Check[] = [];
  const row = (a: MatrixAttribute) => rows.find((r) => r.attribute === a);
  for (const r of rows) {
    if (r.attribute === 'registered_address' || r.attribute === 'trading_address') continue;
    const id = `case.consistency.${r.attribute}`;
    if (r.consistent === null) continue;
    const ref = r.cells.find((c) => c.reference)!;
    const against = r.reference_source!;
    const disagreeing = r.cells.filter((c) => c.status === 'disagree');
    if (disagreeing.length === 0) {
      checks.push(
        check(id, 'pass', `${r.attribute}_consistent`, `Every source gives the same ${r.attribute.replace(/_/g, ' ')}.`, {
          reference_source: against,
        }),
      );
      continue;
    }
    for (const c of disagreeing) {
      checks.push(
        check(
          id,
          'fail',
          `${r.attribute}_differs_from_${against}`,
          `${whose(c, documents)} gives ${r.attribute.replace(/_/g, ' ')} "${c.value}", not ${SOURCE_LABEL[against]}'s "${ref.value}".`,
          {
            source: c.source,
            document_id: c.document_id,
            value: c.value,
            normalised: c.normalised,
            reference_source: against,
            reference_value: ref.value,
            similarity: c.similarity,
          },
        ),
      );
    }
  }
  checks.push(...addressChecks(row('registered_address'), row('trading_address'), documents));
  return checks;
}

function addressChecks(registered: MatrixRow | undefined, trading: MatrixRow | undefined, documents: CaseDocumentFacts[]): Check[] {
  const id = 'case.consistency.address';
  const out: Check[] = [];
  const hmrc = registered?.cells.find((c) => c.source === 'hmrc' && c.status === 'disagree');
  if (hmrc) {
    out.push(
      check(id, 'fail', 'hmrc_address_differs_from_companies_house', `HMRC's address "${hmrc.value}" is not the registered office.`, {
        value: hmrc.value,
        similarity: hmrc.similarity,
      }),
    );
  }
  for (const d of documents) {
    const reg = registered?.cells.find((c) => c.document_id === d.document_id);
    const trade = trading?.cells.find((c) => c.document_id === d.document_id && !c.reference);
    if (!reg || reg.status === 'missing') continue;
    const matchesRegistered = reg.status === 'agree' && registered?.reference_source !== 'document';
    const matchesTrading = trade?.status === 'agree' && trading?.reference_source === 'claims';
    if (matchesRegistered || matchesTrading) continue;
    if (registered?.reference_source === 'document' && trading?.reference_source !== 'claims') continue;
    out.push(
      check(
        id,
        'fail',
        'address_neither_registered_nor_trading',
        `${whose(reg, documents)} is addressed to "${reg.value}", which is neither the registered office nor the declared trading address.`,
        {
          document_id: d.document_id,
          value: reg.value,
          registered_similarity: reg.similarity,
          trading_similarity: trade?.similarity ?? null,
        },
      ),
    );
  }
  const anyAddress = documents.some((d) => registered?.cells.find((c) => c.document_id === d.document_id)?.status !== 'missing');
  if (out.length === 0 && anyAddress)
    out.push(check(id, 'pass', 'addresses_consistent', 'Every address shown is the registered office or the declared trading address.'));
  return out;
}
