import { hash, randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  type CaseRepository,
  type Claims,
  deleteEvidenceImages,
  EVIDENCE_IMAGE_NAME,
  evidenceImageKey,
  possibleEvidenceImages,
  type DocumentRecord,
  type DocumentRepository,
  type DocumentStore,
  type DocumentViewRecord,
  type EvidenceRepository,
  type JobQueue,
  type SqlExecutor,
  type Job,
  type NewUpload,
  stampedJob,
  type Logger,
  StorageObjectNotFound,
  type CreatedTask,
  isUuid,
  jobOf,
  reviewOf,
  standing,
  type ReviewEvidence,
} from '../../worker';
import { ServiceError, notFound } from '../errors';
import type { DocumentView, UploadAccepted } from './documents.dto';
import type { StoredUpload } from './intake';
import type { UploadedPart } from './upload-storage';
import { uploadRecorder, type UploadRecorder } from './upload-recorder';
import { DocumentViewCache, type KeptView } from './view-cache';
import { versionLoader, type VersionLoader } from './versions';

export interface DocumentsServiceDeps {
  repo: DocumentRepository;
  store: DocumentStore;
  queue: JobQueue;
  storagePrefix: string;
  presignTtlSeconds: number;
  log: Logger;
  /** Finds the case a document is uploaded into. */
  cases: Pick<CaseRepository, 'find'>;
  /** Where a person's review of the verdict is recorded. */
  evidence: Pick<EvidenceRepository, 'forDocument'>;
  /** Finished views kept in this process (one per app by default). */
  views?: DocumentViewCache;
}

/** A document read: its ETag, and its view as JSON unless the client showed it already holds this version. */
export interface DocumentRead {
  etag: string;
  body: Buffer | null;
}

/**
 * Bump when what `toView` shows for the same row changes (a field added, a value computed anew):
 * ETags name it, so a client holding a view of the old shape is sent the new one.
 */
const VIEW_FORMAT = 1;

/** Strong: one version of a document has exactly one view body (for this VIEW_FORMAT). */
export function documentEtag(documentId: string, version: string): string {
  return `"${hash('sha256', `${VIEW_FORMAT}:${documentId}:${version}`, 'base64url').slice(0, 27)}"`;
}

/**
 * Only a display name survives: no folders, no control characters, and no bidirectional overrides
 * (which disguise `invoice\u202Efdp.exe` as `invoiceexe.pdf`), bounded length.
 */
export function cleanFilename(name: string | undefined): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const clean = base
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .normalize('NFC')
    .trim()
    .slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : 'document';
}

function toView(row: DocumentViewRecord, review: ReviewEvidence | null): DocumentView {
  return {
    document_id: row.id,
    status: row.status,
    filename: row.filename,
    content_type: row.content_type,
    size_bytes: row.size_bytes,
    sha256: row.sha256,
    pages: row.pages ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    text: row.text ?? null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    claims: row.claims ?? {},
    task_id: row.task_id,
    page_info: row.page_info ?? [],
    document_type: row.document_type ?? null,
    classification: row.classification ?? null,
    fields: row.fields ?? {},
    verification: row.verification ?? null,
    verification_id: row.verification_id ?? null,
    review,
    standing: row.verification ? standing(row.verification.decision, review) : null,
  };
}

/**
 * Uploads being recorded at once, in groups: two, so one group is written while the other commits;
 * a burst larger than a group waits for the next. A group of 1 MiB or more (two streamed files, or
 * one of 5 MB) frees its slot once written, while its files still flush.
 */
const RECORDING = { concurrency: 2, maxGroup: 64, longFlushBytes: 1024 * 1024 };

/** Upload, look-up and re-verification of documents, always within one tenant. */
export class DocumentsService {
  private readonly views: DocumentViewCache;
  private readonly versions: VersionLoader;
  private readonly recorder: UploadRecorder;

  constructor(private readonly deps: DocumentsServiceDeps) {
    this.views = deps.views ?? new DocumentViewCache();
    this.versions = versionLoader(deps.repo);
    this.recorder = uploadRecorder(deps.repo, deps.queue, RECORDING);
  }

  /**
   * Records a file the upload streamed into the store, with its first task and job, in one
   * transaction. An upload refused here (no such case, the database away) leaves no object behind.
   */
  async upload(tenantId: string, file: UploadedPart | undefined, given: Claims, caseId?: string): Promise<UploadAccepted> {
    const stored = file?.stored;
    if (!file || !stored) throw new ServiceError('bad_input', 'file_required', 'Attach the document as a multipart part named "file".');
    try {
      return await this.record(tenantId, stored, cleanFilename(file.originalname), await this.claimsFor(tenantId, given, caseId), caseId);
    } catch (error) {
      await stored.discard();
      throw error;
    }
  }

