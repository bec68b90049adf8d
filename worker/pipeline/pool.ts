import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Config } from '../config';
import type { StageName } from '../domain';
import { PermanentError } from '../errors';
import { wantsPretty, type Logger } from '../logger';
import type { OcrEngine } from '../ocr/port';
import type { FileFacts } from './file-facts';
import { processingTimeout } from './runner';
import * as wire from './thread-protocol';
import type { PipelineState, Stage, StageContext } from './types';

export interface ProcessingPoolOptions {
  config: Config;
  /** The process's OCR pool: threads send it their pages, so its tesseract workers stay warm across threads. */
  ocr: OcrEngine;
  log: Logger;
  /** The thread's entry script; beside this file by default. */
  script?: string;
}

/** What a thread is started with. */
export interface ThreadData {
  config: Config;
  ocrSize: number;
  /** Whether this process logs readable lines: a thread's stdout is never a terminal, so it is told. */
  prettyLogs: boolean;
}

/** The thread's entry beside this file: TypeScript under tsx, JavaScript when built (the Lambda bundle puts it beside its handler). */
function threadScript(): string {
  return path.join(__dirname, `thread${path.extname(__filename)}`);
}

/** A thread started this long ago with nothing to do is let go (its next task starts a new one). */
const IDLE_MS = 5 * 60_000;

/**
 * Worker threads that do the pipeline's heavy work: pdf.js parsing and rendering, image clean-up,
 * pixel forensics and extraction. Each task runs under the task's deadline and a heap cap; a thread
 * that passes either is stopped and replaced, and the document fails `processing_timeout` or
 * `resource_limit`, while this event loop keeps serving.
 */
export class ProcessingPool {
  private readonly piscina: Piscina;
  /** A thread being started by `warm`: tasks wait for it rather than start a second one beside it. */
  private warming: Promise<unknown> | undefined;

  constructor(private readonly options: ProcessingPoolOptions) {
    const { config, ocr, log } = options;
    const prettyLogs = wantsPretty(config.LOG_FORMAT, Boolean(process.stdout.isTTY), config.NODE_ENV);
    const data: ThreadData = { config, ocrSize: ocr.size, prettyLogs };
    const filename = options.script ?? threadScript();
    // piscina leaves a task pending for ever when its thread cannot load the script: every document
    // would wait out its deadline and fail `processing_timeout`, so a bundle without it fails at start.
    if (!existsSync(filename))
      throw new Error(`The processing thread's script ${filename} is missing (a bundle must ship it beside its entry)`);
    this.piscina = new Piscina({
      filename,
      name: 'processInThread',
      minThreads: 0,
      maxThreads: config.PROCESSING_THREADS ?? config.WORKER_CONCURRENCY,
      idleTimeout: IDLE_MS,
      // Waiting on an atomic would stop the thread's event loop between tasks, and with it the
      // replies it still expects (OCR, progress acknowledgements).
      atomics: 'disabled',
      // Below the API's priority: when cores are short, /health and uploads run first.
      niceIncrement: 10,
      // The stack stays the main thread's size (about 1 MB), so deep nesting fails as it always has.
      resourceLimits: { maxOldGenerationSizeMb: config.processingHeapMb, stackSizeMb: 1 },
      workerData: data,
    });
    // A thread that dies with no task on it (rare) is replaced; it must not take the process along.
    this.piscina.on('error', (err: unknown) => log.warn({ err }, 'a processing thread failed outside a task'));
  }

  /** The same stage as the runner sees it (name, weight), its work done by the stage's copy in a thread. */
  isolate(stage: Stage): Stage {
    return { name: stage.name, weight: stage.weight, run: (ctx) => this.runStage(stage.name, ctx) };
  }

  /** A file's forensic facts (pdf.js metadata, EXIF), read in a thread. */
  readFacts(bytes: Buffer, mime: string, signal?: AbortSignal): Promise<FileFacts> {
    return this.run<FileFacts>({ kind: 'facts', bytes, mime }, [], signal);
  }

