import { z } from 'zod';
import { isUuid, ReviewConflict, reviewCase, reviewDocument, standing, type Principal, type ReviewDeps } from '../../worker';
import { ServiceError, notFound } from '../errors';
import type { CaseReviewRequest, CaseReviewView, DocumentReviewRequest, DocumentReviewView } from './reviews.dto';

const reviewSchema = z.object({
  decision: z.enum(['verified', 'rejected']),
  reason_code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use 1-64 letters, digits, _ . or -'),
  note: z
    .string()
    .trim()
    .max(2000)
    .regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, 'control characters are not allowed')
    .optional(),
});

function parsed(body: DocumentReviewRequest | CaseReviewRequest) {
  const result = reviewSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? 'body');
    throw new ServiceError('invalid', 'invalid_review', `${field}: ${issue?.message}`, { field });
  }
  return { decision: result.data.decision, reason_code: result.data.reason_code, note: result.data.note || null };
}

/** A refused review is a conflict the reviewer resolves by opening the subject again. */
async function orConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReviewConflict) throw new ServiceError('conflict', error.code, error.message, error.details);
    throw error;
  }
}

/** People's decisions on documents and cases, recorded beside the automatic ones. */
export class ReviewsService {
  constructor(private readonly deps: ReviewDeps) {}

  async reviewDocument(principal: Principal, documentId: string, body: DocumentReviewRequest): Promise<DocumentReviewView> {
    const request = parsed(body);
    const review = isUuid(documentId)
      ? await orConflict(() =>
          reviewDocument(this.deps, {
            ...request,
            tenantId: principal.tenant_id,
            documentId,
            verificationId: String(body.verification_id),
            reviewer: { key_id: principal.key_id, role: principal.role },
          }),
        )
      : undefined;
    if (!review) throw notFound();
    return { document_id: documentId, review, standing: standing(review.seen.decision, review) };
  }

  async reviewCase(principal: Principal, caseId: string, body: CaseReviewRequest): Promise<CaseReviewView> {
    const request = parsed(body);
    const review = isUuid(caseId)
      ? await orConflict(() =>
          reviewCase(this.deps, {
            ...request,
            tenantId: principal.tenant_id,
            caseId,
            version: String(body.version),
            reviewer: { key_id: principal.key_id, role: principal.role },
          }),
        )
      : undefined;
    if (!review) throw notFound('Case');
    return { case_id: caseId, review, standing: standing(review.seen.decision, review) };
  }
}
