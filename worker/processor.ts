import { z } from 'zod';
import type { StageName, TaskFinished } from './domain';
import { PermanentError } from './errors';
import type { Logger } from './logger';
import type { ClaimOutcome, DocumentRecord, DocumentRepository, TaskRecord } from './persistence/port';
import { Deadline } from './pipeline/deadline';
import { runStages } from './pipeline/runner';
import type { DocumentInfo, PipelineState, Stage } from './pipeline/types';
import type { Delivery, Job } from './queue/port';
import { OriginalNotStored, storedOriginal } from './storage/original';
import type { DocumentStore } from './storage/port';
import { metrics } from './telemetry/metrics';
import { inSpan, withCarriedTrace } from './telemetry/tracing';

export interface ProcessorDeps {
  repo: DocumentRepository;
  store: DocumentStore;
  stages: readonly Stage[];
  log: Logger;
  /** How long a claim holds without news from the worker; progress renews it. */
  leaseSeconds: number;
  /** Wall-clock limit on running the stages; past it the document fails `processing_timeout`. */
  deadlineSeconds?: number;
  /** Added to the deadline for each page the document needs rendered and OCR'd. */
  deadlineSecondsPerPage?: number;
  /** Told once per task that reaches an end (webhooks hang off this). */
  onFinished?: (event: TaskFinished) => Promise<void>;
}

/** Thrown when another worker holds the task: the message must come back later, not be dropped. */
export class TaskBusyError extends Error {
  constructor(taskId: string) {
    super(`Task ${taskId} is being processed by another worker`);
    this.name = 'TaskBusyError';
  }
}

const jobSchema = z.object({
  document_id: z.uuid(),
  task_id: z.uuid(),
  // Messages sent before generations existed name the first.
  generation: z.number().int().positive().default(1),
  tenant_id: z.uuid().optional(),
  redrive: z.object({ actor: z.string().min(1).max(200) }).optional(),
  trace: z.object({ traceparent: z.string().max(100).optional(), tracestate: z.string().max(512).optional() }).optional(),
  sent_at: z.iso.datetime().optional(),
});

