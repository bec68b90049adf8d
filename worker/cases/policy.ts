import type { CaseDecision, Check, Decision, DocumentStatus, DocumentType } from '../domain';

export const CASE_POLICY_VERSION = 'kyb-case-policy-1';

// The type lives in the domain, so evidence (which records case reviews) needs nothing of cases.
export type { CaseDecision };

export interface CaseDocumentVerdict {
  document_id: string;
  status: DocumentStatus;
  document_type: DocumentType | null;
  decision: Decision | null;
}

export interface CaseReason {
  code: string;
  message: string;
  document_id?: string;
  check_id?: string;
}

export interface CaseVerdict {
  decision: CaseDecision;
  reasons: CaseReason[];
  policy_version: string;
}

/**
 * One decision for the business. Any rejected document rejects the case; documents still being
 * worked on leave it pending; a missing required type leaves it incomplete; anything a person must
 * look at (a document in review or failed, a case-level check that failed) sends it to review.
 * Verified only when every required type is there and every document and case check is clean.
 */
export function decideCase(documents: CaseDocumentVerdict[], checks: Check[], required: DocumentType[]): CaseVerdict {
  const reasons: Record<CaseDecision, CaseReason[]> = { rejected: [], pending: [], incomplete: [], review: [], verified: [] };
  for (const d of documents) {
    if (d.status === 'queued' || d.status === 'processing') {
      reasons.pending.push({ code: 'document_pending', message: 'A document is still being processed.', document_id: d.document_id });
    } else if (d.status === 'failed') {
      reasons.review.push({ code: 'document_failed', message: 'A document could not be processed.', document_id: d.document_id });
    } else if (d.decision === 'rejected') {
      reasons.rejected.push({ code: 'document_rejected', message: 'A document was rejected.', document_id: d.document_id });
    } else if (d.decision !== 'verified') {
      reasons.review.push({ code: 'document_in_review', message: 'A document needs review.', document_id: d.document_id });
    }
  }
  const present = new Set(documents.filter((d) => d.status === 'completed').map((d) => d.document_type));
  for (const type of required) {
    if (!present.has(type))
      reasons.incomplete.push({ code: 'missing_document_type', message: `The case needs a ${type.replace(/_/g, ' ')}.` });
  }
  if (documents.length === 0 && required.length === 0)
    reasons.incomplete.push({ code: 'no_documents', message: 'The case has no documents.' });
  for (const c of checks) {
    if (c.status === 'fail' || c.status === 'error' || c.status === 'warn') {
      reasons.review.push({ code: c.reason_code, message: c.message, check_id: c.id });
    }
  }
  const order: CaseDecision[] = ['rejected', 'pending', 'incomplete', 'review'];
  const decision = order.find((d) => reasons[d].length > 0) ?? 'verified';
  const all = order.flatMap((d) => reasons[d]);
  return {
    decision,
    reasons: all.length ? all : [{ code: 'all_conditions_met', message: 'Every required document is verified and consistent.' }],
    policy_version: CASE_POLICY_VERSION,
  };
}
