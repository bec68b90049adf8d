import type { Decision } from '../domain';
import type { ReviewDecision } from '../persistence/records';

/** Which decision stands: a person's, when one was made on the latest verdict, else the automatic one. */
export interface Standing<D extends string = Decision> {
  decision: D | ReviewDecision;
  /** `review` when a person's decision stands, `automatic` when the verdict's does. */
  by: 'automatic' | 'review';
}

export function standing<D extends string>(automatic: D, review: { decision: ReviewDecision } | null): Standing<D> {
  return review ? { decision: review.decision, by: 'review' } : { decision: automatic, by: 'automatic' };
}
