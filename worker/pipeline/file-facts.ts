import type { PdfFacts } from '../domain';
import { readImageMeta } from '../forensics/image-meta';
import { readPdfFacts, scanPdfBytes } from '../forensics/pdf-facts';

/** What the file itself says about how it was made. */
export interface FileFacts {
  pdf?: PdfFacts;
  image_meta?: Record<string, string>;
}

/** When pdf.js cannot read the file's metadata, what the raw bytes show still counts. */
async function pdfFacts(bytes: Buffer, maxPages: number): Promise<PdfFacts> {
  try {
    return await readPdfFacts(bytes, maxPages);
  } catch {
    return { ...scanPdfBytes(bytes), annotations: 0 };
  }
}

/** Reads a PDF's structure and metadata, or an image's EXIF: pdf.js and the image decoders at work. */
export async function readFileFacts(bytes: Buffer, mime: string, maxPages: number): Promise<FileFacts> {
  if (mime === 'application/pdf') return { pdf: await pdfFacts(bytes, maxPages) };
  if (mime.startsWith('image/')) return { image_meta: await readImageMeta(bytes).catch(() => ({})) };
  return {};
}
