import { randomUUID } from 'node:crypto';
import { Op, QueryTypes } from 'sequelize';
import { chainHash, ChainVerifier, GENESIS, type ChainReport } from '../../evidence/chain';
import { payloadDigest } from '../../evidence/digest';
import type { DecisionEvidence, EvidenceDraft, EvidenceOwner } from '../../evidence/types';
import type { EvidenceRecord, EvidenceRepository } from '../../evidence/port';
import type { Policy } from '../../verification/policy';
import { plainAll } from './columns';
import { PostgresRepository } from './repository';

/** How many records the verifier reads at a time. */
const VERIFY_BATCH = 500;

/**
 * Append and read evidence. There is deliberately no update or delete here: the database refuses both.
 * Each tenant's records form a hash chain; appends of one tenant take turns under an advisory lock.
 */
export class PostgresEvidenceStore extends PostgresRepository implements EvidenceRepository {
  async record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    // One timestamp for the batch: a retried task may record twice, and a replay must use one run's answers.
    const recorded_at = new Date();
    await this.sequelize.transaction(async (transaction) => {
      await this.sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:key))', {
        replacements: { key: `evidence:${owner.tenant_id}` },
        transaction,
      });
      const last = await this.m.Evidence.findOne({
        where: { tenant_id: owner.tenant_id },
        order: [['chain_seq', 'DESC']],
        attributes: ['chain_seq', 'chain_hash'],
        transaction,
      });
      let seq = last?.chain_seq ?? 0;
      let previous = last?.chain_hash ?? GENESIS;
      const rows = drafts.map((d) => {
        // JSON round trip: what is digested is exactly what JSONB keeps (no undefined, no Date objects).
        const payload = JSON.parse(JSON.stringify(d.payload)) as Record<string, unknown>;
        const fields = {
          ...owner,
          id: randomUUID(),
          kind: d.kind,
          sha256: payloadDigest(payload),
          recorded_at,
          chain_seq: ++seq,
          prev_hash: previous,
        };
        previous = chainHash(fields);
        return { ...fields, payload, chain_hash: previous };
      });
      await this.m.Evidence.bulkCreate(rows, { transaction });
    });
  }

  async verifyChain(tenantId: string): Promise<ChainReport> {
    const verifier = new ChainVerifier(tenantId, await this.erasedLinks(tenantId));
    let after = 0;
    for (;;) {
      const batch = plainAll(
        await this.m.Evidence.findAll({
          where: { tenant_id: tenantId, chain_seq: { [Op.gt]: after } },
          order: [['chain_seq', 'ASC']],
          limit: VERIFY_BATCH,
        }),
      );
      verifier.add(batch);
      const report = verifier.report();
      if (batch.length < VERIFY_BATCH || report.broken) return report;
      after = batch[batch.length - 1]?.chain_seq ?? after;
    }
  }

  /** The links a recorded erasure (a document's deletion or purge) removed from the tenant's chain. */
  private async erasedLinks(tenantId: string): Promise<Map<number, string>> {
    const rows = await this.sequelize.query<{ seq: number; hash: string }>(
      `SELECT (link->>0)::int AS seq, link->>1 AS hash
         FROM audit_events a, jsonb_array_elements(a.details->'evidence_chain') link
        WHERE a.tenant_id = :tenantId AND a.action IN ('document.deleted', 'document.purged')
          AND jsonb_typeof(a.details->'evidence_chain') = 'array'`,
      { replacements: { tenantId }, type: QueryTypes.SELECT },
    );
    return new Map(rows.map((r) => [r.seq, r.hash]));
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
