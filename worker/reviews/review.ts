import { createHash } from 'node:crypto';
import type { CaseMember, CaseRecord, CaseRepository } from '../cases/port';
import type { TaskFinished } from '../domain';
import { assessCase, loadCaseInputs } from '../cases/assess';
import type { CaseDecision } from '../cases/policy';
import type { EvidenceRecord, EvidenceRepository } from '../evidence/port';
import type { Logger } from '../logger';
import type { DocumentRepository } from '../persistence/port';
import type { NameThresholds } from '../verification/names';
import type { ReviewNotifier } from './notify';
import type { ReviewRepository } from './port';
import type { CaseReviewEvidence, Reviewer, ReviewEvidence, ReviewRequest } from '../evidence/types';
import { standing } from './types';

/** Why a review was refused: the subject changed since the reviewer opened it, or there is no verdict to review yet. */
export class ReviewConflict extends Error {
  constructor(
    readonly code: 'stale_verification' | 'stale_case_version' | 'no_verification',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ReviewConflict';
  }
}

export interface ReviewDeps {
  documents: Pick<DocumentRepository, 'findDocument' | 'latestResult'>;
  cases: CaseRepository;
  evidence: EvidenceRepository;
  reviews: ReviewRepository;
  names: NameThresholds;
  /** Sends the signed review webhook; absent when no receiver is configured. */
  notify?: ReviewNotifier;
  log: Logger;
  now?: () => Date;
}

/** The review that stands on this verification: the latest one recorded for it, if any. */
export function reviewOf(records: EvidenceRecord[], verificationId: string | null): ReviewEvidence | null {
  const reviews = records.filter((r) => r.kind === 'review' && r.task_id === verificationId);
  return (reviews.at(-1)?.payload as ReviewEvidence | undefined) ?? null;
}

/** The case review that stands on this version of the case, if any. */
export function caseReviewOf(records: EvidenceRecord[], caseId: string, version: string): CaseReviewEvidence | null {
  const reviews = records
    .filter((r) => r.kind === 'case_review')
    .map((r) => r.payload as unknown as CaseReviewEvidence)
    .filter((p) => p.case_id === caseId && p.seen.version === version);
  return reviews.at(-1) ?? null;
}

