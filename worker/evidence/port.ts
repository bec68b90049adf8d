import type { Policy } from '../verification/policy';
import type { ChainReport } from './chain';
import type { EvidenceDraft, EvidenceOwner, EvidenceSink } from './types';

export type { BrokenLink, ChainReport } from './chain';

/** One external answer (or recorded input) a decision used; records are never changed. */
export interface EvidenceRecord {
  id: string;
  tenant_id: string;
  document_id: string;
  task_id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Digest of the canonical payload, so a copy handed to an auditor can be checked against it. */
  sha256: string;
  recorded_at: Date;
  /** Its place in the tenant's chain, from 1. */
  chain_seq: number;
  /** The chain hash of the tenant's record before it (zeros for the first). */
  prev_hash: string;
  /** SHA-256 over this record's fields and prev_hash (worker/evidence/chain.ts). */
  chain_hash: string;
}

/** Append and read evidence. There is deliberately no update or delete. */
export interface EvidenceRepository extends EvidenceSink {
  /** Appends to the owner's tenant chain, one tenant's appends at a time; the signature other recorders (reviews) rely on. */
  record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void>;
  /** Walks a tenant's whole chain and names the first record that does not hold. */
  verifyChain(tenantId: string): Promise<ChainReport>;
  forDocument(tenantId: string, documentId: string): Promise<EvidenceRecord[]>;
  /** The records of the task behind the document's latest recorded decision. */
  latestDecisionRecords(tenantId: string, documentId: string): Promise<EvidenceRecord[]>;
  /** A policy this tenant's decisions were made under, by its version name. */
  policyNamed(tenantId: string, version: string): Promise<Policy | undefined>;
  /** Latest registry answers recorded for any of these documents: the case's view of the registries. */
  registryAnswers(tenantId: string, documentIds: string[]): Promise<EvidenceRecord[]>;
}
