import type { Claims, ExtractedField } from '../domain';
import { canonicalCompanyNumber } from '../registries/companies-house';

/** A value and where it came from, so every check can say which side it compared. */
export interface Sourced {
  value: string;
  source: 'document' | 'claim';
}

/** What the document and the applicant say about the business, read once for every check. */
export interface Subject {
  companyNumber?: Sourced;
  /** The name as printed on the document (never the claim: the document is what is verified). */
  documentName?: string;
  vatNumber?: Sourced;
  address?: string;
  postcode?: string;
  incorporationDate?: string;
  claims: Claims;
}

const digits = (text: string | undefined) => (text ?? '').replace(/\D/g, '');

/**
 * Whether the company number read is the printed VAT number, or part of it, taken for a company
 * number (a certificate's "Registration number GB 1259419 05" read both ways): one printed value
 * cannot be both, and the VAT number whose check digits hold is the better reading.
 */
function readInsideVatNumber(fields: Record<string, ExtractedField>): boolean {
  const number = fields.company_number;
  const vat = fields.vat_number;
  if (!number || !vat || vat.valid !== true || number.page !== vat.page) return false;
  const printed = digits(number.raw ?? number.value).replace(/^0+/, '');
  return printed.length >= 6 && digits(vat.raw ?? vat.value).includes(printed);
}

/**
 * The readings the checks compare: every extracted field, but a company number read out of the
 * printed VAT number, which the document does not give as a company number. It stays in the
 * document's fields (with its candidates) for anyone to see; the checks treat the number as not
 * printed, so Companies House is asked for the claimed one and the document's name must still match.
 */
export function comparedFields(fields: Record<string, ExtractedField>): Record<string, ExtractedField> {
  if (!readInsideVatNumber(fields)) return fields;
  const { company_number: _setAside, ...rest } = fields;
  return rest;
}

export function subjectOf(fields: Record<string, ExtractedField>, claims: Claims): Subject {
  const field = (name: string) => {
    const v = fields[name]?.value?.trim();
    return v ? v : undefined;
  };
  const pick = (doc: string | undefined, claim: string | undefined): Sourced | undefined =>
    doc ? { value: doc, source: 'document' } : claim ? { value: claim, source: 'claim' } : undefined;
  const number = pick(field('company_number'), claims.company_number);
  return {
    companyNumber: number ? { ...number, value: canonicalCompanyNumber(number.value) } : undefined,
    documentName: field('company_name'),
    vatNumber: pick(field('vat_number'), claims.vat_number),
    address: field('address'),
    postcode: field('postcode'),
    incorporationDate: field('incorporation_date'),
    claims,
  };
}
