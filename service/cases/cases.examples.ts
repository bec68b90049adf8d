import type { DecisionReason, DocumentReplay, MatrixRow } from '../../worker';
import { allConditionsMet, exampleVerification, numberMatchCheck, statusActiveCheck } from '../documents/documents.examples';
import type { AttachAccepted, CaseDecisionView, CaseReplayView, CaseView, DocumentReplayView, EvidenceRecordView } from './cases.dto';

/** The examples the spec shows for case and evidence responses: the case of 09446231 EXAMPLE TRADING LTD. */
export const attachAcceptedExample: AttachAccepted = {
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
};

const companyNumberRow: MatrixRow = {
  attribute: 'company_number',
  reference_source: 'companies_house',
  consistent: true,
  cells: [
    {
      source: 'companies_house',
      document_id: null,
      document_type: null,
      value: '09446231',
      normalised: '09446231',
      status: 'agree',
      similarity: null,
      reference: true,
    },
    {
      source: 'document',
      document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
      document_type: 'certificate_of_incorporation',
      value: '09446231',
      normalised: '09446231',
      status: 'agree',
      similarity: null,
      reference: false,
    },
  ],
};

const verifiedCase: CaseDecisionView = {
  decision: 'verified',
  reasons: [{ code: 'all_conditions_met', message: 'Every required document is verified and consistent.' }],
  policy_version: 'kyb-policy-1',
};

export const caseViewExample: CaseView = {
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  reference: 'onboarding-4471',
  claims: { company_number: '09446231', company_name: 'Example Trading Ltd', vat_number: 'GB123456789' },
  required_document_types: ['certificate_of_incorporation'],
  created_at: '2026-11-30T09:40:55.301Z',
  version: '4f1e7c2a9b3d5e6f8a0b1c2d3e4f5a6b',
  review: null,
  standing: { decision: 'verified', by: 'automatic' },
  documents: [
    {
      document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
      filename: 'certificate-of-incorporation.pdf',
      status: 'completed',
      document_type: 'certificate_of_incorporation',
      decision: 'verified',
      score: 100,
      policy_version: 'kyb-policy-1',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      created_at: '2026-11-30T09:41:07.123Z',
    },
  ],
  decision: verifiedCase,
  matrix: [companyNumberRow],
  checks: [],
  registries: {
    companies_house: {
      evidence_id: '8c7b6a59-4d3e-4f2a-9b1c-0d9e8f7a6b5c',
      fetched_at: '2026-11-30T09:41:10.902Z',
      etag: '"a1b2c3d4e5f6"',
      processing_date: null,
      consultation_number: null,
    },
    hmrc: null,
  },
};

const noAnchor: DecisionReason = {
  code: 'no_anchor',
  check_id: null,
  message: 'No anchor check passed: the overridden policy asks HMRC to confirm the VAT number.',
};

const originalVerdict: DocumentReplay['original'] = {
  decision: 'verified',
  score: 100,
  policy_version: 'kyb-policy-1',
  decided_at: '2026-11-30T09:41:12.482Z',
  reasons: [allConditionsMet],
};

const documentReplay: DocumentReplay = {
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  evidence_record_ids: ['8c7b6a59-4d3e-4f2a-9b1c-0d9e8f7a6b5c', '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6'],
  original: originalVerdict,
  replayed: {
    decision: 'verified',
    score: 100,
    policy_version: 'kyb-policy-1',
    decided_at: '2026-11-30T09:41:12.482Z',
    reasons: [allConditionsMet],
    checks: [numberMatchCheck, statusActiveCheck],
  },
  reproduces_original: true,
  decision_changed: false,
  changed_checks: [],
  why: { added: [], removed: [] },
};

export const documentReplayExample: DocumentReplayView = {
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  evidence_record_ids: ['8c7b6a59-4d3e-4f2a-9b1c-0d9e8f7a6b5c', '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6'],
  original: originalVerdict,
  replayed: {
    decision: 'review',
    score: 100,
    policy_version: 'kyb-policy-1+3e9a1f0c',
    decided_at: '2026-11-30T09:41:12.482Z',
    reasons: [noAnchor],
    checks: [numberMatchCheck, statusActiveCheck],
  },
  reproduces_original: false,
  decision_changed: true,
  changed_checks: [],
  why: {
    added: [noAnchor],
    removed: [allConditionsMet],
  },
  review: null,
};

export const caseReplayExample: CaseReplayView = {
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  policy_version: 'kyb-policy-1',
  original: verifiedCase,
  replayed: verifiedCase,
  decision_changed: false,
  documents: [documentReplay],
  not_replayed: [],
  review: null,
};

export const evidenceRecordsExample: EvidenceRecordView[] = [
  {
    evidence_id: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6',
    task_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
    kind: 'decision',
    recorded_at: '2026-11-30T09:41:12.490Z',
    sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    payload: { verification: exampleVerification },
  },
];
