import { PermanentError } from './errors';
import { processJob } from './processor';
import type { Runtime } from './runtime';

/** Runs the pipeline in this process, taking jobs from the queue (the embedded default). */
export async function startLocalWorker(runtime: Runtime): Promise<void> {
  const deps = runtime.processorDeps();
  // One warm thread for each document the queue hands over at once.
  void runtime.processing.warm(runtime.config.WORKER_CONCURRENCY);
  await runtime.queue.consume(
    async (job, delivery) => {
      try {
        await processJob(deps, job, delivery);
      } catch (error) {
        // processJob records permanent failures on the document; one it cannot tie to a document
        // (a malformed job) would only fail again, so it is logged and acknowledged.
        if (error instanceof PermanentError) {
          deps.log.warn({ code: error.code }, 'job dropped: it can never be processed');
          return;
        }
        throw error;
      }
    },
    { concurrency: runtime.config.WORKER_CONCURRENCY },
  );
}
