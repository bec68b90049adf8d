import { generateDocument, randomCompany, Rng, type FixtureType, type Rendering } from '../../fixtures';
import type { PagePixels } from '../../worker/forensics/pixels/types';
import type { Box, OcrEngine, OcrResult } from '../../worker/ocr/port';
import { ocrPage } from '../../worker/pipeline/read-page';
import { CachedOcr } from './ocr-cache';

/** An engine that answers every image with what OCR read of the sound page: an edited page reads the same. */
const answering = (result: OcrResult): OcrEngine => ({ size: 1, recognize: async () => result, close: async () => {} });

/** Remembers the last answer of the engine it wraps. */
function recording(engine: OcrEngine): OcrEngine & { last?: OcrResult } {
  const wrapped: OcrEngine & { last?: OcrResult } = {
    size: engine.size,
    recognize: async (image) => (wrapped.last = await engine.recognize(image)),
    close: () => engine.close(),
  };
  return wrapped;
}

/** A sound document of the reading corpus (`fixtures/layouts*.ts`), as `make verified-rate` plans it. */
export interface ReadingCase {
  type: FixtureType;
  layout: string;
  rendering: Rendering;
  seed: number;
}

export const MAX_PIXELS = 60_000_000;
/** Statements and bills are dated from it: fixed, so the pages (and their cached OCR) are the same every day. */
const TODAY = '2026-11-30';

/** The case's first page as generated and as the text stage reads it, with its pixel measures. */
async function readSoundPage(ocr: OcrEngine, c: ReadingCase): Promise<{ bytes: Buffer; pixels: PagePixels }> {
  const doc = await generateDocument({ ...c, company: randomCompany(new Rng(c.seed)), today: TODAY });
  return { bytes: doc.bytes, pixels: (await ocrPage(ocr, doc.bytes, { maxPixels: MAX_PIXELS })).pixels! };
}

/** A box overlaps a check's evidence region. */
export const overlaps = (a: Box, b: { left: number; top: number; right: number; bottom: number }) =>
  a[0] < b.right && b.left < a[2] && a[1] < b.bottom && b.top < a[3];

/**
 * Reads each case's page in turn with the cached OCR, handing `visit` the page and an engine that
 * answers any image with what OCR read of that sound page (an edited page reads the same).
 */
export async function eachSoundPage(
  cases: ReadingCase[],
  visit: (c: ReadingCase, page: { bytes: Buffer; pixels: PagePixels }, sameReading: OcrEngine) => Promise<void>,
): Promise<void> {
  const ocr = recording(new CachedOcr(1));
  try {
    for (const c of cases) {
      const page = await readSoundPage(ocr, c);
      await visit(c, page, answering(ocr.last!));
    }
  } finally {
    await ocr.close();
  }
}
