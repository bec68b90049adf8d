import type {
  Claims,
  Classification,
  DocumentStatus,
  DocumentType,
  ExtractedField,
  PageInfo,
  StageName,
  TaskKind,
  Verification,
} from '../domain';
import type { EvidenceDraft, EvidenceOwner, EvidenceSink } from '../evidence/types';
import type { CompanySnapshot, DetectedChange } from '../monitoring/types';
import type { Policy } from '../verification/policy';
import type {
  AuditAction,
  AuditRecord,
  CaseClaims,
  CaseRecord,
  DeliveryState,
  DocumentRecord,
  EvidenceRecord,
  MonitorEventRecord,
  MonitorRecord,
  MonitorSource,
  ResultRecord,
  TaskRecord,
  TenantRecord,
} from './records';

export type * from './records';

export interface NewDocument {
  id: string;
  tenant_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  claims: Claims;
  /** The case the document is uploaded into, if any. */
  case_id?: string;
}

/** A document with its latest result and task, as the most-read endpoint shows it. */
export interface DocumentViewRecord {
  id: string;
  status: DocumentStatus;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  pages: number | null;
  created_at: Date;
  updated_at: Date;
  text: string | null;
  error_code: string | null;
  error_message: string | null;
  claims: Claims | null;
  page_info: PageInfo[] | null;
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField> | null;
  verification: Verification | null;
  task_id: string | null;
}

export type ClaimOutcome =
  { kind: 'claimed'; task: TaskRecord; document: DocumentRecord } | { kind: 'finished' } | { kind: 'busy' } | { kind: 'missing' };

export interface ReadOutcome {
  pages: number | null;
  page_info: PageInfo[];
  page_texts: string[];
  text: string;
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField>;
  verification: Verification | null;
}

/** A failed document as an operator lists it. */
export interface FailedDocument {
  document_id: string;
  tenant: string;
  filename: string;
  error_code: string;
  error_message: string;
  failed_at: string;
}

export interface FailedQuery {
  limit: number;
  tenantId?: string;
  /** Only documents that failed at or after this time. */
  since?: Date;
}

/** Documents, their tasks and results. Every read that serves a client is tenant-scoped. */
export interface DocumentRepository {
  createWithTask(doc: NewDocument): Promise<{ document: DocumentRecord; task: TaskRecord }>;
  createTask(document: Pick<DocumentRecord, 'id' | 'tenant_id'>, kind: TaskKind, claims: Claims): Promise<TaskRecord>;
  /** The document with its latest result and task in one read; the per-page texts stay behind. */
  documentView(tenantId: string, id: string): Promise<DocumentViewRecord | null>;
  findDocument(tenantId: string, id: string): Promise<DocumentRecord | null>;
  findTask(tenantId: string, id: string): Promise<TaskRecord | null>;
  /** A task by id alone: for the worker, which acts on what the queue names. */
  findTaskById(id: string): Promise<TaskRecord | null>;
  latestResult(documentId: string): Promise<ResultRecord | null>;
  /** Documents of this tenant with the same bytes, other than this one. */
  findSameContent(tenantId: string, sha256: string, exceptId: string): Promise<DocumentRecord[]>;
  /**
   * Takes the task for this worker unless it is finished or another worker holds a live lease
   * (a redriven task that failed for want of attempts counts as unfinished); safe against races.
   */
  claim(taskId: string, leaseSeconds: number): Promise<ClaimOutcome>;
  /** Records progress and renews the lease: a worker that reports is alive. */
  progress(taskId: string, stage: StageName, percent: number, leaseSeconds: number): Promise<void>;
  /** Records the outcome of the claim `task` came from; false, writing nothing, when that claim was lost. */
  complete(task: Pick<TaskRecord, 'id' | 'document_id' | 'attempts'>, outcome: ReadOutcome): Promise<boolean>;
  /**
   * Ends an unfinished task as failed. With `attempt` (a worker's claim) only while that claim
   * holds; without it (the sweeper) for any task not yet finished. Returns whether it did.
   */
  fail(taskId: string, documentId: string, code: string, message: string, attempt?: number): Promise<boolean>;
  /** Deletes a document with its tasks, results and evidence, recording who did it; `removeOriginal` failing undoes it. */
  deleteDocument(
    document: Pick<DocumentRecord, 'id'>,
    actor: string,
    action: AuditAction,
    removeOriginal: () => Promise<void>,
  ): Promise<void>;
  auditTrail(documentId: string): Promise<AuditRecord[]>;
  /** Documents created before the cut-off, oldest first, a batch at a time. */
  expiredDocuments(before: Date, limit: number): Promise<DocumentRecord[]>;
  /** Tasks no worker is known to hold: queued for long (the send may have been lost) or with an expired lease. */
  stuckTasks(queuedBefore: Date, limit: number): Promise<TaskRecord[]>;
  /** Marks a queued task as just re-sent, so the sweeper does not send it again at once. */
  touch(taskId: string): Promise<void>;
  /** Gives the task back after a transient error; with `attempt`, only while that claim holds. */
  release(taskId: string, attempt?: number): Promise<void>;
  /** Failed documents across tenants, newest first, with the code and message they failed with: for operators. */
  failedDocuments(query: FailedQuery): Promise<FailedDocument[]>;
}

