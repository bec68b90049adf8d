/**
 * What the day's batch's second readings cost and change: every image page of the batch row
 * (bench/documents.ts) cleaned and read as the text stage reads it, then each unsure line's crop
 * timed in CPU (this process and its OCR worker thread) with its size, and each second reading
 * listed with the reading kept. `npx tsx bench/ocr-rereads.ts`
 */
import { cleanImage, type ImageInput } from '../worker/images/clean';
import { OcrPool } from '../worker/ocr/pool';
import type { OcrEngine } from '../worker/ocr/port';
import { imagePages } from '../worker/pipeline/image-pages';
import { rereadUnsure } from '../worker/pipeline/reread';
import { pageImage } from '../worker/pipeline/text';
import { openPdf } from '../worker/pdf/document';
import { isUsableText, pageText } from '../worker/pdf/text-layer';
import { batchDocuments } from './documents';
import { ownCpuMs } from './cpu';

const MAX_PIXELS = 50_000_000;
const RENDER_DPI = 200;

async function pagesOf(bytes: Buffer, mime: string): Promise<ImageInput[]> {
  if (mime !== 'application/pdf') {
    const images = await imagePages(bytes, { maxPages: 50, maxPixels: MAX_PIXELS });
    return Promise.all(Array.from({ length: images.count }, (_, i) => images.page(i + 1)));
  }
  const pdf = await openPdf(bytes, 50, MAX_PIXELS);
  const out: ImageInput[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    if (isUsableText(await pageText(pdf, n))) continue;
    out.push((await pageImage(pdf, n, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS })).image);
  }
  await pdf.loadingTask.destroy();
  return out;
}

async function main(): Promise<void> {
  const ocr = new OcrPool({ size: 1, recycleAfter: 50 });
  let pageMs = 0;
  let rereadMs = 0;
  let cropOcrMs = 0;
  let crops = 0;
  let kept = 0;
  for (const doc of await batchDocuments()) {
    for (const input of await pagesOf(doc.bytes, doc.mime)) {
      const cleaned = await cleanImage(input, { maxPixels: MAX_PIXELS });
      const before = ownCpuMs();
      const { words } = await ocr.recognize(cleaned.png);
      pageMs += ownCpuMs() - before;
      const sizes: string[] = [];
      // The pool, each crop it reads timed; the pool itself is closed once, at the end.
      const timedOcr: OcrEngine = {
        size: ocr.size,
        close: () => Promise.resolve(),
        recognize: async (image) => {
          const start = ownCpuMs();
          const result = await ocr.recognize(image);
          cropOcrMs += ownCpuMs() - start;
          sizes.push(`${image.readUInt32BE(16)}x${image.readUInt32BE(20)} ${Math.round(ownCpuMs() - start)} ms`);
          return result;
        },
      };
      const start = ownCpuMs();
      const { reads } = await rereadUnsure(timedOcr, cleaned, words);
      rereadMs += ownCpuMs() - start;
      crops += sizes.length;
      kept += reads.filter((r) => r.kept === 'second').length;
      if (reads.length)
        console.log(
          `${doc.filename}: crops [${sizes.join(', ')}]; ${reads.map((r) => `${r.field} ${JSON.stringify(r.first)} -> ${JSON.stringify(r.second ?? null)} kept ${r.kept}`).join('; ')}`,
        );
    }
  }
  await ocr.close();
  console.log(
    `pages OCR ${(pageMs / 1000).toFixed(2)} CPU s; rereads ${(rereadMs / 1000).toFixed(2)} CPU s, of which ${crops} crops' OCR ${(cropOcrMs / 1000).toFixed(2)}; ${kept} second readings kept`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
