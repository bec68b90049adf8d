import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OcrEngine, OcrResult } from '../../worker/ocr/port';
import { OcrPool } from '../../worker/ocr/pool';
import { readingKey } from '../../worker/ocr/settings';

/** Where the corpus's OCR answers are kept between runs (ignored by git, like every test output). */
export const OCR_CACHE_DIR = path.join(__dirname, '../../test-output/forensics-ocr');

/** Raised instead of reading when only cached answers are wanted. */
export class NotCached extends Error {}

/**
 * An OCR engine that answers from disk when it has read the same cleaned image before: the corpus is
 * generated from seeds, so a second run of the accuracy report or the corpus test only redoes the
 * pixel analysis. Tesseract starts only when an image is new.
 */
export class CachedOcr implements OcrEngine {
  private pool?: OcrPool;

  constructor(
    readonly size: number,
    private readonly dir = OCR_CACHE_DIR,
    private readonly cachedOnly = false,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  async recognize(image: Buffer): Promise<OcrResult> {
    const file = path.join(this.dir, `${readingKey(image)}.json`);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as OcrResult;
    } catch {
      if (this.cachedOnly) throw new NotCached(file);
      this.pool ??= new OcrPool({ size: this.size, recycleAfter: 40 });
      const result = await this.pool.recognize(image);
      writeFileSync(file, JSON.stringify(result));
      return result;
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
