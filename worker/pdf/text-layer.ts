import { extractText, getDocumentProxy } from 'unpdf';
import { PermanentError } from '../errors';

export interface TextLayer {
  pageCount: number;
  /** One entry per page, whitespace collapsed; an empty string means the page has no text layer. */
  pages: string[];
}

function pdfError(error: unknown): PermanentError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === 'PasswordException') return new PermanentError('pdf_encrypted', 'The PDF is password-protected; upload an unprotected copy.');
  return new PermanentError('pdf_corrupt', `The PDF could not be read: ${message}`);
}

/** Opens a PDF and reads the text layer of every page, refusing encrypted, corrupt and over-long files. */
export async function readTextLayer(bytes: Uint8Array, maxPages: number): Promise<TextLayer> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given, so hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false });
  } catch (error) {
    throw pdfError(error);
  }
  try {
    if (pdf.numPages === 0) throw new PermanentError('pdf_no_pages', 'The PDF has no pages.');
    if (pdf.numPages > maxPages) {
      throw new PermanentError('pdf_too_many_pages', `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}.`);
    }
    const { text } = await extractText(pdf, { mergePages: false });
    return { pageCount: pdf.numPages, pages: text.map((t) => t.replace(/[ \t]+/g, ' ').trim()) };
  } catch (error) {
    throw error instanceof PermanentError ? error : pdfError(error);
  } finally {
    await pdf.destroy();
  }
}
