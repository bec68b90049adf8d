import sharp from 'sharp';
import type { PDFDocument } from 'pdf-lib';
import type { PDFDocumentProxy } from './document';
import { jpegSource, pageJpeg } from './page-jpeg';
import { renderSize, type RenderOptions } from './render';

/** A page's pixels as one grey channel, with the resolution it stands for. */
export interface GreyPage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1;
  dpi: number;
}

/** What OCR reads (`image`, the size the page renders at) and the pixel checks judge (`scan`, the JPEG's own pixels). */
export interface EmbeddedScan {
  image: GreyPage;
  scan: GreyPage;
}

/** A scan within this share of the rendered size is read as it is: resampling it by a pixel would only blur it. */
const SAME_SIZE = 0.01;

/** Each open PDF's objects as pdf-lib reads them, parsed once for all its pages. */
const sources = new WeakMap<PDFDocumentProxy, Promise<PDFDocument | undefined>>();

function sourceOf(pdf: PDFDocumentProxy): Promise<PDFDocument | undefined> {
  let source = sources.get(pdf);
  if (!source) {
    source = pdf.getData().then(jpegSource, () => undefined);
    sources.set(pdf, source);
  }
  return source;
}

const near = (a: number, b: number) => Math.abs(a - b) <= b * SAME_SIZE;

/**
 * An image-only page read off its embedded JPEG, decoded once, natively, straight to grey: pdf.js
 * would decode it in JavaScript, paint it onto a canvas and hand back four channels, 0.6 s of CPU a
 * scanned page against about 0.1. Undefined when the page is not one plain JPEG drawn over the whole
 * of it, or the JPEG does not decode as its PDF says: the caller renders the page instead.
 */
export async function embeddedScan(pdf: PDFDocumentProxy, pageNumber: number, options: RenderOptions): Promise<EmbeddedScan | undefined> {
  const source = await sourceOf(pdf);
  const page = await pdf.getPage(pageNumber);
  const jpeg = source && pageJpeg(source, pageNumber - 1, page.view);
  if (!jpeg || jpeg.width * jpeg.height > options.maxPixels) return undefined;
  const decoded = await sharp(jpeg.bytes, { limitInputPixels: options.maxPixels, failOn: 'error' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => undefined);
  if (!decoded || decoded.info.width !== jpeg.width || decoded.info.height !== jpeg.height) return undefined;
  const { viewport, width, height } = renderSize(page, options);
  const scanDpi = (72 * viewport.scale * jpeg.width) / width;
  const scan: GreyPage = { data: decoded.data, width: jpeg.width, height: jpeg.height, channels: 1, dpi: scanDpi };
  options.reserve?.(width * height);
  if (near(jpeg.width, width) && near(jpeg.height, height)) return { image: scan, scan };
  const resized = await sharp(decoded.data, { raw: { width: jpeg.width, height: jpeg.height, channels: 1 } })
    .resize({ width, height, fit: 'fill' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { image: { data: resized, width, height, channels: 1, dpi: viewport.scale * 72 }, scan };
}
