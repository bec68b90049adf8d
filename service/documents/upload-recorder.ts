import DataLoader from 'dataloader';
import { boundedBatches } from './bounded-batches';
import type { DocumentRepository, Job, JobQueue, NewUpload, CreatedTask } from '../../worker';

/**
 * An upload to record, with its job when the queue takes jobs inside the transaction (stamped in its
 * request's context), and the flush of its file, which the transaction waits for before it commits.
 */
export interface PendingUpload {
  upload: NewUpload;
  job?: Job;
  /** Asked for once the transaction is ready to wait for it. */
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
 * the uploads that finish streaming meanwhile queue up and go together in the next group, as one
 * statement for their rows, one for their jobs and one commit. An upload that finds the way clear
 * goes at once. Its file's flush to disk runs meanwhile: the commit waits for every file of the
 * group, so no row commits before its file would survive a power cut. Each upload's promise settles only once its own group has committed; a group that
 * fails is written again one upload at a time, so a bad upload fails alone.
 */
export function uploadRecorder(
  repo: Pick<DocumentRepository, 'createWithTasks'>,
  queue: Pick<JobQueue, 'sendWithin'>,
  options: UploadRecorderOptions,
): UploadRecorder {
  const send = queue.sendWithin?.bind(queue);
  const record = (group: readonly PendingUpload[]) => {
    const jobs = group.flatMap(({ job }) => (job ? [job] : []));
    return repo.createWithTasks(
      group.map(({ upload }) => upload),
      async (transaction) => {
        if (send && jobs.length > 0) await send(jobs, transaction);
        await Promise.all(group.map(({ durable }) => durable?.()));
      },
    );
  };
  const recordEach = async (group: readonly PendingUpload[]): Promise<Array<CreatedTask | Error>> => {
    try {
      return await record(group);
    } catch (error) {
      if (group.length === 1) return [asError(error)];
      return Promise.all(group.map((pending) => record([pending]).then(([task]) => task!, asError)));
    }
  };

  const slots = boundedBatches(options.concurrency);
  return new DataLoader(
    async (group) => {
      try {
        return await recordEach(group);
      } finally {
        slots.settled();
      }
    },
    { cache: false, maxBatchSize: options.maxGroup, batchScheduleFn: slots.batchScheduleFn },
  );
}
