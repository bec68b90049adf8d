import { loadConfig } from '../../worker/config';
import { createLogger } from '../../worker/logger';
import { processJob } from '../../worker/processor';
import { createRuntime } from '../../worker/runtime';

/**
 * A worker that dies (SIGKILL) the moment a task's result is recorded, before anything is sent:
 * what the webhook outbox must survive.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config, createLogger(config.LOG_LEVEL));
  const deps = { ...runtime.processorDeps(), onFinished: async () => void process.kill(process.pid, 'SIGKILL') };
  await runtime.queue.consume((job, delivery) => processJob(deps, job, delivery), { concurrency: 1 });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
