import type { Policy } from '../verification/policy';
import type { EvidenceDraft, EvidenceOwner, EvidenceSink } from './types';

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
}

/** Append and read evidence. There is deliberately no update or delete. */
export interface EvidenceRepository extends EvidenceSink {
  record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void>;
  forDocument(tenantId: string, documentId: string): Promise<EvidenceRecord[]>;
  /** The records of the task behind the document's latest recorded decision. */
  latestDecisionRecords(tenantId: string, documentId: string): Promise<EvidenceRecord[]>;
  /** A policy this tenant's decisions were made under, by its version name. */
  policyNamed(tenantId: string, version: string): Promise<Policy | undefined>;
  /** Latest registry answers recorded for any of these documents: the case's view of the registries. */
  registryAnswers(tenantId: string, documentIds: string[]): Promise<EvidenceRecord[]>;
}