/** Which verification of which document the case's decision rests on; any newer verification changes it. */
export function caseVersion(members: CaseMember[]): string {
  const parts = members.map((m) => `${m.document.id}:${m.result?.task_id ?? 'none'}`).sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/** Tells the receiver without holding up the reviewer: the review is recorded whatever the receiver does. */
function send(deps: ReviewDeps, tenantId: string, message: Parameters<ReviewNotifier>[1]): void {
  deps.notify?.(tenantId, message).catch((err: unknown) => deps.log.warn({ err }, 'review webhook failed'));
}

export interface DocumentReviewInput extends ReviewRequest {
  tenantId: string;
  documentId: string;
  /** The verification the reviewer saw (the document view's verification_id). */
  verificationId: string;
  reviewer: Reviewer;
}

/**
 * Records a person's decision on a document's latest automatic verdict: appended to its evidence
 * beside the verdict (which stays as it was), then marked on the document for the queue. Refused
 * when a newer verification exists than the one the reviewer saw. Undefined when there is no such document.
 */
export async function reviewDocument(deps: ReviewDeps, input: DocumentReviewInput): Promise<ReviewEvidence | undefined> {
  const document = await deps.documents.findDocument(input.tenantId, input.documentId);
  if (!document) return undefined;
  const result = await deps.documents.latestResult(document.id);
  const verdict = result?.verification;
  if (!result || !verdict) throw new ReviewConflict('no_verification', 'The document has no verdict to review yet.');
  const stale = () =>
    new ReviewConflict(
      'stale_verification',
      'The document was verified again since you opened it; open it again and review the new verdict.',
      {
        current_verification_id: result.task_id,
      },
    );
  if (result.task_id !== input.verificationId) throw stale();
  const review: ReviewEvidence = {
    decision: input.decision,
    reason_code: input.reason_code,
    note: input.note,
    reviewer: input.reviewer,
    reviewed_at: (deps.now?.() ?? new Date()).toISOString(),
    seen: { verification_id: result.task_id, decision: verdict.decision, policy_version: verdict.policy_version, score: verdict.score },
  };
  // Evidence first: if a newer verification lands in between, the record still says truly what this person decided on.
  await deps.evidence.record({ tenant_id: input.tenantId, document_id: document.id, task_id: result.task_id }, [
    { kind: 'review', payload: review },
  ]);
  if (!(await deps.reviews.markDocument(input.tenantId, document.id, result.task_id, input.decision, new Date(review.reviewed_at))))
    throw stale();
  send(deps, input.tenantId, {
    event: 'document.reviewed',
    document_id: document.id,
    reviewed_version: result.task_id,
    automatic_decision: verdict.decision,
    decision: review.decision,
    reason_code: review.reason_code,
    reviewed_at: review.reviewed_at,
    reviewer_key_id: review.reviewer.key_id,
    standing: standing(verdict.decision, review),
  });
  return review;
}

export interface CaseReviewInput extends ReviewRequest {
  tenantId: string;
  caseId: string;
  /** The case version the reviewer saw (the case view's version). */
  version: string;
  reviewer: Reviewer;
}

/** The case as it stands now: its members, its assessed decision and its version. */
export async function currentCase(deps: Pick<ReviewDeps, 'cases' | 'evidence' | 'names'>, row: CaseRecord) {
  const inputs = await loadCaseInputs(deps, row);
  const assessment = assessCase({ ...inputs, row, names: deps.names });
  return { inputs, assessment, version: caseVersion(inputs.members) };
}

/**
 * Records a person's decision on a case: appended to the evidence of every document the case
 * decision rests on, then marked on the case. Refused when any document was verified again (or
 * joined or left the case) since the reviewer opened it. Undefined when there is no such case.
 */
export async function reviewCase(deps: ReviewDeps, input: CaseReviewInput): Promise<CaseReviewEvidence | undefined> {
  const row = await deps.cases.find(input.tenantId, input.caseId);
  if (!row) return undefined;
  const { inputs, assessment, version } = await currentCase(deps, row);
  const decided = inputs.members.flatMap(({ document, result }) =>
    result?.verification ? [{ document, result, verdict: result.verification }] : [],
  );
  if (decided.length === 0) throw new ReviewConflict('no_verification', 'No document of the case has a verdict to review yet.');
  if (version !== input.version)
    throw new ReviewConflict('stale_case_version', 'The case changed since you opened it; open it again and review it as it is now.', {
      current_version: version,
    });
  const review: CaseReviewEvidence = {
    case_id: row.id,
    decision: input.decision,
    reason_code: input.reason_code,
    note: input.note,
    reviewer: input.reviewer,
    reviewed_at: (deps.now?.() ?? new Date()).toISOString(),
    seen: {
      version,
      decision: assessment.verdict.decision,
      policy_version: assessment.verdict.policy_version,
      documents: decided.map((m) => ({ document_id: m.document.id, verification_id: m.result.task_id, decision: m.verdict.decision })),
    },
  };
  for (const member of decided) {
    await deps.evidence.record({ tenant_id: input.tenantId, document_id: member.document.id, task_id: member.result.task_id }, [
      { kind: 'case_review', payload: review },
    ]);
  }
  const automatic: CaseDecision = assessment.verdict.decision;
  await deps.reviews.markCase(input.tenantId, row.id, {
    decision: automatic,
    review_decision: review.decision,
    reviewed_at: new Date(review.reviewed_at),
  });
  send(deps, input.tenantId, {
    event: 'case.reviewed',
    case_id: row.id,
    reviewed_version: version,
    automatic_decision: automatic,
    decision: review.decision,
    reason_code: review.reason_code,
    reviewed_at: review.reviewed_at,
    reviewer_key_id: review.reviewer.key_id,
    standing: standing(automatic, review),
  });
  return review;
}

/**
 * Keeps each case's stored decision current as its documents finish, for the case list's filter.
 * A member's new verdict changes what a case review was made on, so that review no longer stands;
 * a failed task changes no verdict and leaves it. Then the next listener runs; failures are only logged.
 */
export function withCaseStanding(
  deps: Pick<ReviewDeps, 'cases' | 'evidence' | 'names' | 'reviews' | 'log'>,
  next: ((event: TaskFinished) => Promise<void>) | undefined,
): (event: TaskFinished) => Promise<void> {
  return async (event) => {
    try {
      const row = await deps.cases.caseOf(event.tenant_id, event.document_id);
      if (row) {
        const { assessment } = await currentCase(deps, row);
        const keep = event.state !== 'completed';
        await deps.reviews.markCase(row.tenant_id, row.id, {
          decision: assessment.verdict.decision,
          review_decision: keep ? row.review_decision : null,
          reviewed_at: keep ? row.reviewed_at : null,
        });
      }
    } catch (err) {
      deps.log.warn({ err, document_id: event.document_id }, "could not update the case's decision");
    }
    await next?.(event);
  };
}
