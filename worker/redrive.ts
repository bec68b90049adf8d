import type { DocumentRepository } from './persistence/port';
import { jobOf } from './queue/job';
import type { Job, JobQueue } from './queue/port';

/**
 * An operator's redrive of one task: re-opened under a new generation (recorded with its actor),
 * then sent; null when the task is not failed. A send that fails leaves the task queued, and the
 * sweeper sends it later. Queue retries of earlier messages can no longer claim it.
 */
export async function redriveTask(deps: { repo: DocumentRepository; queue: JobQueue }, taskId: string, actor: string): Promise<Job | null> {
  const task = await deps.repo.redrive(taskId, actor);
  if (!task) return null;
  const job = jobOf(task);
  await deps.queue.send(job);
  return job;
}
