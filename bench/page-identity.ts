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
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { OcrEngine } from '../worker/ocr/port';
import { ocrPage, type OcrPage } from '../worker/pipeline/read-page';
import { CachedOcr } from '../test/reading/cache';
import { corpusPages } from './corpus-pages';

class NotCached extends Error {}

/** Answers only from the reading cache: an image tesseract never read is not read here either. */
const cachedOnly = (): OcrEngine => new CachedOcr({ size: 1, recognize: () => Promise.reject(new NotCached()), close: async () => {} });

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
  const ocr = cachedOnly();
  const lines: string[] = [];
  let read = 0;
  let pixelsMs = 0;
  for await (const { label, image, options: pageOptions } of corpusPages(Number(options.documents))) {
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
  await writeFile(options.out, `${lines.join('\n')}\n`);
  console.log(`${read} of ${lines.length} pages read, pixel measures ${pixelsMs} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
