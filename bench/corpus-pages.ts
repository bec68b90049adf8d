/**
 * The reading corpus's cached documents, page by page as the text stage hands a page to clean-up and
 * OCR: scans, photos and image PDFs (text PDFs and a PDF's text pages are read from their text layer,
 * so they are left out). Shared by the identity scripts, which must walk the same pages.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageInput } from '../worker/images/clean';
import { openPdf } from '../worker/pdf/document';
import { isUsableText, pageText } from '../worker/pdf/text-layer';
import { imagePages } from '../worker/pipeline/image-pages';
import type { OcrPageOptions } from '../worker/pipeline/read-page';
import { pageImage } from '../worker/pipeline/text';

export const MAX_PIXELS = 50_000_000;
const RENDER_DPI = 200;
const CORPUS = path.join(__dirname, '..', '.cache', 'reading-documents');

interface CachedDocument {
  filename: string;
  mime: string;
  bytes: string;
}

export interface CorpusPage {
  /** `<document filename>#<page>`, the page counted among the document's image pages. */
  label: string;
  image: ImageInput;
  /** What the text stage tells OCR and the pixel measures about the page (a PDF's embedded scan). */
  options: OcrPageOptions;
}

async function* pagesOf(bytes: Buffer, mime: string): AsyncGenerator<Omit<CorpusPage, 'label'>> {
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

/** The image pages of the first `documents` cached documents in name order that are not text PDFs. */
export async function* corpusPages(documents: number): AsyncGenerator<CorpusPage> {
  const names = (await readdir(CORPUS)).filter((name) => name.endsWith('.json')).sort();
  let taken = 0;
  for (const name of names) {
    if (taken >= documents) return;
    const doc = JSON.parse(await readFile(path.join(CORPUS, name), 'utf8')) as CachedDocument;
    if (doc.filename.includes('text_pdf')) continue;
    taken += 1;
    let n = 0;
    for await (const page of pagesOf(Buffer.from(doc.bytes, 'base64'), doc.mime)) yield { label: `${doc.filename}#${++n}`, ...page };
  }
}