/** Runs work in one process at a time across every process sharing the database. */
export interface ExclusiveLock {
  /** Runs `work` if no other process holds the lock, else returns at once. */
  runExclusive(work: () => Promise<void>): Promise<void>;
}

export interface NewCase {
  tenant_id: string;
  claims: CaseClaims;
  reference: string | null;
  required_document_types: DocumentType[];
}

export interface CaseMember {
  document: DocumentRecord;
  result: ResultRecord | null;
  task: TaskRecord | null;
}

/** A document of another case of the same tenant that shares something with this case's documents. */
export interface SharedElsewhere {
  document_id: string;
  case_id: string;
  company_number: string | null;
  sha256: string;
  account_number: string | null;
  sort_code: string | null;
}

export type AttachOutcome = 'attached' | 'already_attached' | 'in_other_case';

/** Cases and their documents; every read is scoped to one tenant. */
export interface CaseRepository {
  create(input: NewCase): Promise<CaseRecord>;
  find(tenantId: string, id: string): Promise<CaseRecord | null>;
  /** The case a document belongs to, if any. */
  caseOf(tenantId: string, documentId: string): Promise<CaseRecord | null>;
  /** Puts the document in the case; a document belongs to one case at most. */
  attach(tenantId: string, caseId: string, documentId: string): Promise<AttachOutcome>;
  /** The case's documents, oldest first, each with its latest result and task. */
  members(caseId: string): Promise<CaseMember[]>;
  /** Documents in the tenant's other cases with the same bytes or bank account as any of these. Never crosses tenants. */
  sharedElsewhere(tenantId: string, caseId: string, hashes: string[], accounts: string[]): Promise<SharedElsewhere[]>;
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

export interface NewMonitor {
  tenant_id: string;
  company_number: string;
  vat_number: string | null;
  source: MonitorSource;
  source_id?: string | null;
}

export interface CheckOutcome {
  snapshot: CompanySnapshot;
  error: { code: string; message: string } | null;
  nextCheckAt: Date;
  changes: DetectedChange[];
  delivery: DeliveryState;
}

export interface DeliveryResult {
  state: DeliveryState;
  attempts: number;
  status: number | null;
  deliveredAt: Date | null;
}

/** Monitors and their events. Every read that serves a client is tenant-scoped. */
export interface MonitorRepository {
  /** The tenant's active monitor of this company, created when there is none; a VAT number given later is added. */
  ensure(monitor: NewMonitor, now?: Date): Promise<{ monitor: MonitorRecord; created: boolean }>;
  find(tenantId: string, id: string): Promise<MonitorRecord | null>;
  stop(monitor: Pick<MonitorRecord, 'id' | 'status'>, now?: Date): Promise<void>;
  events(monitorId: string, limit: number): Promise<MonitorEventRecord[]>;
  /** Takes up to `limit` due monitors, pushing their next check out by `leaseMs` so an overlapping round skips them. */
  claimDue(limit: number, leaseMs: number, now?: Date): Promise<MonitorRecord[]>;
  /** Stores the check's outcome and its events together, so an event is never lost nor stored twice. */
  recordCheck(
    monitor: Pick<MonitorRecord, 'id' | 'tenant_id' | 'company_number'>,
    outcome: CheckOutcome,
    now?: Date,
  ): Promise<MonitorEventRecord[]>;
  recordDelivery(eventId: string, result: DeliveryResult): Promise<void>;
}

export interface DeliveryAttempt {
  tenant_id: string;
  document_id: string;
  task_id: string;
  event: string;
  idempotency_key: string;
  url: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  delivered: boolean;
  duration_ms: number;
}

export interface DeliveryRecord extends DeliveryAttempt {
  id: string;
  created_at: Date;
}

/** Every webhook attempt, delivered or not. */
export interface WebhookDeliveryLog {
  record(attempt: DeliveryAttempt): Promise<void>;
  forTask(taskId: string): Promise<DeliveryRecord[]>;
}

export interface Principal {
  tenant_id: string;
  tenant: string;
  key_id: string;
}

/** A key as an operator lists it: never the key itself. */
export interface ApiKeyListing {
  id: string;
  tenant: string;
  prefix: string;
  label: string | null;
  revoked_at: Date | null;
}

/** Tenants and their API keys; keys are stored hashed, the plain key is shown once. */
export interface ApiKeyRepository {
  ensureTenant(name: string): Promise<TenantRecord>;
  /** Creates a key for the tenant (creating the tenant if new). */
  create(tenantName: string, options?: { key?: string; label?: string }): Promise<{ key: string; id: string; tenant_id: string }>;
  /** The tenant a key belongs to, or null for an unknown or revoked key. */
  authenticate(key: string): Promise<Principal | null>;
  has(key: string): Promise<boolean>;
  /** Revokes by key id or by the plain key; returns how many keys were revoked. */
  revoke(idOrKey: string): Promise<number>;
  /** Every key, oldest first. */
  list(): Promise<ApiKeyListing[]>;
}
