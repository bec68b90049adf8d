import type { Claims, DocumentType, ExtractedField } from '../domain';
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
  /** What the document was classified as: only a certificate of incorporation dates the incorporation. */
  documentType?: DocumentType | null;
  claims: Claims;
}

export function subjectOf(fields: Record<string, ExtractedField>, claims: Claims, documentType?: DocumentType | null): Subject {
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
    documentType,
    claims,
  };
}
