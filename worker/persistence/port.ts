import type { Claims, PageInfo, StageName, TaskKind } from '../domain';
import type { AuditAction, AuditRecord, CreatedTask, DocumentRecord, ResultRecord, Role, TaskRecord, TenantRecord } from './records';

export type * from './records';

/** Statements on one connection, inside a transaction the caller holds (pg-boss's `db` option takes this shape). */
export interface SqlExecutor {
  /** Runs one statement; with `prepareAs`, as a statement of that name, parsed and planned once per connection (its text must never change). */
  executeSql(text: string, values?: unknown[], prepareAs?: string): Promise<{ rows: unknown[] }>;
}

/**
 * Rows to insert as part of another statement: one INSERT (no WITH of its own) that returns a row per
 * row accepted, its parameters numbered from $1, and what to do once the statement holding it has
 * committed. The queue's jobs take this shape, so they commit with the rows that ask for them.
 */
export interface SqlInsert {
  text: string;
  values: unknown[];
  /** How many rows it must accept: the statement holding it fails unless every one is. */
  rows: number;
  committed(): void;
}

/** A transaction's statements, and what to do once it has committed (never if it rolls back). */
export interface SqlTransaction extends SqlExecutor {
  afterCommit(hook: () => void): void;
}

export type NewDocument = Pick<DocumentRecord, 'id' | 'tenant_id' | 'filename' | 'content_type' | 'size_bytes' | 'sha256' | 'claims'> & {
  storage_key: string;
  /** The case the document is uploaded into, if any. */
  case_id?: string;
};

/** A document with the id of its first task chosen beforehand, so its job can be made before it is recorded. */
export type NewUpload = NewDocument & { task_id: string };

/** What a task's reading concluded; the result fields may be absent while no task has completed. */
type ResultFields = Pick<ResultRecord, 'document_type' | 'classification' | 'fields' | 'verification'>;

/** A document with its latest result and task, as the most-read endpoint shows it (never the per-page texts). */
export type DocumentViewRecord = Omit<DocumentRecord, 'tenant_id' | 'storage_key' | 'page_texts'> & {
  [K in keyof ResultFields]: ResultFields[K] | null;
} & {
  task_id: string | null;
  /** The task whose result is shown: the verification a review must name. */
  verification_id: string | null;
  /** Changes whenever anything shown here changes: what caches and ETags are validated on. */
  version: string;
};

/** A document as a tenant names it. */
export interface DocumentKey {
  tenant_id: string;
  id: string;
}

export type ClaimOutcome =
  | { kind: 'claimed'; task: TaskRecord; document: DocumentRecord }
  | { kind: 'finished' }
  | { kind: 'busy' }
  | { kind: 'missing' }
  /** The message was sent for an earlier generation of the task (before a redrive). */
  | { kind: 'stale' };

