import { z } from 'zod';
import {
  type DocumentReplay,
  type DocumentRepository,
  EvidenceIncomplete,
  isUuid,
  type EvidenceRepository,
  type Policy,
  type PolicyChoice,
  replayDocument,
  resolvePolicy,
  reviewOf,
  UnknownPolicyVersion,
} from '../../worker';
import { ServiceError, notFound } from '../errors';
import type { DocumentReplayView, EvidenceRecordView, ReplayRequest } from './cases.dto';

const checkIds = z.array(z.string().min(1).max(100)).max(100);
const threshold = z.number().min(0).max(1000);
const overridesSchema = z
  .object({
    verified_min_score: z.number().int().min(0).max(100).optional(),
    reject_on_fail: checkIds.optional(),
    tolerated_warnings: checkIds.optional(),
    anchors: z.array(checkIds).max(20).optional(),
    weights: z.record(z.string().min(1).max(100), z.number().min(0).max(100)).optional(),
    pixel_thresholds: z
      .object({ text_consistency: threshold, background: threshold, compression: threshold, copy_move: threshold })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
const choiceSchema = z.object({ policy_version: z.string().min(1).max(100).optional(), policy_overrides: overridesSchema.optional() });

export interface ReplayServiceDeps {
  repo: DocumentRepository;
  evidence: EvidenceRepository;
  /** The policy in force now. */
  currentPolicy: Policy;
}

/** Evidence of documents, and verdicts re-decided from it alone. */
export class ReplayService {
  constructor(private readonly deps: ReplayServiceDeps) {}

  /** Validates the request and finds the policy it names; unknown names and bad overrides are 422. */
  async policyFor(tenantId: string, body: ReplayRequest | undefined): Promise<Policy> {
    const parsed = choiceSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError('invalid', 'invalid_replay_request', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    try {
      return await resolvePolicy(parsed.data as PolicyChoice, this.deps.currentPolicy, (v) => this.deps.evidence.policyNamed(tenantId, v));
    } catch (error) {
      if (error instanceof UnknownPolicyVersion)
        throw new ServiceError('invalid', 'unknown_policy_version', error.message, { policy_version: error.version });
      throw error;
    }
  }

  /** Replays with a resolved policy; undefined when the document has no recorded verdict. */
  async replayWith(tenantId: string, documentId: string, policy: Policy): Promise<DocumentReplay | undefined> {
    const records = await this.deps.evidence.latestDecisionRecords(tenantId, documentId);
    if (records.length === 0) return undefined;
    try {
      return await replayDocument(documentId, records, policy);
    } catch (error) {
      if (error instanceof EvidenceIncomplete)
        throw new ServiceError('conflict', 'evidence_incomplete', error.message, { missing: error.missing });
      throw error;
    }
  }

  async replay(tenantId: string, documentId: string, body: ReplayRequest | undefined): Promise<DocumentReplayView> {
    await this.document(tenantId, documentId);
    const replay = await this.replayWith(tenantId, documentId, await this.policyFor(tenantId, body));
    if (!replay) throw new ServiceError('conflict', 'no_recorded_decision', 'The document has no recorded verdict to replay yet.');
    return { ...replay, review: reviewOf(await this.deps.evidence.forDocument(tenantId, documentId), replay.task_id) };
  }

  async records(tenantId: string, documentId: string): Promise<EvidenceRecordView[]> {
    await this.document(tenantId, documentId);
    const rows = await this.deps.evidence.forDocument(tenantId, documentId);
    return rows.map((r) => ({
      evidence_id: r.id,
      task_id: r.task_id,
      kind: r.kind,
      recorded_at: r.recorded_at.toISOString(),
      sha256: r.sha256,
      payload: r.payload,
    }));
  }

  private async document(tenantId: string, documentId: string): Promise<void> {
    const found = isUuid(documentId) ? await this.deps.repo.findDocument(tenantId, documentId) : null;
    if (!found) throw notFound();
  }
}
