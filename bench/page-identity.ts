/**
 * What a page's reading hands on, page by page: for every page of the reading corpus's cached
 * documents (scans, photos, image PDFs) read by `ocrPage` off the reading cache's OCR answers, its
 * text, page facts, pixel measures (every check's value and detail) and evidence crops, as one
 * digest a page and the JSON it was taken of. A change meant to leave the reading and the forensic
 * measures byte-identical is proved so by the same list before and after it:
 * `npx tsx bench/page-identity.ts --out before.txt`, change, `--out after.txt`, `diff` the two.
 * A page whose OCR answers are not cached (a line never read again before) is listed as such, not read.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { OcrEngine } from '../worker/ocr/port';
import { openPdf } from '../worker/pdf/document';
import { isUsableText, pageText } from '../worker/pdf/text-layer';
import { imagePages } from '../worker/pipeline/image-pages';
import { ocrPage, type OcrPage, type OcrPageOptions } from '../worker/pipeline/read-page';
import { pageImage } from '../worker/pipeline/text';
import type { ImageInput } from '../worker/images/clean';
import { CachedOcr } from '../test/reading/cache';

const MAX_PIXELS = 50_000_000;
const RENDER_DPI = 200;
const CORPUS = path.join(__dirname, '..', '.cache', 'reading-documents');

interface CachedDocument {
  filename: string;
  mime: string;
  bytes: string;
}

class NotCached extends Error {}

/** Answers only from the reading cache: an image tesseract never read is not read here either. */
const cachedOnly = (): OcrEngine => new CachedOcr({ size: 1, recognize: () => Promise.reject(new NotCached()), close: async () => {} });

/** Every page of a document OCR would read, with the options the text stage reads it with. */
async function* pagesToRead(bytes: Buffer, mime: string): AsyncGenerator<{ image: ImageInput; options: OcrPageOptions }> {
  if (mime !== 'application/pdf') {
    const images = await imagePages(bytes, { maxPages: 50, maxPixels: MAX_PIXELS });
    for (let n = 1; n <= images.count; n++) yield { image: await images.page(n), options: { maxPixels: MAX_PIXELS } };
    return;
  }
  const pdf = await openPdf(bytes, 50, MAX_PIXELS);
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      if (isUsableText(await pageText(pdf, n))) continue;
      const { image, scan, quantisation } = await pageImage(pdf, n, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS });
      yield { image, options: { maxPixels: MAX_PIXELS, scan, quantisation } };
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** The page as handed on, its timing left out and its crops as digests. */
const handedOn = (page: OcrPage) =>
  JSON.stringify({
    text: page.text,
    info: page.info,
    pixels: page.pixels,
    crops: page.crops.map((c) => ({ signal: c.signal, png: createHash('sha256').update(c.png).digest('hex') })),
  });

async function main(): Promise<void> {
  const program = new Command()
    .option('--documents <n>', 'documents to read, the first in name order (text PDFs skipped)', '40')
    .requiredOption('--out <file>', 'where the page digests go');
  program.parse();
  const options = program.opts<{ documents: string; out: string }>();
  const names = (await readdir(CORPUS)).filter((name) => name.endsWith('.json')).sort();
  const ocr = cachedOnly();
  const lines: string[] = [];
  let documents = 0;
  let read = 0;
  let pixelsMs = 0;
  for (const name of names) {
    if (documents >= Number(options.documents)) break;
    const doc = JSON.parse(await readFile(path.join(CORPUS, name), 'utf8')) as CachedDocument;
    if (doc.filename.includes('text_pdf')) continue;
    documents += 1;
    let n = 0;
    for await (const { image, options: pageOptions } of pagesToRead(Buffer.from(doc.bytes, 'base64'), doc.mime)) {
      const label = `${doc.filename}#${++n}`;
      const page = await ocrPage(ocr, image, pageOptions).catch((error: unknown) => {
        if (error instanceof NotCached) return undefined;
        throw error;
      });
      if (!page) {
        lines.push(`${label} not cached`);
        continue;
      }
      read += 1;
      pixelsMs += page.pixels_ms ?? 0;
      const json = handedOn(page);
      lines.push(`${label} ${createHash('sha256').update(json).digest('hex')} ${json}`);
    }
  }
  await writeFile(options.out, `${lines.join('\n')}\n`);
  console.log(`${documents} documents, ${read} of ${lines.length} pages read, pixel measures ${pixelsMs} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
