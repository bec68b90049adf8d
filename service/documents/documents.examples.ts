import type { Check, DecisionCounts, DecisionReason, Verification } from '../../worker';
import type { DirectUpload, DocumentView, TaskAccepted, UploadAccepted } from './documents.dto';

/**
 * The examples the spec shows for document responses (tsoa copies each `@Example` literal into
 * openapi.json). One story runs through all of them: a certificate of incorporation for
 * 09446231 EXAMPLE TRADING LTD, uploaded, read, verified and then confirmed by a reviewer.
 */
export const uploadAcceptedExample: UploadAccepted = {
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  status: 'queued',
};

/** The form fields of an upload beside the file (the spec shows them on the multipart schema). */
export const uploadFormExample = {
  company_number: '09446231',
  company_name: 'Example Trading Ltd',
  vat_number: 'GB123456789',
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
};

export const taskAcceptedExample: TaskAccepted = { task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c' };

export const numberMatchCheck: Check = {
  id: 'companies_house.number_match',
  status: 'pass',
  reason_code: 'number_matches',
  message: 'The company number on the document is registered at Companies House.',
  evidence: { document: '09446231', registry: '09446231' },
};

export const statusActiveCheck: Check = {
  id: 'companies_house.status_active',
  status: 'pass',
  reason_code: 'active',
  message: 'Companies House lists the company as active.',
  evidence: { company_status: 'active' },
};

export const allConditionsMet: DecisionReason = {
  code: 'all_conditions_met',
  check_id: null,
  message: 'Every check passed and the score meets the threshold.',
};

export const exampleVerification: Verification = {
  decision: 'verified',
  score: 100,
  checks: [numberMatchCheck, statusActiveCheck],
  reasons: [allConditionsMet],
  decided_at: '2026-11-30T09:41:12.482Z',
  policy_version: 'kyb-policy-1',
};

export const documentViewExample: DocumentView = {
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  status: 'completed',
  filename: 'certificate-of-incorporation.pdf',
  content_type: 'application/pdf',
  size_bytes: 48213,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  pages: 1,
  created_at: '2026-11-30T09:41:07.123Z',
  updated_at: '2026-11-30T09:41:12.482Z',
  text: 'CERTIFICATE OF INCORPORATION OF A PRIVATE LIMITED COMPANY\nCompany Number 09446231\nEXAMPLE TRADING LTD',
  error: null,
  claims: { company_number: '09446231', company_name: 'Example Trading Ltd', vat_number: 'GB123456789' },
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  page_info: [{ number: 1, source: 'text_layer', chars: 1184 }],
  document_type: 'certificate_of_incorporation',
  classification: { confidence: 0.97, reasons: ['Title reads "Certificate of Incorporation"', 'Issued by the Registrar of Companies'] },
  fields: {
    company_number: { value: '09446231', confidence: 0.99, source: 'rules', page: 1 },
    company_name: { value: 'EXAMPLE TRADING LTD', normalized: 'EXAMPLE TRADING', confidence: 0.96, source: 'rules+llm', page: 1 },
    incorporation_date: { value: '2015-02-16', raw: '16th February 2015', confidence: 0.95, source: 'rules', page: 1 },
  },
  verification: exampleVerification,
  verification_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  review: null,
  standing: { decision: 'verified', by: 'automatic' },
};

export const documentCountsExample: DecisionCounts = {
  total: 1250,
  verified: 1012,
  review: 143,
  rejected: 61,
  undecided: 34,
  open_reviews: 27,
  reviewed: 116,
};

/** A direct upload's form as the local store signs it (S3's carries the SigV4 policy fields instead). */
export const directUploadExample: DirectUpload = {
  key: 'documents/3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b/6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f.pdf',
  url: 'https://kyb.example.com/direct-uploads/local',
  fields: {
    key: 'documents/3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b/6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f.pdf',
    'Content-Type': 'application/pdf',
    Policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0zMFQwOTo1MTowNy4xMjNaIiwiY29uZGl0aW9ucyI6W119',
    'x-kyb-signature': '3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
  },
  expires_at: '2026-11-30T09:51:07.123Z',
  max_bytes: 20971520,
};
