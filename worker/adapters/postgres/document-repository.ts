import { hash, randomUUID } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import type { Claims, StageName, TaskKind } from '../../domain';
import type {
  AuditAction,
  AuditRecord,
  ClaimOutcome,
  DocumentKey,
  DocumentRecord,
  DocumentRepository,
  DocumentViewRecord,
  FailedDocument,
  FailedQuery,
  NewDocument,
  NewUpload,
  ReadOutcome,
  ResultRecord,
  SqlInsert,
  SqlTransaction,
  TaskRecord,
  CreatedTask,
} from '../../persistence/port';
import { webhookIdempotencyKey } from '../../webhooks/keys';
import { plain, plainAll } from './columns';
import type { Connection } from './models';
import { PostgresRepository, preparedQuery } from './repository';
import { inSqlTransaction, shiftParameters, sqlOn } from './sql';

/**
 * Documents, their case links (for those naming a case) and their first tasks, queued, from one JSON
 * array ($1): a group of uploads is one statement. The foreign keys are checked at the statement's end.
 */
const UPLOAD_ROWS = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS i(
      id uuid, tenant_id uuid, filename text, content_type text, size_bytes bigint, sha256 text, storage_key text,
      claims jsonb, task_id uuid, case_id uuid)
  ), document AS (
    INSERT INTO documents (id, tenant_id, status, filename, content_type, size_bytes, sha256, storage_key, claims, created_at, updated_at)
    SELECT id, tenant_id, 'queued', filename, content_type, size_bytes, sha256, storage_key, claims, now(), now() FROM input
  ), linked AS (
    INSERT INTO case_documents (document_id, case_id, tenant_id, created_at)
    SELECT id, case_id, tenant_id, now() FROM input WHERE case_id IS NOT NULL
  ), task AS (
    INSERT INTO tasks (id, document_id, tenant_id, kind, state, percent, attempts, generation, claims, created_at, updated_at)
    SELECT task_id, id, tenant_id, 'process', 'queued', 0, 0, 1, claims, now(), now() FROM input
    RETURNING id, document_id, tenant_id, generation
  )`;

const CREATE_WITH_TASKS = `${UPLOAD_ROWS} SELECT * FROM task`;

/**
 * The uploads' rows and `also`'s (its parameters after ours) in one statement. Every task row carries
 * the count check: one row of `also` not accepted (pg-boss skips a conflicting job) divides by zero,
 * and the whole statement, so nothing of it, fails.
 */
function uploadRowsWith(also: string): string {
  return `${UPLOAD_ROWS}, also AS (${shiftParameters(also, 3)})
  SELECT task.*, 1 / (CASE WHEN (SELECT count(*) FROM also) = $2 THEN 1 ELSE 0 END) AS accepted FROM task`;
}

/** A document's version: its `updated_at` in microseconds, which migration 0012 moves on at every change of the row. */
const VERSION = `(extract(epoch FROM d.updated_at) * 1000000)::bigint::text AS version`;

const DOCUMENT_VIEW = `
  SELECT d.id, d.status, d.filename, d.content_type, d.size_bytes::float8 AS size_bytes, d.sha256, d.pages,
         d.created_at, d.updated_at, d.text, d.error_code, d.error_message, d.page_info,
         d.decision, d.review_decision, d.reviewed_at, ${VERSION},
         COALESCE(r.claims, t.claims, d.claims) AS claims,
         r.document_type, r.classification, r.fields, r.verification, r.task_id AS verification_id,
         COALESCE(r.task_id, t.id) AS task_id
    FROM documents d
    LEFT JOIN LATERAL (SELECT rr.task_id, rr.document_type, rr.classification, rr.fields, rr.verification, rt.claims
                         FROM results rr JOIN tasks rt ON rt.id = rr.task_id
                        WHERE rr.document_id = d.id ORDER BY rr.created_at DESC LIMIT 1) r ON true
    LEFT JOIN LATERAL (SELECT id, claims FROM tasks WHERE document_id = d.id ORDER BY created_at DESC LIMIT 1) t ON true
   WHERE d.id = $1 AND d.tenant_id = $2`;

/** Versions of many documents in one statement, by position in the keys asked for (the same key may come twice). */
const DOCUMENT_VERSIONS = `
  SELECT k.n::int AS n, ${VERSION}
    FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(id, tenant_id, n)
    JOIN documents d ON d.id = k.id AND d.tenant_id = k.tenant_id`;

/** Data access for documents, their tasks and results. Every read that serves a client is tenant-scoped. */
export class PostgresDocumentRepository extends PostgresRepository implements DocumentRepository {
  constructor(
    connection: Connection,
    /** Whether a task's end also writes its webhook to the outbox (a receiver is configured). */
    private readonly options: { outbox: boolean } = { outbox: false },
  ) {
    super(connection);
  }

  /** The last statement made for an `also`, which is the same text every time for one queue. */
  private withAlso?: { also: string; text: string; name: string };

  async createWithTask(
    doc: NewDocument,
    within?: (task: CreatedTask, transaction: SqlTransaction) => Promise<void>,
  ): Promise<{ task: CreatedTask }> {
    const [task] = await this.createWithTasks([{ ...doc, task_id: randomUUID() }], async (transaction, [created]) => {
      await within?.(created!, transaction);
    });
    return { task: task! };
  }

  /** One statement writes every document, case link and task (the hot path of uploads), then `within` joins the transaction. */
  async createWithTasks(
    uploads: readonly NewUpload[],
    within?: (transaction: SqlTransaction, tasks: CreatedTask[]) => Promise<void>,
  ): Promise<CreatedTask[]> {
    const input = uploads.map(({ case_id, ...upload }) => ({ ...upload, case_id: case_id ?? null }));
    return inSqlTransaction(this.sequelize, async (transaction) => {
      const { rows } = await transaction.executeSql(CREATE_WITH_TASKS, [JSON.stringify(input)], 'create_with_tasks');
      const byDocument = new Map((rows as CreatedTask[]).map((task) => [task.document_id, task]));
      const tasks = uploads.map((upload) => byDocument.get(upload.id)!);
      await within?.(transaction, tasks);
      return tasks;
    });
  }

  /**
   * Autocommit, so one round trip: the statement is its own transaction. Prepared per text of `also`
   * (which, for pg-boss, is fixed per queue), so it is parsed and planned once per connection.
   */
  async recordUploads(uploads: readonly NewUpload[], also?: SqlInsert): Promise<CreatedTask[]> {
    const input = JSON.stringify(uploads.map(({ case_id, ...upload }) => ({ ...upload, case_id: case_id ?? null })));
    const statement = also
      ? { ...this.statementWith(also.text), values: [input, also.rows, ...also.values] }
      : { text: CREATE_WITH_TASKS, name: 'create_with_tasks', values: [input] };
    const { rows } = await sqlOn(this.sequelize).executeSql(statement.text, statement.values, statement.name);
    also?.committed();
    const byDocument = new Map(
      (rows as CreatedTask[]).map(({ id, document_id, tenant_id, generation }) => [
        document_id,
        { id, document_id, tenant_id, generation },
      ]),
    );
    return uploads.map((upload) => byDocument.get(upload.id)!);
  }

  async forgetUploads(documentIds: readonly string[]): Promise<void> {
    // Tasks and case links go with their document (ON DELETE CASCADE).
    await sqlOn(this.sequelize).executeSql('DELETE FROM documents WHERE id = ANY($1::uuid[])', [documentIds], 'forget_uploads');
  }

  private statementWith(also: string): { text: string; name: string } {
    if (this.withAlso?.also !== also) {
      const text = uploadRowsWith(also);
      this.withAlso = { also, text, name: `record_uploads_${hash('sha1', text)}` };
    }
    return this.withAlso;
  }

  async createTask(document: Pick<DocumentRecord, 'id' | 'tenant_id'>, kind: TaskKind, claims: Claims): Promise<TaskRecord> {
    return this.sequelize.transaction(async (transaction) => {
      const task = await this.m.Task.create(
        { document_id: document.id, tenant_id: document.tenant_id, kind, state: 'queued', claims },
        { transaction },
      );
      await this.m.Document.update({ status: 'queued' }, { where: { id: document.id }, transaction });
      return plain(task);
    });
  }

  /**
   * A document with its latest result in one round trip, for the most-read endpoint. Everything
   * shown beside the verdict (task id, claims) is of the task that made it, never of a newer one;
   * before any result, of the latest task. The per-page texts (large, and not shown) stay in the
   * database. Its version is read in the same statement, so it is the version of exactly this view.
   */
  async documentView(tenantId: string, id: string): Promise<DocumentViewRecord | null> {
    const [row] = await preparedQuery<DocumentViewRecord>(this.sequelize, 'document_view', DOCUMENT_VIEW, [id, tenantId]);
    return row ?? null;
  }

  /** Versions alone, of any number of documents in one index look-up each: what cached views and ETags are checked against. */
  async documentVersions(keys: readonly DocumentKey[]): Promise<(string | null)[]> {
    const rows = await preparedQuery<{ n: number; version: string }>(this.sequelize, 'document_versions', DOCUMENT_VERSIONS, [
      keys.map((k) => k.id),
      keys.map((k) => k.tenant_id),
    ]);
    const versions: (string | null)[] = keys.map(() => null);
    for (const row of rows) versions[row.n - 1] = row.version;
    return versions;
  }

  async findDocument(tenantId: string, id: string): Promise<DocumentRecord | null> {
    return plain(await this.m.Document.findOne({ where: { id, tenant_id: tenantId } }));
  }

  async findTask(tenantId: string, id: string): Promise<TaskRecord | null> {
    return plain(await this.m.Task.findOne({ where: { id, tenant_id: tenantId } }));
  }

  /** A task by id alone: for the worker, which acts on what the queue names. */
  async findTaskById(id: string): Promise<TaskRecord | null> {
    return plain(await this.m.Task.findByPk(id));
  }

  async latestResult(documentId: string): Promise<ResultRecord | null> {
    return plain(await this.m.Result.findOne({ where: { document_id: documentId }, order: [['created_at', 'DESC']] }));
  }

  /** Documents of this tenant with the same bytes, other than this one. */
  async findSameContent(tenantId: string, sha256: string, exceptId: string): Promise<DocumentRecord[]> {
    return plainAll(
      await this.m.Document.findAll({
        where: { tenant_id: tenantId, sha256, id: { [Op.ne]: exceptId } },
        order: [['created_at', 'ASC']],
        limit: 20,
      }),
    );
  }

  /**
   * Takes the task for this worker unless it is finished, another worker holds a live lease, or the
   * message is of an older generation (sent before a redrive). A failed task is never taken: only a
   * recorded redrive re-opens it. A single conditional UPDATE makes the race between two deliveries safe.
   */
  async claim(taskId: string, generation: number, leaseSeconds: number): Promise<ClaimOutcome> {
    const [count, rows] = await this.m.Task.update(
      {
        state: 'running',
        attempts: this.sequelize.literal('attempts + 1') as unknown as number,
        lease_until: new Date(Date.now() + leaseSeconds * 1000),
        started_at: this.sequelize.fn('COALESCE', this.sequelize.col('started_at'), this.sequelize.fn('NOW')) as unknown as Date,
      },
      {
        where: {
          id: taskId,
          generation,
          [Op.or]: [{ state: 'queued' }, { state: 'running', lease_until: { [Op.lt]: new Date() } }],
        },
        returning: true,
      },
    );
    const task = rows[0];
    if (count === 1 && task) {
      const document = await this.m.Document.findByPk(task.document_id);
      if (!document) return { kind: 'missing' };
      await this.m.Document.update({ status: 'processing', error_code: null, error_message: null }, { where: { id: document.id } });
      return { kind: 'claimed', task: plain(task), document: plain(document) };
    }
    const existing = await this.m.Task.findByPk(taskId);
    if (!existing) return { kind: 'missing' };
    if (existing.generation !== generation) return { kind: 'stale' };
    return existing.state === 'running' ? { kind: 'busy' } : { kind: 'finished' };
  }

  /**
   * Re-opens a failed task under a new generation, with its attempts counted afresh, and records who
   * did it; with `generation`, only if it failed in that one. Messages of earlier generations can no
   * longer claim it. Null when nothing was re-opened.
   */
  async redrive(taskId: string, actor: string, generation?: number): Promise<TaskRecord | null> {
    return this.sequelize.transaction(async (transaction) => {
      const failed = await this.m.Task.findOne({
        where: { id: taskId, state: 'failed', ...(generation === undefined ? {} : { generation }) },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (!failed) return null;
      const previous = { generation: failed.generation, error_code: failed.error_code, attempts: failed.attempts };
      const next = failed.generation + 1;
      await failed.update(
        {
          state: 'queued',
          generation: next,
          attempts: 0,
          stage: null,
          percent: 0,
          lease_until: null,
          error_code: null,
          error_message: null,
          finished_at: null,
        },
        { transaction },
      );
      await this.m.Document.update(
        { status: 'queued', error_code: null, error_message: null },
        { where: { id: failed.document_id }, transaction },
      );
      await this.m.Audit.create(
        {
          tenant_id: failed.tenant_id,
          document_id: failed.document_id,
          action: 'task.redriven',
          actor,
          details: { task_id: failed.id, generation: next, previous },
        },
        { transaction },
      );
      return plain(failed);
    });
  }

  /** Renews the lease of the claim `attempt` came from while its worker is alive, progress or not. */
  async renew(taskId: string, attempt: number, leaseSeconds: number): Promise<void> {
    await this.m.Task.update(
      { lease_until: new Date(Date.now() + leaseSeconds * 1000) },
      { where: { id: taskId, state: 'running', attempts: attempt } },
    );
  }

  /** Records progress and renews the lease: a worker that reports is alive. */
  async progress(taskId: string, stage: StageName, percent: number, leaseSeconds: number): Promise<void> {
    await this.m.Task.update(
      { stage, percent: Math.round(percent), lease_until: new Date(Date.now() + leaseSeconds * 1000) },
      { where: { id: taskId, state: 'running' } },
    );
  }

  /**
   * Records the outcome of the claim `task` came from. Returns false, writing nothing, when that
   * claim was lost (its lease ran out and another worker took the task, or the task ended).
   */
  async complete(task: Pick<TaskRecord, 'id' | 'document_id' | 'attempts'>, outcome: ReadOutcome): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const finished = await this.finishTask(task.id, task.attempts, 'completed', null, transaction);
      if (!finished) return false;
      await this.toOutbox(finished, outcome.verification?.decision ?? null, transaction);
      await this.m.Result.destroy({ where: { task_id: task.id }, transaction });
      await this.m.Result.create(
        {
          document_id: task.document_id,
          task_id: task.id,
          document_type: outcome.document_type,
          classification: outcome.classification,
          fields: outcome.fields,
          verification: outcome.verification,
        },
        { transaction },
      );
      await this.m.Document.update(
        {
          status: 'completed',
          pages: outcome.pages,
          page_info: outcome.page_info,
          page_texts: outcome.page_texts,
          text: outcome.text,
          error_code: null,
          error_message: null,
          // The queue's columns follow the newest verdict; a review of an older one no longer stands.
          decision: outcome.verification?.decision ?? null,
          document_type: outcome.document_type,
          review_decision: null,
          reviewed_at: null,
        },
        { where: { id: task.document_id }, transaction },
      );
      return true;
    });
  }

  /**
   * Ends an unfinished task as failed. With `attempt` (a worker's claim) it only applies while that
   * claim holds; without it (the sweeper) it applies to any task not yet finished. Returns whether it did.
   */
  async fail(taskId: string, documentId: string, code: string, message: string, attempt?: number): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const finished = await this.finishTask(taskId, attempt, 'failed', { code, message }, transaction);
      if (!finished) return false;
      await this.toOutbox(finished, null, transaction);
      await this.m.Document.update(
        { status: 'failed', error_code: code, error_message: message },
        { where: { id: documentId }, transaction },
      );
      return true;
    });
  }

  /**
   * Deletes a document with its tasks and results, recording who did it. The object store is
   * cleared inside the transaction: if it fails, nothing is deleted and the caller may retry.
   */
  async deleteDocument(
    document: Pick<DocumentRecord, 'id'>,
    actor: string,
    action: AuditAction,
    removeOriginal: () => Promise<void>,
  ): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const locked = await this.m.Document.findByPk(document.id, { transaction, lock: transaction.LOCK.UPDATE });
      if (!locked) return;
      // Evidence is append-only; this recorded erasure is the one path allowed to remove it.
      await this.sequelize.query("SELECT set_config('kyb.evidence_erasure', 'on', true)", { transaction });
      // The erased records' places and links, so the tenant's evidence chain still verifies across the gap.
      const erased = await this.m.Evidence.findAll({
        where: { document_id: locked.id },
        attributes: ['chain_seq', 'chain_hash'],
        order: [['chain_seq', 'ASC']],
        transaction,
      });
      await this.m.Audit.create(
        {
          tenant_id: locked.tenant_id,
          document_id: locked.id,
          action,
          actor,
          details: {
            sha256: locked.sha256,
            size_bytes: locked.size_bytes,
            content_type: locked.content_type,
            created_at: locked.created_at.toISOString(),
            evidence_records: erased.length,
            evidence_chain: erased.map((e) => [e.chain_seq, e.chain_hash]),
          },
        },
        { transaction },
      );
      await locked.destroy({ transaction });
      await removeOriginal();
    });
  }

  async auditTrail(documentId: string): Promise<AuditRecord[]> {
    return plainAll(await this.m.Audit.findAll({ where: { document_id: documentId }, order: [['created_at', 'ASC']] }));
  }

  /** Documents created before the cut-off, oldest first, a batch at a time. */
  async expiredDocuments(before: Date, limit: number): Promise<DocumentRecord[]> {
    return plainAll(await this.m.Document.findAll({ where: { created_at: { [Op.lt]: before } }, order: [['created_at', 'ASC']], limit }));
  }

  /** Tasks no worker is known to hold: queued for long (the send may have been lost) or with an expired lease. */
  async stuckTasks(queuedBefore: Date, limit: number): Promise<TaskRecord[]> {
    return plainAll(
      await this.m.Task.findAll({
        where: {
          [Op.or]: [
            { state: 'queued', updated_at: { [Op.lt]: queuedBefore } },
            { state: 'running', lease_until: { [Op.lt]: new Date() } },
          ],
        },
        order: [['updated_at', 'ASC']],
        limit,
      }),
    );
  }

  /** Marks a queued task as just re-sent, so the sweeper does not send it again at once. */
  async touch(taskId: string): Promise<void> {
    await this.sequelize.query('UPDATE tasks SET updated_at = now() WHERE id = :taskId', { replacements: { taskId } });
  }

  /**
   * Gives the task back to the queue after a transient error, so the next delivery may claim it at
   * once; with `attempt`, only while that claim holds, so a late worker cannot free another's task.
   */
  async release(taskId: string, attempt?: number): Promise<void> {
    await this.m.Task.update(
      { lease_until: new Date(0) },
      { where: { id: taskId, state: 'running', ...(attempt === undefined ? {} : { attempts: attempt }) } },
    );
  }

  async failedDocuments(query: FailedQuery): Promise<FailedDocument[]> {
    const rows = await this.m.Document.findAll({
      where: {
        status: 'failed',
        ...(query.tenantId ? { tenant_id: query.tenantId } : {}),
        ...(query.since ? { updated_at: { [Op.gte]: query.since } } : {}),
      },
      order: [['updated_at', 'DESC']],
      limit: query.limit,
    });
    const tenantIds = [...new Set(rows.map((r) => r.tenant_id))];
    const tenants = new Map((await this.m.Tenant.findAll({ where: { id: tenantIds } })).map((t) => [t.id, t.name]));
    return rows.map((r) => ({
      document_id: r.id,
      tenant: tenants.get(r.tenant_id) ?? r.tenant_id,
      filename: r.filename,
      error_code: r.error_code ?? 'unknown',
      error_message: r.error_message ?? '',
      failed_at: r.updated_at.toISOString(),
    }));
  }

  /**
   * The fence: a task is finished once, by the claim that holds it (`attempt` is the claim's
   * attempt number), or, without `attempt`, only if nobody finished it first. Returns the finished
   * task, or null when it was not this call's to finish.
   */
  private async finishTask(
    taskId: string,
    attempt: number | undefined,
    state: 'completed' | 'failed',
    error: { code: string; message: string } | null,
    transaction: Transaction,
  ): Promise<TaskRecord | null> {
    const done = state === 'completed' ? { percent: 100 } : {};
    const holder = attempt === undefined ? { state: { [Op.in]: ['queued', 'running'] } } : { state: 'running', attempts: attempt };
    const [count, rows] = await this.m.Task.update(
      {
        ...done,
        state,
        error_code: error?.code ?? null,
        error_message: error?.message ?? null,
        lease_until: null,
        finished_at: new Date(),
      },
      { where: { id: taskId, ...holder }, transaction, returning: true },
    );
    return count === 1 && rows[0] ? plain(rows[0]) : null;
  }

  /** The task's webhook, written with its end; a second end of one task (after a redrive) keeps the first key's row. */
  private async toOutbox(task: TaskRecord, decision: string | null, transaction: Transaction): Promise<void> {
    if (!this.options.outbox) return;
    const state = task.state as 'completed' | 'failed';
    await this.m.WebhookOutbox.create(
      {
        tenant_id: task.tenant_id,
        document_id: task.document_id,
        task_id: task.id,
        state,
        decision,
        idempotency_key: webhookIdempotencyKey(task.id, state),
        status: 'pending',
        next_attempt_at: new Date(),
      },
      { transaction, ignoreDuplicates: true },
    );
  }
}