  /** The claims a document is checked against: those given, over those of the case it is uploaded into. */
  async claimsFor(tenantId: string, given: Claims, caseId?: string): Promise<Claims> {
    return caseId ? { ...(await this.caseClaims(tenantId, caseId)), ...given } : given;
  }

  /**
   * The document, its task and (with a queue in the database) its job in one transaction, with
   * `alsoWithin` (a direct upload's slot being spent); a queue elsewhere is sent to after the commit,
   * and the sweeper sends what it could not. Uploads arriving together are recorded together, in one
   * statement (rows, tasks and jobs) committed while their files flush; each is answered once both are durable.
   */
  async record(
    tenantId: string,
    stored: StoredUpload,
    filename: string,
    claims: Claims,
    caseId?: string,
    alsoWithin?: (transaction: SqlExecutor) => Promise<void>,
  ): Promise<UploadAccepted> {
    const upload: NewUpload = {
      id: stored.documentId,
      tenant_id: tenantId,
      filename,
      content_type: stored.facts.mime,
      size_bytes: stored.facts.size,
      sha256: stored.facts.sha256,
      storage_key: stored.key,
      claims,
      case_id: caseId,
      task_id: randomUUID(),
    };
    let task: CreatedTask;
    try {
      task = await this.insert(upload, () => stored.durable(), alsoWithin);
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      this.deps.log.error({ err: error }, 'could not record an upload');
      throw new ServiceError('unavailable', 'database_unavailable', 'The database is not reachable; try again shortly.');
    }
    stored.keep();
    if (!this.deps.queue.sendWithin) await this.enqueue(task);
    return { document_id: stored.documentId, task_id: task.id, status: 'queued' };
  }

  /**
   * With a queue in the database, the job is recorded with the rows, stamped here in the request's
   * trace. Nothing is answered before the file's flush (`durable`) has settled; a direct upload,
   * whose slot is spent in the same transaction, commits only after it.
   */
  private insert(
    upload: NewUpload,
    durable: () => Promise<void>,
    alsoWithin?: (transaction: SqlExecutor) => Promise<void>,
  ): Promise<CreatedTask> {
    const { queue, repo } = this.deps;
    const send = queue.sendWithin?.bind(queue);
    const alone = async (job?: Job) => {
      const [task] = await repo.createWithTasks([upload], async (transaction) => {
        await alsoWithin?.(transaction);
        if (job) await send?.([job], transaction);
        await durable();
      });
      return task!;
    };
    const record = (job?: Job) => (alsoWithin ? alone(job) : this.recorder.load({ upload, job, durable }));
    if (!send) return record();
    return stampedJob(
      queue.kind,
      jobOf({ id: upload.task_id, document_id: upload.id, tenant_id: upload.tenant_id, generation: 1 }),
      record,
    );
  }

  async get(tenantId: string, documentId: string): Promise<DocumentView> {
    return (await this.build(tenantId, documentId)).view;
  }

  /**
   * A document's ETag, and its view serialised unless the client showed it holds this version (`held`
   * says whether it holds the ETag's version). When a view is kept, or the client may hold one, the
   * document's version is read first (an index look-up, batched with the other requests of the
   * moment): a held version is answered without building anything, a kept one without the view's
   * query or serialising it again. Otherwise the view is read in one query, and kept whatever the
   * document's status: every write to the document moves its version on, which is also why a held
   * version of a running document is answered 304. A running document is polled (a day's batch of 32,
   * each every 250 ms, ran a view query per poll) and changes only a few times in its life.
   */
  async read(tenantId: string, documentId: string, held?: (etag: string) => boolean): Promise<DocumentRead> {
    if (!isUuid(documentId)) throw notFound();
    const { views } = this;
    if (held || views.has(tenantId, documentId)) {
      const version = await this.versions.load({ tenant_id: tenantId, id: documentId });
      if (version === null) {
        views.delete(tenantId, documentId);
        throw notFound();
      }
      const kept = views.get(tenantId, documentId, version);
      const etag = kept?.etag ?? documentEtag(documentId, version);
      if (held?.(etag)) return { etag, body: null };
      if (kept) return kept;
    }
    const { version, view } = await this.build(tenantId, documentId);
    const built: KeptView = { version, etag: documentEtag(documentId, version), body: Buffer.from(JSON.stringify(view)) };
    views.set(tenantId, documentId, built);
    return built;
  }

