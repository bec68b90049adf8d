import { possibleEvidenceImages } from './forensics/pixels/evidence-images';
import type { Logger } from './logger';
import type { DirectUploadRepository, DocumentRepository, ExclusiveLock } from './persistence/port';
import { jobOf } from './queue/job';
import type { JobQueue } from './queue/port';
import { deleteEvidenceImages } from './storage/keys';
import type { DocumentStore } from './storage/port';

export interface MaintenanceDeps {
  /** Keeps upkeep to one process at a time. */
  lock: ExclusiveLock;
  repo: DocumentRepository;
  store: DocumentStore;
  /** The store's key prefix, where a document's evidence pictures sit beside its original. */
  storagePrefix: string;
  queue: JobQueue;
  log: Logger;
  /** A task may run this long between progress reports before it counts as stuck. */
  taskTimeoutSeconds: number;
  maxAttempts: number;
  retentionDays: number;
  /** Direct-upload slots, whose expired and never registered objects are removed. */
  slots?: Pick<DirectUploadRepository, 'expired' | 'remove'>;
  /** Sends the webhooks waiting in the outbox (those a crash left unsent, and retries); how many were delivered. */
  dispatchOutbox?: () => Promise<number>;
}

export interface SweepReport {
  requeued: number;
  failed: number;
}

const BATCH = 100;

/**
 * Finds tasks nobody is working on: re-sends them while attempts remain (the claim keeps the work
 * single), and fails them with `timed_out` when they have used up their attempts.
 */
export async function sweepStuckTasks(deps: MaintenanceDeps, now = new Date()): Promise<SweepReport> {
  const queuedBefore = new Date(now.getTime() - deps.taskTimeoutSeconds * 1000);
  const stuck = await deps.repo.stuckTasks(queuedBefore, BATCH);
  const report: SweepReport = { requeued: 0, failed: 0 };
  for (const task of stuck) {
    if (task.attempts >= deps.maxAttempts) {
      await deps.repo.fail(task.id, task.document_id, 'timed_out', `Processing did not finish after ${task.attempts} attempts.`);
      report.failed += 1;
      continue;
    }
    await deps.queue.send(jobOf(task));
    await deps.repo.touch(task.id);
    report.requeued += 1;
  }
  if (report.requeued + report.failed > 0) deps.log.warn(report, 'swept stuck tasks');
  return report;
}

/** Deletes documents past the retention period with their evidence pictures, each with an audit record of the purge. */
export async function purgeExpiredDocuments(deps: MaintenanceDeps, now = new Date()): Promise<number> {
  if (deps.retentionDays <= 0) return 0;
  const before = new Date(now.getTime() - deps.retentionDays * 86_400_000);
  let purged = 0;
  for (;;) {
    const batch = await deps.repo.expiredDocuments(before, BATCH);
    for (const document of batch) {
      await deps.repo.deleteDocument(document, 'retention', 'document.purged', async () => {
        if (document.storage_key) await deps.store.delete(document.storage_key);
        await deleteEvidenceImages(deps.store, deps.storagePrefix, document, possibleEvidenceImages(document.page_info));
      });
    }
    purged += batch.length;
    if (batch.length < BATCH) break;
  }
  if (purged > 0) deps.log.info({ purged, retention_days: deps.retentionDays }, 'purged expired documents');
  return purged;
}

/** Removes what direct uploads left and never registered once their forms expire: the object first, then the slot. */
export async function removeAbandonedUploads(deps: MaintenanceDeps, now = new Date()): Promise<number> {
  if (!deps.slots) return 0;
  const abandoned = await deps.slots.expired(now, BATCH);
  for (const slot of abandoned) {
    await deps.store.delete(slot.storage_key);
    await deps.slots.remove(slot.id);
  }
  if (abandoned.length > 0) deps.log.info({ removed: abandoned.length }, 'removed abandoned direct uploads');
  return abandoned.length;
}

/**
 * One round of upkeep: sweeping and purging by one process at a time across all API tasks; the
 * outbox by any (its claims keep one message to one sender).
 */
export async function runMaintenance(deps: MaintenanceDeps): Promise<void> {
  await deps.lock.runExclusive(async () => {
    await sweepStuckTasks(deps);
    await purgeExpiredDocuments(deps);
    await removeAbandonedUploads(deps);
  });
  await deps.dispatchOutbox?.();
}

/** Runs upkeep on an interval; returns a function that stops it. */
export function startMaintenance(deps: MaintenanceDeps, intervalSeconds: number): () => void {
  const timer = setInterval(() => {
    runMaintenance(deps).catch((err: unknown) => deps.log.error({ err }, 'maintenance failed'));
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
