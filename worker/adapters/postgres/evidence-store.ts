import { Op } from 'sequelize';
import { payloadDigest } from '../../evidence/digest';
import type { DecisionEvidence, EvidenceDraft, EvidenceOwner } from '../../evidence/types';
import type { EvidenceRecord, EvidenceRepository } from '../../evidence/port';
import type { Policy } from '../../verification/policy';
import { plainAll } from './columns';
import type { Models } from './models';

/** Append and read evidence. There is deliberately no update or delete here: the database refuses both. */
export class PostgresEvidenceStore implements EvidenceRepository {
  constructor(private readonly m: Pick<Models, 'Evidence'>) {}

  async record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    // One timestamp for the batch: a retried task may record twice, and a replay must use one run's answers.
    const recorded_at = new Date();
    // JSON round trip: what is digested is exactly what JSONB keeps (no undefined, no Date objects).
    await this.m.Evidence.bulkCreate(
      drafts.map((d) => {
        const payload = JSON.parse(JSON.stringify(d.payload)) as Record<string, unknown>;
        return { ...owner, kind: d.kind, payload, sha256: payloadDigest(payload), recorded_at };
      }),
    );
  }

  async forDocument(tenantId: string, documentId: string): Promise<EvidenceRecord[]> {
    return plainAll(
      await this.m.Evidence.findAll({
        where: { tenant_id: tenantId, document_id: documentId },
        order: [
          ['recorded_at', 'ASC'],
          ['kind', 'ASC'],
        ],
      }),
    );
  }

  /** The records of the task behind the document's latest recorded decision. */
  async latestDecisionRecords(tenantId: string, documentId: string): Promise<EvidenceRecord[]> {
    const decision = await this.m.Evidence.findOne({
      where: { tenant_id: tenantId, document_id: documentId, kind: 'decision' },
      order: [['recorded_at', 'DESC']],
    });
    if (!decision) return [];
    return plainAll(
      await this.m.Evidence.findAll({ where: { task_id: decision.task_id, recorded_at: decision.recorded_at }, order: [['kind', 'ASC']] }),
    );
  }

  /** A policy this tenant's decisions were made under, by its version name. */
  async policyNamed(tenantId: string, version: string): Promise<Policy | undefined> {
    const row = await this.m.Evidence.findOne({
      where: { tenant_id: tenantId, kind: 'decision', payload: { policy_version: version } },
      order: [['recorded_at', 'DESC']],
    });
    return (row?.payload as DecisionEvidence | undefined)?.policy;
  }

  /** Latest registry answers recorded for any of these documents: the case's view of the registries. */
  async registryAnswers(tenantId: string, documentIds: string[]): Promise<EvidenceRecord[]> {
    if (documentIds.length === 0) return [];
    return plainAll(
      await this.m.Evidence.findAll({
        where: {
          tenant_id: tenantId,
          document_id: { [Op.in]: documentIds },
          kind: { [Op.in]: ['companies_house.profile', 'hmrc.vat_lookup'] },
        },
        order: [['recorded_at', 'DESC']],
      }),
    );
  }
}
