import DataLoader from 'dataloader';
import { boundedBatches } from './bounded-batches';
import type { DocumentRepository, Job, JobQueue, NewUpload, CreatedTask } from '../../worker';

/**
 * An upload to record, with its job when the queue takes jobs in the database (stamped in its
 * request's context), and the flush of its file, which must have settled before its row is written.
 */
export interface PendingUpload {
  upload: NewUpload;
  job?: Job;
  /** Asked for once the group is being recorded. */
  durable?: () => Promise<void>;
}

export interface UploadRecorderOptions {
  /** Groups being recorded at once; uploads that arrive meanwhile wait and go together in the next. */
  concurrency: number;
  /** The most uploads in one group. */
  maxGroup: number;
}

export type UploadRecorder = DataLoader<PendingUpload, CreatedTask, PendingUpload>;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Records concurrent uploads in groups (group commit): while `concurrency` groups are being written,
 * the uploads that finish streaming meanwhile queue up and go together in the next group. A group is
 * one statement, committed as it returns (its rows, its tasks and their jobs: one round trip), sent
 * once every file of the group is on disk, so no row commits before its file would survive a power
 * cut; a file whose flush failed fails its upload alone. An upload that finds the way clear goes at
 * once. Each upload's promise settles only once its own group has committed; a group that fails is
 * written again one upload at a time, so a bad upload fails alone.
 */
export function uploadRecorder(
  repo: Pick<DocumentRepository, 'recordUploads'>,
  queue: Pick<JobQueue, 'insertOf'>,
  options: UploadRecorderOptions,
): UploadRecorder {
  const insertOf = queue.insertOf?.bind(queue);
  const record = async (group: readonly PendingUpload[]) => {
    const jobs = group.flatMap(({ job }) => (job ? [job] : []));
    const uploads = group.map(({ upload }) => upload);
    if (jobs.length === 0) return repo.recordUploads(uploads);
    // A queue that takes jobs in the database gives them as rows; a job with nowhere to go would be lost silently.
    if (!insertOf) throw new Error('the queue took jobs within the database but cannot give them as rows (insertOf)');
    return repo.recordUploads(uploads, await insertOf(jobs));
  };
  const recordEach = async (group: readonly PendingUpload[]): Promise<Array<CreatedTask | Error>> => {
    try {
      return await record(group);
    } catch (error) {
      if (group.length === 1) return [asError(error)];
      return Promise.all(group.map((pending) => record([pending]).then(([task]) => task!, asError)));
    }
  };
  const recordFlushed = async (group: readonly PendingUpload[]): Promise<Array<CreatedTask | Error>> => {
    const flushes = await Promise.allSettled(group.map(({ durable }) => durable?.()));
    const flushed = group.filter((_, i) => flushes[i]!.status === 'fulfilled');
    const recorded = flushed.length > 0 ? await recordEach(flushed) : [];
    return flushes.map((flush) => (flush.status === 'rejected' ? asError(flush.reason) : recorded.shift()!));
  };

  const slots = boundedBatches(options.concurrency);
  return new DataLoader(
    async (group) => {
      try {
        return await recordFlushed(group);
      } finally {
        slots.settled();
      }
    },
    { cache: false, maxBatchSize: options.maxGroup, batchScheduleFn: slots.batchScheduleFn },
  );
}
