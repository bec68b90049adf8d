import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { storeStream } from '../../service/documents/intake';
import { buildServices } from '../../service/services';
import { loadConfig } from '../../worker/config';
import type { Claims } from '../../worker/domain';
import { createLogger } from '../../worker/logger';
import { processJob } from '../../worker/processor';
import { createRuntime } from '../../worker/runtime';
import { failChild } from './channel';

/** Peak resident set size of this process so far (all its threads, OCR workers included), in MiB. */
function peakRssMb(): Promise<number> {
  return fs.readFile('/proc/self/status', 'utf8').then(
    (status) => Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]) / 1024,
    () => process.resourceUsage().maxRSS / 1024,
  );
}

/**
 * A worker process that handles exactly one document, as the Lambda or a local worker would, and
 * reports its peak RSS before and after: the runtime alone, then with the document read.
 */
async function main(): Promise<void> {
  const file = process.env.BENCH_DOCUMENT;
  if (!file) throw new Error('BENCH_DOCUMENT is required');
  const claims = JSON.parse(process.env.BENCH_CLAIMS ?? '{}') as Claims;
  const config = loadConfig(process.env);
  const runtime = await createRuntime(config, createLogger(config.LOG_LEVEL));
  const { tenant_id } = await runtime.repos.apiKeys.create(`bench-${randomUUID()}`);
  const intake = { store: runtime.store, storagePrefix: config.S3_PREFIX, log: runtime.log };
  const stored = await storeStream(intake, tenant_id, createReadStream(file), () => false);
  const accepted = await buildServices(runtime).documents.upload(tenant_id, { originalname: path.basename(file), stored }, claims);
  const idleMb = await peakRssMb();
  const started = performance.now();
  await processJob(
    runtime.processorDeps(),
    { document_id: accepted.document_id, task_id: accepted.task_id },
    { attempt: 1, maxAttempts: 1 },
  );
  const ms = performance.now() - started;
  const peakMb = await peakRssMb();
  const document = await runtime.repos.documents.findDocument(tenant_id, accepted.document_id);
  process.send?.({
    type: 'ready',
    idleMb,
    peakMb,
    ms,
    status: document?.status,
    error: document?.error_code ?? null,
    pages: document?.pages ?? null,
  });
  await runtime.close();
  process.disconnect?.();
}

main().catch(failChild);
