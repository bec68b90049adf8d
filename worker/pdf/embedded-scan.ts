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
  /** The luma quantisation table the JPEG was saved with, natural order: the pixel checks save the page once more with it. */
  quantisation?: number[];
}

/** The natural (row-major) index of each of a table's 64 steps as a JPEG stores them, in zig-zag order. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57,
  50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/**
 * The quantisation table of a JPEG's first component (luma, or the grey of a one-component JPEG),
 * read off its DQT and frame header segments; undefined when they are not where a JPEG keeps them.
 */
export function lumaTable(bytes: Uint8Array): number[] | undefined {
  const tables = new Map<number, number[]>();
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    if (marker === 0xda || end > bytes.length) return undefined;
    if (marker === 0xdb)
      for (let i = at + 4; i < end;) {
        const wide = bytes[i]! >> 4;
        // A table cut short by its segment's end is not one: a crafted file gets no table, not a partial one.
        if (i + 1 + 64 * (wide ? 2 : 1) > end) return undefined;
        const steps = new Array<number>(64);
        for (let k = 0; k < 64; k++) steps[ZIGZAG[k]!] = wide ? (bytes[i + 1 + 2 * k]! << 8) | bytes[i + 2 + 2 * k]! : bytes[i + 1 + k]!;
        tables.set(bytes[i]! & 15, steps);
        i += 1 + 64 * (wide ? 2 : 1);
      }
    // Start of frame (any but DHT, JPG and DAC, which share the range): its first component names its table.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return at + 12 < end ? tables.get(bytes[at + 12]!) : undefined;
    at = end;
  }
  return undefined;
}

/**
 * A scan at least this share of the rendered size is read as it is. One of a lower resolution is
 * rendered: upsampled by sharp (lanczos3, or at its own resolution by clean-up) rather than the
 * canvas, such pages of the reading corpus read a label or a postcode wrong that the canvas's
 * resampling read right (seed 7's utility-bill-twocolumn image_pdf-700083, seed 83's
 * bank-statement-summarytable image_pdf-8300369, both 150-dpi scans).
 */
const SAME_SIZE = 0.99;

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

/**
 * An image-only page read off its embedded JPEG at the JPEG's own resolution, decoded once, natively,
 * straight to grey: pdf.js would decode it in JavaScript and paint it onto a canvas and hand back four
 * channels, 0.6 s of CPU a scanned page against about 0.1, and a scan finer than the rendering was
 * decoded twice (for the canvas, and for the pixel checks). Clean-up scales the page for OCR as it does
 * an uploaded scan. The same pixels serve OCR and the pixel checks. Undefined when the page is not one
 * plain JPEG drawn over the whole of it, the JPEG is coarser than the rendering (see SAME_SIZE), or it
 * does not decode as its PDF says: the caller renders the page instead.
 */
export async function embeddedScan(pdf: PDFDocumentProxy, pageNumber: number, options: RenderOptions): Promise<GreyPage | undefined> {
  const source = await sourceOf(pdf);
  const page = await pdf.getPage(pageNumber);
  const jpeg = source && pageJpeg(source, pageNumber - 1, page.view);
  if (!jpeg || jpeg.width * jpeg.height > options.maxPixels) return undefined;
  const { viewport, width, height } = renderSize(page, options);
  if (jpeg.width < width * SAME_SIZE || jpeg.height < height * SAME_SIZE) return undefined;
  const decoded = await sharp(jpeg.bytes, { limitInputPixels: options.maxPixels, failOn: 'error' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => undefined);
  if (!decoded || decoded.info.width !== jpeg.width || decoded.info.height !== jpeg.height) return undefined;
  options.reserve?.(jpeg.width * jpeg.height);
  const dpi = (72 * viewport.scale * jpeg.width) / width;
  return { data: decoded.data, width: jpeg.width, height: jpeg.height, channels: 1, dpi, quantisation: lumaTable(jpeg.bytes) };
}
