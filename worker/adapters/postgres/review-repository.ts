import { QueryTypes } from 'sequelize';
import type { ReviewDecision } from '../../persistence/records';
import type { CaseStanding, ReviewRepository } from '../../reviews/port';
import { PostgresRepository } from './repository';

/** The review state beside documents and cases; the reviews themselves are evidence records. */
export class PostgresReviewRepository extends PostgresRepository implements ReviewRepository {
  /** One conditional UPDATE: it applies only while the verification is the document's latest, so a race with a new one is safe. */
  async markDocument(tenantId: string, documentId: string, verificationId: string, decision: ReviewDecision, at: Date): Promise<boolean> {
    const [, count] = await this.sequelize.query(
      `UPDATE documents SET review_decision = :decision, reviewed_at = :at
        WHERE id = :documentId AND tenant_id = :tenantId
          AND (SELECT task_id FROM results WHERE document_id = :documentId ORDER BY created_at DESC LIMIT 1) = :verificationId`,
      { replacements: { decision, at, documentId, tenantId, verificationId }, type: QueryTypes.UPDATE },
    );
    return count === 1;
  }

  async markCase(tenantId: string, caseId: string, standing: CaseStanding): Promise<void> {
    await this.m.Case.update(standing, { where: { id: caseId, tenant_id: tenantId } });
  }
}
