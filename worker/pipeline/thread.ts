/**
 * The entry of a processing thread (see pool.ts): runs one reading stage, or reads a file's facts,
 * for the main thread. Built once per thread from the settings it was started with.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { createLlmExtractor } from '../extraction';
import { createLogger, type Logger } from '../logger';
import type { OcrEngine, OcrResult } from '../ocr/port';
import { loadPdfJs } from '../pdf/document';
import { emfMetrics, useMetrics } from '../telemetry/metrics';
import { readFileFacts } from './file-facts';
import { readingStages } from './reading';
import type { ThreadData } from './pool';
import * as wire from './thread-protocol';
import type { PipelineState } from './types';

const { config, ocrSize, prettyLogs } = workerData as ThreadData;
let logger: Logger | undefined;
/** Made on the first warning: a readable logger starts a thread of its own, which most threads never need. */
const log: Pick<Logger, 'warn'> = {
  warn: (...args: Parameters<Logger['warn']>) => {
    logger ??= createLogger(config.LOG_LEVEL, { base: { component: 'processing-thread' }, pretty: prettyLogs });
    logger.warn(...args);
  },
};
const llm = createLlmExtractor(config);
if (config.METRICS === 'emf') useMetrics(emfMetrics(config.METRICS_NAMESPACE, 'kyb'));

/** OCR by the main thread's pool: pages go over the task's port and their words come back. */
class PortOcr implements OcrEngine {
  private next = 0;
  private readonly waiting = new Map<number, { resolve(result: OcrResult): void; reject(error: Error): void }>();

  constructor(
    private readonly port: MessagePort,
    readonly size: number,
  ) {
    port.on('message', (message: wire.ToThread) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.kind === 'ocr-done') waiter?.resolve(message.result);
      else waiter?.reject(wire.errorOf(message.error));
    });
  }

  recognize(image: Buffer): Promise<OcrResult> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ kind: 'ocr', id, image });
    });
  }

  send(message: wire.FromThread): void {
    this.port.postMessage(message);
  }

  async close(): Promise<void> {
    this.port.close();
  }
}

async function runStage(job: Extract<wire.ThreadJob, { kind: 'stage' }>): Promise<PipelineState> {
  const ocr = new PortOcr(job.port, ocrSize);
  try {
    const stage = readingStages({ config, ocr, llm, log }).find((s) => s.name === job.stage);
    if (!stage) throw new Error(`The ${job.stage} stage does not run in a processing thread`);
    const state = wire.revived(job.state);
    await stage.run({
      document: job.document,
      task: job.task,
      claims: job.claims,
      bytes: wire.asBuffer(job.bytes),
      state,
      progress: async (fraction) => ocr.send({ kind: 'progress', fraction }),
      pagesToRead: (count) => ocr.send({ kind: 'pages', count }),
    });
    return state;
  } finally {
    await ocr.close();
  }
}

export async function processInThread(job: wire.ThreadJob): Promise<wire.ThreadOutcome<unknown>> {
  try {
    if (job.kind === 'warm') return { ok: true, value: Boolean(await loadPdfJs()) };
    if (job.kind === 'facts') return { ok: true, value: await readFileFacts(wire.asBuffer(job.bytes), job.mime, config.MAX_PDF_PAGES) };
    return { ok: true, value: await runStage(job) };
  } catch (error) {
    return { ok: false, error: wire.failureOf(error) };
  }
}
