import { generateDocument, randomCompany, Rng, type FixtureType, type Rendering } from '../../fixtures';
import sharp from 'sharp';
import type { PageScan } from '../../worker/forensics/pixels/page-scan';
import type { PagePixels } from '../../worker/forensics/pixels/types';
import type { ImageInput } from '../../worker/images/clean';
import type { Box, OcrEngine, OcrResult } from '../../worker/ocr/port';
import { openPdf } from '../../worker/pdf/document';
import { ocrPage } from '../../worker/pipeline/read-page';
import { pageImage } from '../../worker/pipeline/text';
import { CachedOcr } from './ocr-cache';

/** An engine that answers every image with what OCR read of the sound page: an edited page reads the same. */
const answering = (result: OcrResult): OcrEngine => ({ size: 1, recognize: async () => result, close: async () => {} });

/**
 * Remembers the first answer of the engine it wraps since `last` was cleared: a page's own reading,
 * not that of a line the text stage read again closer up.
 */
function recording(engine: OcrEngine): OcrEngine & { last?: OcrResult } {
  const wrapped: OcrEngine & { last?: OcrResult } = {
    size: engine.size,
    recognize: async (image) => {
      const result = await engine.recognize(image);
      wrapped.last ??= result;
      return result;
    },
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
/** The worker's rendering resolution for pages without text. */
const RENDER_DPI = 200;
/** Statements and bills are dated from it: fixed, so the pages (and their cached OCR) are the same every day. */
const TODAY = '2026-11-30';

/** A sound page as generated and as the text stage reads it: `pixels` are the page's own (a PDF's, its scan's). */
export interface SoundPage {
  bytes: Buffer;
  image: ImageInput;
  scan?: PageScan;
  pixels: PagePixels;
}

/** What the text stage reads of a document's first page: an image as it is; an image-only PDF's page rendered, with its scan. */
async function firstPage(doc: { bytes: Buffer; mime: string }): Promise<{ image: ImageInput; scan?: PageScan }> {
  if (doc.mime !== 'application/pdf') return { image: doc.bytes };
  const pdf = await openPdf(doc.bytes, 1);
  try {
    return await pageImage(pdf, 1, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS });
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function readSoundPage(ocr: OcrEngine, c: ReadingCase): Promise<SoundPage> {
  const doc = await generateDocument({ ...c, company: randomCompany(new Rng(c.seed)), today: TODAY });
  const { image, scan } = await firstPage(doc);
  return { bytes: doc.bytes, image, scan, pixels: (await ocrPage(ocr, image, { maxPixels: MAX_PIXELS, scan })).pixels! };
}

/** The pixels an edit is made on: the image itself, or a PDF page's scan. */
export const editable = (page: SoundPage): ImageInput => page.scan ?? page.image;

/** Reads an edited copy of the page (a PNG of `editable(page)`) as the text stage reads the page itself. */
export async function readEdited(sameReading: OcrEngine, page: SoundPage, edited: Buffer): Promise<PagePixels> {
  if (!page.scan) return (await ocrPage(sameReading, edited, { maxPixels: MAX_PIXELS })).pixels!;
  const { data, info } = await sharp(edited).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const scan: PageScan = { data, width: info.width, height: info.height, channels: 3 };
  return (await ocrPage(sameReading, page.image, { maxPixels: MAX_PIXELS, scan })).pixels!;
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
  visit: (c: ReadingCase, page: SoundPage, sameReading: OcrEngine) => Promise<void>,
): Promise<void> {
  const ocr = recording(new CachedOcr(1));
  try {
    for (const c of cases) {
      ocr.last = undefined;
      const page = await readSoundPage(ocr, c);
      await visit(c, page, answering(ocr.last!));
    }
  } finally {
    await ocr.close();
  }
}