  /** The view in one query, and the version it shows. */
  private async build(tenantId: string, documentId: string): Promise<{ version: string; view: DocumentView }> {
    const row = isUuid(documentId) ? await this.deps.repo.documentView(tenantId, documentId) : null;
    if (!row) throw notFound();
    // The row says whether a review stands; only then is the evidence read for who made it and why.
    const review = row.review_decision ? reviewOf(await this.deps.evidence.forDocument(tenantId, documentId), row.verification_id) : null;
    return { version: row.version, view: toView(row, review) };
  }

  /** Starts a new verification task with these claims, reusing the text already read. */
  async verify(tenantId: string, documentId: string, claims: Claims): Promise<{ task_id: string }> {
    const document = await this.find(tenantId, documentId);
    const task = await this.deps.repo.createTask(document, document.page_texts ? 'verify' : 'process', {
      ...document.claims,
      ...claims,
    });
    await this.enqueue(task);
    return { task_id: task.id };
  }

  /** Removes the original, its evidence pictures, the text read from it and every result; an audit record of the deletion stays. */
  async delete(tenantId: string, documentId: string, actor: string): Promise<void> {
    const document = await this.find(tenantId, documentId);
    await this.available(
      () =>
        this.deps.repo.deleteDocument(document, actor, 'document.deleted', async () => {
          if (document.storage_key) await this.deps.store.delete(document.storage_key);
          await deleteEvidenceImages(this.deps.store, this.deps.storagePrefix, document, possibleEvidenceImages(document.page_info));
        }),
      'storage_unavailable',
      'Document storage',
    );
  }

  /** Where to fetch the original: a short-lived URL when the store can sign one, else the bytes themselves. */
  async original(
    tenantId: string,
    documentId: string,
  ): Promise<{ url: string } | { bytes: Buffer; contentType: string; filename: string }> {
    const document = await this.find(tenantId, documentId);
    if (!document.storage_key) throw new ServiceError('gone', 'original_deleted', 'The original file is no longer stored.');
    const key = document.storage_key;
    if (this.deps.store.presignGet) {
      const presign = this.deps.store.presignGet.bind(this.deps.store);
      return { url: await presign(key, document.filename, this.deps.presignTtlSeconds) };
    }
    try {
      return { bytes: await this.deps.store.get(key), contentType: document.content_type, filename: document.filename };
    } catch (error) {
      if (error instanceof StorageObjectNotFound)
        throw new ServiceError('gone', 'original_deleted', 'The original file is no longer stored.');
      throw error;
    }
  }

  /** A picture the forensic checks kept of a flagged region (its name is in the check's `evidence_image`). */
  async evidenceImage(tenantId: string, documentId: string, name: string): Promise<Buffer> {
    const document = await this.find(tenantId, documentId);
    if (!EVIDENCE_IMAGE_NAME.test(name)) throw notFound('Evidence image');
    try {
      return await this.deps.store.get(evidenceImageKey(this.deps.storagePrefix, tenantId, document.id, name));
    } catch (error) {
      if (error instanceof StorageObjectNotFound) throw notFound('Evidence image');
      throw error;
    }
  }

  /** A document uploaded into a case is checked against the case's claims; another tenant's case is not found. */
  private async caseClaims(tenantId: string, caseId: string): Promise<Claims> {
    const found = isUuid(caseId) ? await this.deps.cases.find(tenantId, caseId) : null;
    if (!found) throw notFound('Case');
    const { company_number, company_name, vat_number } = found.claims;
    return { company_number, company_name, ...(vat_number ? { vat_number } : {}) };
  }

  private async find(tenantId: string, documentId: string): Promise<DocumentRecord> {
    const document = isUuid(documentId) ? await this.deps.repo.findDocument(tenantId, documentId) : null;
    if (!document) throw notFound();
    return document;
  }

  /** A job that cannot be sent now is still recorded as queued: the sweeper sends it later, so nothing is lost. */
  private async enqueue(task: CreatedTask): Promise<void> {
    try {
      await this.deps.queue.send(jobOf(task));
    } catch (error) {
      this.deps.log.warn({ err: error, task_id: task.id }, 'queue unavailable; the sweeper will send this task');
    }
  }

  private async available(action: () => Promise<void>, code: string, what: string): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.deps.log.error({ err: error }, `${what} is unavailable`);
      throw new ServiceError('unavailable', code, `${what} is not reachable; try again shortly.`);
    }
  }
}
