import DataLoader from 'dataloader';
import { boundedBatches } from './bounded-batches';
import type { DocumentRepository, Job, JobQueue, NewUpload, CreatedTask } from '../../worker';

/**
 * An upload to record, with its job when the queue takes jobs in the database (stamped in its
 * request's context), and the flush of its file, which must have settled before it is answered.
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
  /**
   * A group of at least this many bytes frees its slot once its statement has returned, not once its
   * files are on disk: large files' flushes outlast the statement by far, and the next group need not
   * wait for them. A smaller group keeps its slot to the end, so the uploads arriving meanwhile gather
   * into one group rather than split into several (each a round trip and a commit).
   */
  longFlushBytes?: number;
}

export type UploadRecorder = DataLoader<PendingUpload, CreatedTask, PendingUpload>;

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Records concurrent uploads in groups (group commit): while `concurrency` groups are being written,
 * the uploads that finish streaming meanwhile queue up and go together in the next group. A group is
 * one statement, committed as it returns (its rows, its tasks and their jobs: one round trip), sent
 * while its files flush: the commit's WAL flush and the files' run at once, where one after the
 * other doubled the disk waits of every upload. Each upload's promise settles only once its group
 * has committed and its own file is on disk, so a 2xx still means both survive a power cut. A file
 * whose flush failed fails its upload alone and its rows are removed again; a crash between the two
 * flushes leaves rows whose file is missing or torn, which the worker checks before any stage and
 * fails with a stable code (no client was told of them). An upload that finds the way clear goes at
 * once; a group that fails is written again one upload at a time, so a bad upload fails alone.
 */
export function uploadRecorder(
  repo: Pick<DocumentRepository, 'recordUploads' | 'forgetUploads'>,
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
  const recordFlushing = async (group: readonly PendingUpload[], written: () => void): Promise<Array<CreatedTask | Error>> => {
    const flushes = Promise.allSettled(group.map(({ durable }) => durable?.()));
    const recorded = await recordEach(group);
    written();
    const settled = await flushes;
    const unstored = group.filter((_, i) => settled[i]!.status === 'rejected' && !(recorded[i] instanceof Error));
    // Best effort: a row left behind (the database gone too) fails in the worker, its file not matching it.
    if (unstored.length > 0) await repo.forgetUploads(unstored.map(({ upload }) => upload.id)).catch(() => undefined);
    return settled.map((flush, i) => (flush.status === 'rejected' ? asError(flush.reason) : recorded[i]!));
  };

  const slots = boundedBatches(options.concurrency);
  const longFlushBytes = options.longFlushBytes ?? Number.POSITIVE_INFINITY;
  return new DataLoader(
    async (group) => {
      let freed = false;
      const free = () => {
        if (!freed) slots.settled();
        freed = true;
      };
      const bytes = group.reduce((sum, { upload }) => sum + upload.size_bytes, 0);
      try {
        return await recordFlushing(group, bytes >= longFlushBytes ? free : () => undefined);
      } finally {
        free();
      }
    },
    { cache: false, maxBatchSize: options.maxGroup, batchScheduleFn: slots.batchScheduleFn },
  );
}
