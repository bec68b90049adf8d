import type { DocumentType } from '../domain';

export const FIELD_NAMES = [
  'company_name',
  'company_number',
  'incorporation_date',
  'vat_number',
  'address',
  'postcode',
  'document_date',
  'statement_period',
  'sort_code',
  'account_number',
] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

/**
 * The fields each type of document states about the business it is addressed to. Others it may
 * print (a utility's own VAT number, a bank's office postcode) belong to someone else.
 */
export const FIELDS_BY_TYPE: Record<DocumentType, readonly FieldName[]> = {
  certificate_of_incorporation: ['company_name', 'company_number', 'incorporation_date', 'document_date'],
  vat_registration_certificate: ['company_name', 'vat_number', 'company_number', 'address', 'postcode', 'document_date'],
  bank_statement: ['company_name', 'address', 'postcode', 'sort_code', 'account_number', 'statement_period', 'document_date'],
  utility_bill: ['company_name', 'address', 'postcode', 'document_date'],
  unknown: FIELD_NAMES,
};
