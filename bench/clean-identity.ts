/**
 * What OCR is handed, page by page: the SHA-256 of every cleaned page of the reading corpus's cached
 * documents (scans, photos, image PDFs), and the CPU seconds clean-up spent on them. A change meant
 * to leave OCR's input byte-identical is proved so by the same list before and after it:
 * `npx tsx bench/clean-identity.ts --out before.txt`, change, `--out after.txt`, `diff` the two.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cpuUsage } from 'node:process';
import { Command } from 'commander';
import { cleanImage, type ImageInput } from '../worker/images/clean';
import { openPdf } from '../worker/pdf/document';
import { isUsableText, pageText } from '../worker/pdf/text-layer';
import { imagePages } from '../worker/pipeline/image-pages';
import { pageImage } from '../worker/pipeline/text';

const MAX_PIXELS = 50_000_000;
const RENDER_DPI = 200;
const CORPUS = path.join(__dirname, '..', '.cache', 'reading-documents');

interface CachedDocument {
  filename: string;
  mime: string;
  bytes: string;
}

const cpuSeconds = () => {
  const { user, system } = cpuUsage();
  return (user + system) / 1e6;
};

/** Every page of a document OCR would read, as the text stage hands it to clean-up. */
async function* pagesToClean(bytes: Buffer, mime: string): AsyncGenerator<ImageInput> {
  if (mime !== 'application/pdf') {
    const images = await imagePages(bytes, { maxPages: 50, maxPixels: MAX_PIXELS });
    for (let n = 1; n <= images.count; n++) yield images.page(n);
    return;
  }
  const pdf = await openPdf(bytes, 50, MAX_PIXELS);
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      if (isUsableText(await pageText(pdf, n))) continue;
      yield (await pageImage(pdf, n, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS })).image;
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--documents <n>', 'documents to read, the first in name order (text PDFs skipped)', '60')
    .requiredOption('--out <file>', 'where the page digests go');
  program.parse();
  const options = program.opts<{ documents: string; out: string }>();
  const names = (await readdir(CORPUS)).filter((name) => name.endsWith('.json')).sort();
  const lines: string[] = [];
  let documents = 0;
  let cleaning = 0;
  for (const name of names) {
    if (documents >= Number(options.documents)) break;
    const doc = JSON.parse(await readFile(path.join(CORPUS, name), 'utf8')) as CachedDocument;
    if (doc.filename.includes('text_pdf')) continue;
    documents += 1;
    let page = 0;
    for await (const input of pagesToClean(Buffer.from(doc.bytes, 'base64'), doc.mime)) {
      const before = cpuSeconds();
      const { png } = await cleanImage(input, { maxPixels: MAX_PIXELS });
      cleaning += cpuSeconds() - before;
      lines.push(`${doc.filename}#${++page} ${createHash('sha256').update(png).digest('hex')}`);
    }
  }
  await writeFile(options.out, `${lines.join('\n')}\n`);
  console.log(`${documents} documents, ${lines.length} pages cleaned in ${cleaning.toFixed(2)} CPU s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