  /** The most threads the pool runs at once. */
  get threads(): number {
    return this.piscina.options.maxThreads;
  }

  /** Threads running now, warm or busy. */
  get threadsRunning(): number {
    return this.piscina.threads.length;
  }

  /**
   * Starts `threads` threads (at most the pool's) with pdf.js loaded, and the OCR workers, before
   * documents need them: a thread's start (seconds under tsx) and pdf.js's load would otherwise fall
   * on the first documents. Tasks that come meanwhile wait for them rather than start more beside them.
   */
  warm(threads = 1): Promise<void> {
    this.options.ocr.warm?.();
    const count = Math.max(1, Math.min(threads, this.threads));
    // Sent together, so each lands on a thread of its own: one sent after another finished would reuse its thread.
    const runs = Array.from({ length: count }, () => this.piscina.run({ kind: 'warm' } satisfies wire.ThreadJob).catch(() => undefined));
    const warming: Promise<void> = Promise.all(runs).then(() => {
      if (this.warming === warming) this.warming = undefined;
    });
    this.warming = warming;
    return warming;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }

  private async runStage(stage: StageName, ctx: StageContext): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    // Progress is written in order, and the stage ends only once the last of it is written.
    let reported = Promise.resolve();
    const handle = (message: wire.FromThread) => {
      if (message.kind === 'progress') reported = reported.then(() => ctx.progress(message.fraction));
      else if (message.kind === 'pages') ctx.pagesToRead?.(message.count);
      else this.recognize(port1, message.id, message.image);
    };
    port1.on('message', handle);
    try {
      const { document, task, claims, bytes, state, signal } = ctx;
      const job: wire.ThreadJob = { kind: 'stage', stage, port: port2, document, task, claims, bytes, state };
      const after = await this.run<PipelineState>(job, [port2], signal).catch(async (error: unknown) => {
        await reported.catch(() => undefined);
        throw error;
      });
      // The result comes on piscina's port, so progress posted just before it may still be queued on ours.
      for (let queued = receiveMessageOnPort(port1); queued; queued = receiveMessageOnPort(port1))
        handle(queued.message as wire.FromThread);
      Object.assign(ctx.state, wire.revived(after));
      await reported;
    } finally {
      port1.close();
    }
  }

  private recognize(port: MessagePort, id: number, image: Uint8Array): void {
    const reply = (message: wire.ToThread) => port.postMessage(message);
    this.options.ocr.recognize(wire.asBuffer(image)).then(
      (result) => reply({ kind: 'ocr-done', id, result }),
      (error: unknown) => reply({ kind: 'ocr-failed', id, error: wire.failureOf(error) }),
    );
  }

  private async run<T>(job: wire.ThreadJob, transferList: MessagePort[], signal: AbortSignal | undefined): Promise<T> {
    let outcome: wire.ThreadOutcome<T>;
    try {
      await this.warming;
      outcome = await this.piscina.run(job, { transferList, signal });
    } catch (error) {
      throw this.limitError(error, signal);
    }
    if (!outcome.ok) throw wire.errorOf(outcome.error);
    return outcome.value;
  }

  /** Which limit stopped the thread, as the document's failure. */
  private limitError(error: unknown, signal: AbortSignal | undefined): unknown {
    const timedOut = signal?.aborted === true;
    const outOfMemory = (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    // The stopped thread's replacement starts now rather than under the next document's deadline.
    if (timedOut || outOfMemory) void this.warm();
    if (timedOut) return processingTimeout();
    if (!outOfMemory) return error;
    const limit = this.options.config.processingHeapMb;
    return new PermanentError(
      'resource_limit',
      `Processing needed more than the ${limit} MB of memory a document is allowed; it was stopped.`,
      {
        limit_mb: limit,
      },
    );
  }
}
