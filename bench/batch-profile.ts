/**
 * Where the day's batch spends its CPU: every document of the batch row read one page at a time,
 * each step timed in CPU seconds (this process and its OCR worker thread), summed per step and per
 * rendering. `npx tsx bench/batch-profile.ts`; add `--cpu-prof` to node for the frames inside a step.
 */
import { loadConfig } from '../worker/config';
import { analysePage } from '../worker/forensics/pixels/analyse';
import { regionsToPicture } from '../worker/forensics/pixels/evidence-images';
import { cleanImage, type ImageInput } from '../worker/images/clean';
import { OcrPool } from '../worker/ocr/pool';
import { imagePages } from '../worker/pipeline/image-pages';
import { openPdf } from '../worker/pdf/document';
import { onSource } from '../worker/pipeline/read-page';
import { rereadUnsure } from '../worker/pipeline/reread';
import { pageImage } from '../worker/pipeline/text';
import { isUsableText, pageText } from '../worker/pdf/text-layer';
import { pixelForensicsThresholds } from '../worker/verification/policy';
import { batchDocuments } from './documents';
import { ownCpuMs } from './cpu';

const MAX_PIXELS = 50_000_000;
const RENDER_DPI = 200;

/** CPU seconds per rendering and step. */
const spent = new Map<string, Map<string, number>>();
/** Lines read a second time (unsure postcodes) per rendering. */
const rereads = new Map<string, number>();

async function timed<T>(rendering: string, step: string, work: () => Promise<T>): Promise<T> {
  const before = ownCpuMs() / 1000;
  const result = await work();
  const steps = spent.get(rendering) ?? new Map<string, number>();
  steps.set(step, (steps.get(step) ?? 0) + ownCpuMs() / 1000 - before);
  spent.set(rendering, steps);
  return result;
}

async function readImagePage(
  ocr: OcrPool,
  rendering: string,
  input: ImageInput,
  scan: ImageInput | undefined,
  quantisation?: number[],
): Promise<void> {
  const cleaned = await timed(rendering, 'clean', () => cleanImage(input, { maxPixels: MAX_PIXELS }));
  const result = await timed(rendering, 'ocr', () => ocr.recognize(cleaned.png));
  const reread = await timed(rendering, 'reread', () => rereadUnsure(ocr, cleaned, result.words));
  rereads.set(rendering, (rereads.get(rendering) ?? 0) + reread.reads.length);
  const pixels = scan ?? input;
  // As ocrPage hands them over: clean-up's grey when the checks judge the very pixels OCR read.
  const decoded = pixels === input ? cleaned.grey : undefined;
  // Words on the pixels as they arrived (a photo's mapped back through its perspective) and an image
  // PDF's JPEG table, so its page is saved once more, as the real stage hands them over.
  const { words, geometry } = onSource(result.words, cleaned);
  await timed(rendering, 'forensics', async () => {
    const page = await analysePage(pixels, words, geometry, MAX_PIXELS, scan === undefined, result.words, decoded, quantisation);
    return page.crops(regionsToPicture(page.pixels, pixelForensicsThresholds));
  });
}

async function main(): Promise<void> {
  const docs = await batchDocuments();
  // Recycled as configured: a worker's start is part of the batch's CPU.
  const { OCR_RECYCLE_AFTER } = loadConfig({ ...process.env, NODE_ENV: 'production', SECRET_KEY: 'bench' });
  const ocr = new OcrPool({ size: 1, recycleAfter: OCR_RECYCLE_AFTER });
  await ocr.recognize(docs.find((d) => d.mime !== 'application/pdf')!.bytes);
  const pages = new Map<string, number>();
  for (const doc of docs) {
    const rendering = /(text_pdf|image_pdf|scan_image|photo_jpeg)/.exec(doc.filename)?.[1] ?? doc.mime;
    pages.set(rendering, (pages.get(rendering) ?? 0) + doc.pages);
    if (doc.mime !== 'application/pdf') {
      // Every page of a multi-page TIFF, as the text stage reads them.
      const images = await timed(rendering, 'image pages', () => imagePages(doc.bytes, { maxPages: 50, maxPixels: MAX_PIXELS }));
      for (let n = 1; n <= images.count; n++) {
        const page = await timed(rendering, 'image pages', () => images.page(n));
        await readImagePage(ocr, rendering, page, undefined);
      }
      continue;
    }
    const pdf = await timed(rendering, 'pdf open', () => openPdf(doc.bytes, 50, MAX_PIXELS));
    for (let n = 1; n <= pdf.numPages; n++) {
      const layer = await timed(rendering, 'text layer', () => pageText(pdf, n));
      if (isUsableText(layer)) continue;
      // As the text stage does: a scanner's page off its JPEG, any other rendered (with its scan, if any, for the pixels).
      const { image, scan, quantisation } = await timed(rendering, 'page scan and render', () =>
        pageImage(pdf, n, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS }),
      );
      await readImagePage(ocr, rendering, image, scan, quantisation);
    }
    await pdf.loadingTask.destroy();
  }
  await ocr.close();
  let total = 0;
  for (const [rendering, steps] of spent) {
    const sum = [...steps].reduce((s, [, v]) => s + v, 0);
    total += sum;
    const parts = [...steps].map(([step, s]) => `${step} ${s.toFixed(2)}`).join(', ');
    console.log(`${rendering} (${pages.get(rendering)} pages, ${rereads.get(rendering) ?? 0} rereads): ${sum.toFixed(2)} CPU s: ${parts}`);
  }
  console.log(`all ${docs.length} documents: ${total.toFixed(2)} CPU s, ${ocr.stats().workersStarted} OCR workers started`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
