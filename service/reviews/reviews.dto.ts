import type { CaseDecision, CaseReviewEvidence, ReviewDecision, ReviewEvidence, Standing } from '../../worker';

interface ReviewBody {
  /** The person's decision: `verified` or `rejected`. */
  decision: ReviewDecision;
  /**
   * A short code your team agreed on for why, e.g. `documents_match` or `altered_document`:
   * 1-64 letters, digits, `_`, `.` or `-`.
   * @example "documents_match"
   */
  reason_code: string;
  /**
   * What the reviewer wants the next person to know (up to 2,000 characters).
   * @example "Director confirmed by phone; address matches the utility bill."
   */
  note?: string;
}

export interface DocumentReviewRequest extends ReviewBody {
  /** The `verification_id` of the document view the reviewer decided on; a newer verification refuses the review (409). */
  verification_id: string;
}

export interface CaseReviewRequest extends ReviewBody {
  /** The `version` of the case view the reviewer decided on; a case changed since refuses the review (409). */
  version: string;
}

export interface DocumentReviewView {
  document_id: string;
  review: ReviewEvidence;
  /** The decision that stands now: the review's. */
  standing: Standing;
}

export interface CaseReviewView {
  case_id: string;
  review: CaseReviewEvidence;
  standing: Standing<CaseDecision>;
}
