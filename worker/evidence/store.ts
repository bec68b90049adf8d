import { createHash } from 'node:crypto';
import { Op } from 'sequelize';
import { EvidenceRow } from '../db/case-models';
import type { Policy } from '../verification/policy';
import type { DecisionEvidence, EvidenceDraft, EvidenceOwner, EvidenceSink } from './types';

/** JSON with object keys sorted, so the digest does not depend on how Postgres orders JSONB keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const payloadDigest = (payload: unknown): string => createHash('sha256').update(canonicalJson(payload)).digest('hex');

/** Append and read evidence. There is deliberately no update or delete here: the database refuses both. */
export class EvidenceStore implements EvidenceSink {
  async record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    // One timestamp for the batch: a retried task may record twice, and a replay must use one run's answers.
    const recorded_at = new Date();
    // JSON round trip: what is digested is exactly what JSONB keeps (no undefined, no Date objects).
    await EvidenceRow.bulkCreate(
      drafts.map((d) => {
        const payload = JSON.parse(JSON.stringify(d.payload)) as Record<string, unknown>;
        return { ...owner, kind: d.kind, payload, sha256: payloadDigest(payload), recorded_at };
      }),
    );
  }

  forDocument(tenantId: string, documentId: string): Promise<EvidenceRow[]> {
    return EvidenceRow.findAll({
      where: { tenant_id: tenantId, document_id: documentId },
      order: [
        ['recorded_at', 'ASC'],
        ['kind', 'ASC'],
      ],
    });
  }

  /** The records of the task behind the document's latest recorded decision. */
  async latestDecisionRecords(tenantId: string, documentId: string): Promise<EvidenceRow[]> {
    const decision = await EvidenceRow.findOne({
      where: { tenant_id: tenantId, document_id: documentId, kind: 'decision' },
      order: [['recorded_at', 'DESC']],
    });
    if (!decision) return [];
    return EvidenceRow.findAll({ where: { task_id: decision.task_id, recorded_at: decision.recorded_at }, order: [['kind', 'ASC']] });
  }

  /** A policy this tenant's decisions were made under, by its version name. */
  async policyNamed(tenantId: string, version: string): Promise<Policy | undefined> {
    const row = await EvidenceRow.findOne({
      where: { tenant_id: tenantId, kind: 'decision', payload: { policy_version: version } },
      order: [['recorded_at', 'DESC']],
    });
    return (row?.payload as DecisionEvidence | undefined)?.policy;
  }

  /** Latest registry answers recorded for any of these documents: the case's view of the registries. */
  registryAnswers(tenantId: string, documentIds: string[]): Promise<EvidenceRow[]> {
    if (documentIds.length === 0) return Promise.resolve([]);
    return EvidenceRow.findAll({
      where: {
        tenant_id: tenantId,
        document_id: { [Op.in]: documentIds },
        kind: { [Op.in]: ['companies_house.profile', 'hmrc.vat_lookup'] },
      },
      order: [['recorded_at', 'DESC']],
    });
  }
}
