import sharp from 'sharp';
import { PermanentError } from '../errors';

export interface ImagePageLimits {
  /** Pages a multi-page image may have (the PDF page limit). */
  maxPages: number;
  /** Pixels one page may decode to. */
  maxPixels: number;
  /** Pixels all pages together may decode to; unbounded when absent. */
  maxTotalPixels?: number;
}

/** An uploaded image's pages, decoded one at a time when asked for, so a long scan never sits in memory whole. */
export interface ImagePages {
  count: number;
  /** Page `n` (from 1) as bytes `cleanImage` reads: the upload itself when it has one page. */
  page(n: number): Promise<Buffer>;
}

function decodeError(error: unknown): PermanentError {
  const message = (error as Error)?.message ?? String(error);
  if (/pixel limit/i.test(message))
    return new PermanentError('image_too_large', 'A page of the image has too many pixels to process safely.');
  return new PermanentError('image_corrupt', `A page of the image could not be decoded: ${message}`);
}

/**
 * The pages of an uploaded image. A sheet-feeder scanner saves a multi-page document as one
 * multi-page TIFF: every page is read, each bounded as a single image is and all of them together
 * as a PDF's renderings are. Other images are one page, passed on as they came (any decoding error
 * is then the cleaner's to report).
 */
export async function imagePages(bytes: Buffer, limits: ImagePageLimits): Promise<ImagePages> {
  // Only the header is read here; each page's pixels are bounded when it is decoded.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  const count = meta?.format === 'tiff' ? (meta.pages ?? 1) : 1;
  if (count <= 1) return { count: 1, page: async () => bytes };
  if (count > limits.maxPages)
    throw new PermanentError('image_too_many_pages', `The image has ${count} pages; the limit is ${limits.maxPages}.`, {
      pages: count,
      limit: limits.maxPages,
    });
  let used = 0;
  return {
    count,
    async page(n) {
      const page = sharp(bytes, { page: n - 1, limitInputPixels: limits.maxPixels, failOn: 'error' });
      const { width = 0, height = 0, density } = await page.metadata().catch((error: unknown) => Promise.reject(decodeError(error)));
      used += width * height;
      if (limits.maxTotalPixels !== undefined && used > limits.maxTotalPixels)
        throw new PermanentError('image_too_large', `The image's pages have more pixels than the ${limits.maxTotalPixels} allowed.`, {
          limit: limits.maxTotalPixels,
        });
      // Lossless and fast: the page's own pixels (and its stated resolution) reach the cleaner and the
      // pixel checks unchanged, stored rather than compressed since both decode it again in memory.
      return page
        .withMetadata(density ? { density } : {})
        .png({ compressionLevel: 0, adaptiveFiltering: false })
        .toBuffer()
        .catch((error: unknown) => Promise.reject(decodeError(error)));
    },
  };
}
