import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { PermanentError } from '../errors';

export type { PDFDocumentProxy };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsModule: Promise<PdfJs> | undefined;

/**
 * pdf.js is ESM-only and large: load it once, on first use, with its worker's half. With no worker
 * thread of its own, pdf.js imports that half (pdf.worker.mjs, as large again) on the first
 * document it opens: some 0.8-0.9 s of CPU under tsx, which a thread warmed with pdf.js alone still
 * paid on its first document. Loaded here and handed over as `globalThis.pdfjsWorker`, it is paid
 * while the thread warms.
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]).then(
    ([pdfjs, worker]) => {
      // Where pdf.js looks for its worker's half before it imports one.
      (globalThis as { pdfjsWorker?: typeof worker }).pdfjsWorker = worker;
      return pdfjs;
    },
  );
  return pdfjsModule;
}

/** Where pdf.js finds the 14 standard fonts, so pages that use them render without system fonts. */
export function standardFontDataUrl(): string {
  const dir = process.env.PDFJS_STANDARD_FONTS ?? path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts');
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

/**
 * JavaScript's own errors out of pdf.js (a MediaBox of no size read as a page's view, nesting past the
 * stack): what broke in the reader's code, not what is wrong with the file, so a user is told the latter.
 */
const CODE_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

function pdfError(error: unknown): PermanentError {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'PasswordException')
    return new PermanentError('pdf_encrypted', 'The PDF is password-protected; upload an unprotected copy.');
  if (CODE_ERRORS.some((kind) => error instanceof kind))
    return new PermanentError('pdf_corrupt', 'The PDF could not be read: its structure is broken.');
  const message = (error as { message?: string })?.message ?? String(error);
  return new PermanentError('pdf_corrupt', `The PDF could not be read: ${message}`);
}

/** Turns any pdf.js failure into the permanent error a user can act on. */
export function asPdfError(error: unknown): PermanentError {
  return error instanceof PermanentError ? error : pdfError(error);
}

/**
 * Opens a PDF, refusing encrypted, corrupt, empty and over-long files. Embedded images of more than
 * `maxImagePixels` are left undrawn rather than decoded. The caller destroys the returned document when done.
 */
export async function openPdf(bytes: Uint8Array, maxPages: number, maxImagePixels = -1): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  let pdf: PDFDocumentProxy;
  try {
    // pdf.js takes ownership of the buffer it is given, so hand it a copy.
    const task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      stopAtErrors: false,
      maxImageSize: maxImagePixels,
      standardFontDataUrl: standardFontDataUrl(),
      verbosity: 0,
    });
    pdf = await task.promise;
  } catch (error) {
    throw pdfError(error);
  }
  if (pdf.numPages === 0 || pdf.numPages > maxPages) {
    await pdf.loadingTask.destroy();
    if (pdf.numPages === 0) throw new PermanentError('pdf_no_pages', 'The PDF has no pages.');
    throw new PermanentError('pdf_too_many_pages', `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}.`, {
      pages: pdf.numPages,
      limit: maxPages,
    });
  }
  return pdf;
}
