import { processJob } from './processor';
import type { Runtime } from './runtime';

/** Runs the pipeline in this process, taking jobs from the queue (the embedded default). */
export async function startLocalWorker(runtime: Runtime): Promise<void> {
  const deps = runtime.processorDeps();
  await runtime.queue.consume((job, delivery) => processJob(deps, job, delivery), {
    concurrency: runtime.config.WORKER_CONCURRENCY,
  });
}