/** Checks a message body; a malformed one can never succeed, so it is permanent. */
export function parseJob(body: unknown): Job {
  const parsed = jobSchema.safeParse(body);
  if (!parsed.success) throw new PermanentError('bad_payload', `Malformed job: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function documentInfo(document: DocumentRecord, task: TaskRecord): DocumentInfo {
  const reuse = task.kind === 'verify' && document.page_texts && document.page_info;
  return {
    id: document.id,
    tenant_id: document.tenant_id,
    filename: document.filename,
    content_type: document.content_type,
    size_bytes: document.size_bytes,
    sha256: document.sha256,
    previous: reuse ? { page_texts: document.page_texts ?? [], page_info: document.page_info ?? [] } : undefined,
  };
}

/** The original's bytes, checked against its row: a file missing or torn is retried, then fails the document with its code. */
async function loadOriginal(store: DocumentStore, document: DocumentRecord): Promise<Buffer> {
  if (!document.storage_key) throw new PermanentError('original_missing', 'The original file is no longer stored.');
  return storedOriginal(store, document.storage_key, document);
}

function outcomeOf(state: PipelineState) {
  return {
    pages: state.pages.length || null,
    page_info: state.pages,
    page_texts: state.page_texts,
    text: state.page_texts.join('\n\n'),
    document_type: state.document_type,
    classification: state.classification,
    fields: state.fields,
    verification: state.verification,
  };
}

/** Writes progress at most a few times a second, but always on a change of stage. */
function progressWriter(deps: ProcessorDeps, taskId: string) {
  let lastStage = '';
  let lastAt = 0;
  return async (stage: StageName, percent: number) => {
    const now = Date.now();
    if (stage === lastStage && now - lastAt < 250) return;
    lastStage = stage;
    lastAt = now;
    await deps.repo.progress(taskId, stage, Math.min(99, percent), deps.leaseSeconds);
  };
}

/**
 * While a job works, keeps its claim's lease and (where the queue can) its message's invisibility
 * renewed, so a queue retry that outlives its own expiry finds the task busy instead of running it
 * a second time beside this one. A stage that reports no progress for long still holds its claim.
 */
function keepAlive(deps: ProcessorDeps, task: TaskRecord, delivery: Delivery, log: Logger): () => void {
  const every = Math.max(1, Math.floor(deps.leaseSeconds / 3)) * 1000;
  const timer = setInterval(() => {
    deps.repo.renew(task.id, task.attempts, deps.leaseSeconds).catch((err: unknown) => log.warn({ err }, 'could not renew the lease'));
    delivery.extend?.(deps.leaseSeconds).catch((err: unknown) => log.warn({ err }, 'could not extend message visibility'));
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

/** This worker's lease ran out and another worker took the task: its outcome is not ours to record. */
function lostClaim(log: Logger): void {
  log.warn('task was taken over by another worker; this outcome is dropped');
}

/**
 * Processes one job exactly once in effect. Idempotency is keyed on the task, not the message:
 * a finished task is acknowledged without work, a task another worker holds is retried later.
 * Permanent failures end the document `failed` and resolve; transient ones throw for a retry, and
 * on the last attempt the document ends `failed` with `retries_exhausted` before the throw.
 */
export async function processJob(deps: ProcessorDeps, body: unknown, delivery: Delivery): Promise<void> {
  const job = parseJob(body);
  if (job.sent_at) metrics().queueAge(Math.max(0, (Date.now() - Date.parse(job.sent_at)) / 1000));
  return withCarriedTrace(job.trace, () =>
    inSpan('job', { 'kyb.document_id': job.document_id, 'kyb.task_id': job.task_id, 'kyb.attempt': delivery.attempt }, () =>
      runJob(deps, job, delivery),
    ),
  );
}

/** Claims the job's task; a redrive request first re-opens it if it failed in the message's generation. */
async function claimFor(deps: ProcessorDeps, job: Job): Promise<ClaimOutcome> {
  const claim = await deps.repo.claim(job.task_id, job.generation, deps.leaseSeconds);
  if (claim.kind !== 'finished' || !job.redrive) return claim;
  const reopened = await deps.repo.redrive(job.task_id, job.redrive.actor, job.generation);
  return reopened ? deps.repo.claim(job.task_id, reopened.generation, deps.leaseSeconds) : claim;
}

async function runJob(deps: ProcessorDeps, job: Job, delivery: Delivery): Promise<void> {
  const log = deps.log.child({ document_id: job.document_id, task_id: job.task_id, attempt: delivery.attempt });
  const claim = await claimFor(deps, job);
  if (claim.kind === 'finished' || claim.kind === 'missing' || claim.kind === 'stale') {
    log.info({ claim: claim.kind }, 'job acknowledged without work');
    return;
  }
  if (claim.kind === 'busy') throw new TaskBusyError(job.task_id);
  const { task, document } = claim;
  // Attempts are the task's, across messages: a swept re-send starts a new message at its first delivery.
  const attempt = Math.max(delivery.attempt, task.attempts);
  const stopKeepAlive = keepAlive(deps, task, delivery, log);
  const finished = (state: TaskFinished['state'], decision: string | null, documentType: string | null = null) => {
    metrics().documentDecided(documentType ?? 'unknown', decision ?? state);
    return deps.onFinished?.({ document_id: document.id, task_id: task.id, tenant_id: document.tenant_id, state, decision });
  };
  const deadline = deps.deadlineSeconds ? new Deadline(deps.deadlineSeconds * 1000, (deps.deadlineSecondsPerPage ?? 0) * 1000) : undefined;
  try {
    const bytes = await loadOriginal(deps.store, document);
    const started = Date.now();
    const state = await runStages(
      deps.stages,
      {
        document: documentInfo(document, task),
        task: { id: task.id, kind: task.kind },
        claims: { ...document.claims, ...task.claims },
        bytes,
        signal: deadline?.signal,
        pagesToRead: deadline && ((count) => deadline.addPages(count)),
      },
      progressWriter(deps, task.id),
    );
    if (!(await deps.repo.complete(task, outcomeOf(state)))) return lostClaim(log);
    log.info({ ms: Date.now() - started, pages: state.pages.length, decision: state.verification?.decision ?? null }, 'task completed');
    await finished('completed', state.verification?.decision ?? null, state.document_type);
  } catch (error) {
    if (error instanceof PermanentError) {
      if (!(await deps.repo.fail(task.id, document.id, error.code, error.message, task.attempts))) return lostClaim(log);
      log.info({ code: error.code }, 'task failed permanently');
      await finished('failed', null);
      return;
    }
    if (attempt >= delivery.maxAttempts) {
      const message = `Processing failed after ${attempt} attempts: ${(error as Error).message}`;
      const code = error instanceof OriginalNotStored ? error.code : 'retries_exhausted';
      if (await deps.repo.fail(task.id, document.id, code, message, task.attempts)) {
        log.error({ err: error }, 'task failed after its last attempt');
        await finished('failed', null);
      }
    } else {
      await deps.repo.release(task.id, task.attempts);
      log.warn({ err: error }, 'task failed; it will be retried');
    }
    throw error;
  } finally {
    deadline?.stop();
    stopKeepAlive();
  }
}