/** What a completed task recorded: the document's reading and the result. */
export type ReadOutcome = Pick<DocumentRecord, 'pages'> & {
  page_info: PageInfo[];
  page_texts: string[];
  text: string;
} & ResultFields;

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
  /**
   * Records the document and its first task in one transaction; `within` runs inside it (the queue's
   * send, when the queue lives in the same database), so either all of them exist or none does.
   */
  createWithTask(
    doc: NewDocument,
    within?: (task: CreatedTask, transaction: SqlTransaction) => Promise<void>,
  ): Promise<{ task: CreatedTask }>;
  /**
   * Records many documents, each with its first task (returned in the order given), in one statement
   * and one transaction that `within` joins: all of them or none.
   */
  createWithTasks(
    uploads: readonly NewUpload[],
    within?: (transaction: SqlTransaction, tasks: CreatedTask[]) => Promise<void>,
  ): Promise<CreatedTask[]>;
  /**
   * Records many documents, each with its first task (returned in the order given), and `also` (their
   * jobs) in one statement that commits as it returns: one round trip, all of them or none. Its
   * caller makes sure nothing is recorded before it may be (a file flushed).
   */
  recordUploads(uploads: readonly NewUpload[], also?: SqlInsert): Promise<CreatedTask[]>;
  /**
   * Removes documents just recorded by `recordUploads` whose files then failed to store, with their
   * tasks and case links: no one was told of them. Their jobs find no task and end without work.
   */
  forgetUploads(documentIds: readonly string[]): Promise<void>;
  createTask(document: Pick<DocumentRecord, 'id' | 'tenant_id'>, kind: TaskKind, claims: Claims): Promise<TaskRecord>;
  /**
   * The document with its latest result in one read, the task id and claims shown being those of the
   * task that made the result (before any result, of the latest task); the per-page texts stay behind.
   */
  documentView(tenantId: string, id: string): Promise<DocumentViewRecord | null>;
  /** Each document's current `DocumentViewRecord.version`, in the order asked; null where the tenant has no such document. */
  documentVersions(keys: readonly DocumentKey[]): Promise<(string | null)[]>;
  findDocument(tenantId: string, id: string): Promise<DocumentRecord | null>;
  findTask(tenantId: string, id: string): Promise<TaskRecord | null>;
  /** A task by id alone: for the worker, which acts on what the queue names. */
  findTaskById(id: string): Promise<TaskRecord | null>;
  latestResult(documentId: string): Promise<ResultRecord | null>;
  /** Documents of this tenant with the same bytes, other than this one. */
  findSameContent(tenantId: string, sha256: string, exceptId: string): Promise<DocumentRecord[]>;
  /**
   * Takes the task for this worker unless it is finished (failed included), another worker holds a
   * live lease, or `generation` is not the task's; safe against races.
   */
  claim(taskId: string, generation: number, leaseSeconds: number): Promise<ClaimOutcome>;
  /**
   * Re-opens a failed task under a new generation, recording who did it; with `generation`, only if
   * it failed in that one (a duplicate request does nothing). Null when nothing was re-opened.
   */
  redrive(taskId: string, actor: string, generation?: number): Promise<TaskRecord | null>;
  /** Renews the lease of the claim `attempt` came from while its worker is alive, progress or not. */
  renew(taskId: string, attempt: number, leaseSeconds: number): Promise<void>;
  /** Records progress and renews the lease: a worker that reports is alive. */
  progress(taskId: string, stage: StageName, percent: number, leaseSeconds: number): Promise<void>;
  /**
   * Records the outcome of the claim `task` came from, with its webhook in the outbox (when webhooks
   * are on) in the same transaction; false, writing nothing, when that claim was lost.
   */
  complete(task: Pick<TaskRecord, 'id' | 'document_id' | 'attempts'>, outcome: ReadOutcome): Promise<boolean>;
  /**
   * Ends an unfinished task as failed. With `attempt` (a worker's claim) only while that claim
   * holds; without it (the sweeper) for any task not yet finished. Its webhook goes into the outbox in
   * the same transaction. Returns whether it did.
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

/** A task's end waiting in the outbox to be told to the webhook receiver. */
export interface OutboxMessage {
  id: string;
  tenant_id: string;
  document_id: string;
  task_id: string;
  state: 'completed' | 'failed';
  decision: string | null;
  idempotency_key: string;
  status: 'pending' | 'delivered' | 'abandoned';
  /** Dispatch rounds tried so far (each round is the sender's own retries). */
  rounds: number;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** The webhook outbox: rows are written with the task's end (DocumentRepository.complete/fail), sent by a dispatcher. */
export interface WebhookOutbox {
  /** Takes up to `limit` due messages for this dispatcher, hiding them from others for `leaseSeconds`. */
  claimDue(limit: number, leaseSeconds: number): Promise<OutboxMessage[]>;
  delivered(id: string): Promise<void>;
  /** Tries again at `retryAt`, or gives up for good when it is null. */
  undelivered(id: string, error: string, retryAt: Date | null): Promise<void>;
  forTask(taskId: string): Promise<OutboxMessage[]>;
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
  role: Role;
}

/** A key as an operator lists it: never the key itself. */
export interface ApiKeyListing {
  id: string;
  tenant: string;
  prefix: string;
  label: string | null;
  role: Role;
  revoked_at: Date | null;
}

/** Tenants and their API keys; keys are stored hashed, the plain key is shown once. */
export interface ApiKeyRepository {
  ensureTenant(name: string): Promise<TenantRecord>;
  /** A tenant by its name or id, without creating it. */
  findTenant(nameOrId: string): Promise<TenantRecord | null>;
  /** Creates a key for the tenant (creating the tenant if new). */
  create(
    tenantName: string,
    options?: { key?: string; label?: string; role?: Role },
  ): Promise<{ key: string; id: string; tenant_id: string; role: Role }>;
  /**
   * The tenant a key belongs to, or null for an unknown or revoked key. `digest` is the key's
   * `hashKey`, when the caller has worked it out already (the rate limits key on it too).
   */
  authenticate(key: string, digest?: string): Promise<Principal | null>;
  has(key: string): Promise<boolean>;
  /** Gives a key another role; takes effect at once in this process, within the cache's TTL elsewhere. */
  setRole(idOrKey: string, role: Role): Promise<number>;
  /** Revokes by key id or by the plain key; returns how many keys were revoked. */
  revoke(idOrKey: string): Promise<number>;
  /** Every key, oldest first. */
  list(): Promise<ApiKeyListing[]>;
}

/** A key a presigned POST lets one tenant write, and what it allows there. */
export interface DirectUploadSlot {
  /** The document's id once the file is registered. */
  id: string;
  tenant_id: string;
  storage_key: string;
  content_type: string;
  max_bytes: number;
  expires_at: Date;
  registered_at: Date | null;
}

/** Direct-upload slots: made when a POST is signed, spent when its file becomes a document. */
export interface DirectUploadRepository {
  create(slot: Omit<DirectUploadSlot, 'registered_at'>): Promise<void>;
  /** This tenant's slot at this key; another tenant's is not found. */
  find(tenantId: string, storageKey: string): Promise<DirectUploadSlot | null>;
  /** Spends the slot inside the registering transaction; false when it was spent or expired meanwhile. */
  spendWithin(transaction: SqlExecutor, id: string, now: Date): Promise<boolean>;
  /** Unspent slots past their expiry (their objects are for the sweeper to remove), at most `limit`. */
  expired(before: Date, limit: number): Promise<DirectUploadSlot[]>;
  remove(id: string): Promise<void>;
}
