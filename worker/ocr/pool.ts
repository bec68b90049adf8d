import { existsSync } from 'node:fs';
import path from 'node:path';
import { createWorker, OEM, type Block, type OutputFormats, type Worker } from 'tesseract.js';
import { PermanentError } from '../errors';
import type { Box, OcrEngine, OcrResult, OcrWord } from './port';
import { PAGE_READING } from './settings';
import { wordsFromTsv } from './words';

const boxOf = (b: { x0: number; y0: number; x1: number; y1: number }): Box => [b.x0, b.y0, b.x1, b.y1];

/** Flattens tesseract's block tree into words, numbering lines in reading order: for pages whose TSV and box outputs do not line up. */
function wordsOf(blocks: Block[] | null): OcrWord[] {
  const lines = (blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
  return lines.flatMap((l, line) =>
    l.words.map((w) => ({
      text: w.text,
      box: boxOf(w.bbox),
      line,
      confidence: w.confidence,
      symbols: w.symbols.map((s) => ({ text: s.text, box: boxOf(s.bbox) })),
    })),
  );
}

export interface OcrPoolOptions {
  size: number;
  /**
   * Pages' worth of pixels a worker reads before it is replaced (tesseract's WASM heap only grows):
   * a second reading's line crop counts as the sliver of a page it is, not as a page.
   */
  recycleAfter: number;
  /** Folder with eng.traineddata.gz; a Lambda bundle ships its own copy. */
  langPath?: string;
  /** tesseract.js worker script and core folder, for bundles that move them out of node_modules. */
  workerPath?: string;
  corePath?: string;
  /** A page that takes longer than this is abandoned and its worker replaced. */
  pageTimeoutMs?: number;
}

interface Slot {
  worker?: Promise<Worker>;
  /** Pages' worth of pixels read by the current worker. */
  work: number;
  busy: boolean;
}

/** A cleaned page's pixels: A4 at the resolution tesseract is told. */
const PAGE_PIXELS = Math.round((210 / 25.4) * PAGE_READING.dpi) * Math.round((297 / 25.4) * PAGE_READING.dpi);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * How much of a page `image` is, by its pixels (a PNG's header holds its size); an image of any
 * other format counts as a whole page.
 */
export function pagesOfWork(image: Buffer): number {
  if (image.length < 24 || !image.subarray(0, 8).equals(PNG_SIGNATURE)) return 1;
  return (image.readUInt32BE(16) * image.readUInt32BE(20)) / PAGE_PIXELS;
}

/** The bundled best_int English model from @tesseract.js-data/eng in node_modules. */
export function defaultLangPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/**
 * Our worker script (tesseract-thread.ts, LSTM-only core) beside this module, or compiled beside a
 * bundle's entry; a bundle that does not ship it gets tesseract.js's own script, which reads the
 * same but holds the full core.
 */
function ourWorkerScript(): string | undefined {
  const script = path.join(__dirname, `tesseract-thread${path.extname(__filename)}`);
  return existsSync(script) ? script : undefined;
}

export class OcrPoolClosedError extends Error {
  constructor() {
    super('The OCR pool is closed');
    this.name = 'OcrPoolClosedError';
  }
}

class OcrTimeoutError extends Error {
  constructor(ms: number) {
    super(`OCR did not finish within ${ms} ms`);
    this.name = 'OcrTimeoutError';
  }
}

/**
 * A fixed number of tesseract.js workers, started on first use, each replaced after a number of
 * pages' worth of pixels and after any failure. Pages wait in line for a free worker.
 */
export class OcrPool implements OcrEngine {
  private readonly slots: Slot[];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private closed = false;
  private started = 0;

  constructor(private readonly options: OcrPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({ work: 0, busy: false }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Counters for benchmarks and tests: how many workers were started over the pool's life. */
  stats(): { workersStarted: number } {
    return { workersStarted: this.started };
  }

  private startWorker(): Promise<Worker> {
    const { langPath, corePath } = this.options;
    const workerPath = this.options.workerPath ?? ourWorkerScript();
    this.started += 1;
    return createWorker('eng', OEM.LSTM_ONLY, {
      langPath: langPath ?? defaultLangPath(),
      cacheMethod: 'none',
      gzip: true,
      ...(workerPath ? { workerPath } : {}),
      ...(corePath ? { corePath } : {}),
    }).then(async (worker) => {
      await worker.setParameters({
        tessedit_pageseg_mode: PAGE_READING.pageSegMode,
        user_defined_dpi: String(PAGE_READING.dpi),
      });
      return worker;
    });
  }

  /**
   * Starts every worker now (about a second each, model loaded), so the first pages do not wait
   * for them; a worker that fails to start is started again by the page that needs it.
   */
  warm(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.worker) continue;
      const worker = this.startWorker();
      slot.worker = worker;
      worker.catch(() => {
        if (slot.worker === worker) slot.worker = undefined;
      });
    }
  }

  private acquire(): Promise<Slot> {
    if (this.closed) return Promise.reject(new OcrPoolClosedError());
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private async retire(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.work = 0;
    if (worker) await worker.then((w) => w.terminate()).catch(() => undefined);
  }

  private async runOn(slot: Slot, image: Buffer): Promise<OcrResult> {
    slot.worker ??= this.startWorker();
    const worker = await slot.worker;
    const timeoutMs = this.options.pageTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrTimeoutError(timeoutMs)), timeoutMs);
    });
    try {
      const read = (output: Partial<OutputFormats>) => Promise.race([worker.recognize(image, {}, output), timeout]);
      const { data } = await read({ text: true, tsv: true, box: true });
      const words = wordsFromTsv(data.tsv ?? '', data.box ?? '') ?? wordsOf((await read({ blocks: true })).data.blocks);
      return { text: data.text, confidence: Math.round(data.confidence * 10) / 10, words };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * OCRs one image. A failure is tried once more on a fresh worker; failing twice means the
   * image itself is the problem, which retrying the task cannot fix.
   */
  async recognize(image: Buffer): Promise<OcrResult> {
    const slot = await this.acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        if (this.closed) throw new OcrPoolClosedError();
        try {
          const result = await this.runOn(slot, image);
          slot.work += pagesOfWork(image);
          if (slot.work >= this.options.recycleAfter) await this.retire(slot);
          return result;
        } catch (error) {
          await this.retire(slot);
          if (this.closed) throw new OcrPoolClosedError();
          if (attempt >= 2) throw new PermanentError('ocr_failed', `OCR failed twice on the same page: ${(error as Error).message}`);
        }
      }
    } finally {
      this.release(slot);
    }
  }

  /** Terminates every worker; pages still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
  }
}
