import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OcrEngine, OcrResult } from '../../worker/ocr/port';

/** Where `make accuracy` and the reading tests keep OCR results between runs (gitignored). */
export const OCR_CACHE_DIR = path.join(__dirname, '..', '..', '.cache', 'reading-ocr');

/**
 * An OCR engine that remembers what another one read, keyed by the SHA-256 of the cleaned page
 * image it was given. The key is the exact pixels tesseract sees, so a change to the generator or
 * to image cleaning misses the cache and is read afresh; only tesseract's own work is reused.
 */
export class CachedOcr implements OcrEngine {
  hits = 0;
  misses = 0;

  constructor(
    private readonly engine: OcrEngine,
    private readonly dir = OCR_CACHE_DIR,
  ) {}

  get size(): number {
    return this.engine.size;
  }

  async recognize(image: Buffer): Promise<OcrResult> {
    const file = path.join(this.dir, `${createHash('sha256').update(image).digest('hex')}.json`);
    const cached = await readFile(file, 'utf8').then(
      (text) => JSON.parse(text) as OcrResult,
      () => undefined,
    );
    if (cached) {
      this.hits += 1;
      return cached;
    }
    this.misses += 1;
    const result = await this.engine.recognize(image);
    await mkdir(this.dir, { recursive: true });
    // Written whole then renamed, so a run stopped half-way never leaves a torn entry behind.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(result));
    await rename(partial, file);
    return result;
  }

  close(): Promise<void> {
    return this.engine.close();
  }
}
