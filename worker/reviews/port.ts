import type { CaseDecision } from '../cases/policy';
import type { ReviewDecision } from '../persistence/records';

/** Where a case stands now: its assessed decision and the review of it, if one stands. */
export interface CaseStanding {
  decision: CaseDecision;
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
}

/** The review state kept beside documents and cases (the reviews themselves are evidence). */
export interface ReviewRepository {
  /**
   * Marks the document reviewed, only while `verificationId` is still its latest verification;
   * false, writing nothing, when a newer one has completed since.
   */
  markDocument(tenantId: string, documentId: string, verificationId: string, decision: ReviewDecision, at: Date): Promise<boolean>;
  /** Records where the case stands. */
  markCase(tenantId: string, caseId: string, standing: CaseStanding): Promise<void>;
}
