import type { CaseReviewEvidence, ReviewEvidence } from '../../worker';
import type { CaseReviewView, DocumentReviewView } from './reviews.dto';

/** The examples the spec shows for recorded reviews: a reviewer confirms what the automatic verdict left in review. */
const documentReview: ReviewEvidence = {
  decision: 'verified',
  reason_code: 'documents_match',
  note: 'Director confirmed by phone; address matches the utility bill.',
  reviewer: { key_id: '2a7d4c1e-9b3f-4e6a-8d5c-1f0e9a8b7c6d', role: 'reviewer' },
  reviewed_at: '2026-11-30T10:05:33.017Z',
  seen: { verification_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c', decision: 'review', policy_version: 'kyb-policy-1', score: 82 },
};

const caseReview: CaseReviewEvidence = {
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  decision: 'verified',
  reason_code: 'documents_match',
  note: 'Director confirmed by phone; address matches the utility bill.',
  reviewer: { key_id: '2a7d4c1e-9b3f-4e6a-8d5c-1f0e9a8b7c6d', role: 'reviewer' },
  reviewed_at: '2026-11-30T10:05:33.017Z',
  seen: {
    version: '4f1e7c2a9b3d5e6f8a0b1c2d3e4f5a6b',
    decision: 'review',
    policy_version: 'kyb-policy-1',
    documents: [
      { document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f', verification_id: 'b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c', decision: 'review' },
    ],
  },
};

export const documentReviewExample: DocumentReviewView = {
  document_id: '6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f',
  review: documentReview,
  standing: { decision: 'verified', by: 'review' },
};

export const caseReviewViewExample: CaseReviewView = {
  case_id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  review: caseReview,
  standing: { decision: 'verified', by: 'review' },
};
