import sharp, { type Sharp } from 'sharp';
import { PermanentError } from '../errors';
import { estimateSkew, type GreyImage } from './deskew';
import { greyHistogram } from './histogram';
import { flattenIllumination } from './illumination';
import { median3x3 } from './median';
import { opaqueGrey } from './opaque-grey';
import { findPage, rectifiedSize, rectify, scaleQuad, type Quad } from './perspective';
import { borrow, giveBack } from './spares';
import { stretchContrast } from './stretch';

/** Either encoded bytes (PNG, JPEG, TIFF, WebP) or raw pixels from the PDF renderer. */
export type ImageInput = Buffer | { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4; dpi?: number };

export interface CleanOptions {
  /** Pixel bound against decompression bombs (width x height of the input). */
  maxPixels: number;
  /** Pages narrower than this are upscaled before OCR (tesseract wants ~300 dpi text). */
  minWidth?: number;
}

export interface CleanedImage {
  /** Greyscale PNG, straightened and normalised, ready for OCR. */
  png: Buffer;
  /** The page as it arrived, in grey (oriented, nothing else): what the pixel checks decode it to, so they need not again. */
  grey: GreyImage;
  width: number;
  height: number;
  /**
   * The grey variance of the page as it arrived (its contrast): low means washed out or blurred.
   * Not a Laplacian's variance, though it was once meant as one: sharp's `stats` reads a pipeline's
   * input, so the convolution asked for before it never counted. The checks' thresholds were set on this.
   */
  blur: number;
  /** Resolution of the source: stated in the file, or estimated from an A4 page width. */
  dpi: number;
  deskew_degrees: number;
  /**
   * Set when the image was a photo of a page on a darker background: the page's corners in the
   * source pixels and the size of the upright page they were mapped to, before deskew and scaling.
   */
  perspective?: { quad: Quad; width: number; height: number; sourceWidth: number };
}

// Pages are processed once each, so libvips' operation cache only holds memory (about 100 MB on
// a 20-page scan), and one libvips thread per call is enough beside the OCR workers.
sharp.cache(false);
sharp.concurrency(1);

const A4_WIDTH_INCHES = 8.27;
const DEFAULT_MIN_WIDTH = 2000;
const MAX_UPSCALE = 3;
/** A4 at 300 dpi: more pixels add nothing to OCR but grow each tesseract worker's heap for good. */
const MAX_WIDTH = 2480;
const SKEW_SAMPLE_WIDTH = 800;
/**
 * The outer band of a page found in a photo, as a share of its width (2 mm of A4), made white before
 * OCR. The band lies on the paper's own margin, where nothing is printed, but the table bleeds into
 * it through rectification and deskew, and tesseract read each dash of such an edge as a line of its
 * own (some 20 lines of '|' on one bench photo). An image with no page found in it is left as it is:
 * a crop may have print right up to its edge.
 */
const EDGE_BAND = 0.01;
/** Width of the copy the page's corners are looked for in: enough for a corner to within a few source pixels. */
const PAGE_SAMPLE_WIDTH = 500;

function open(input: ImageInput, maxPixels: number): Sharp {
  if (Buffer.isBuffer(input)) return sharp(input, { limitInputPixels: maxPixels, failOn: 'error' });
  const { data, width, height, channels } = input;
  return sharp(data, { raw: { width, height, channels }, limitInputPixels: maxPixels });
}

function imageError(error: unknown): PermanentError {
  if (error instanceof PermanentError) return error;
  const message = (error as Error)?.message ?? String(error);
  if (/pixel limit/i.test(message)) return new PermanentError('image_too_large', 'The image has too many pixels to process safely.');
  return new PermanentError('image_corrupt', `The image could not be decoded: ${message}`);
}

async function readMeta(input: ImageInput, maxPixels: number) {
  const meta = await open(input, maxPixels).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > maxPixels) throw new PermanentError('image_too_large', 'The image has too many pixels to process safely.');
  if (width === 0 || height === 0) throw new PermanentError('image_corrupt', 'The image has no pixels.');
  return { width, height, density: meta.density };
}

function estimateDpi(input: ImageInput, width: number, density: number | undefined): number {
  if (!Buffer.isBuffer(input) && input.dpi) return Math.round(input.dpi);
  // 72 dpi is what most encoders write when they know nothing.
  if (density && density > 72 && density < 2400) return Math.round(density);
  return Math.round(width / A4_WIDTH_INCHES);
}

/**
 * The page's grey variance, to one decimal, as sharp's `stats` gives it (sample variance), from the
 * page's histogram: a tenth of the CPU of libvips' pass.
 */
export function greyVariance(grey: Uint8Array): number {
  const histogram = greyHistogram(grey);
  let sum = 0;
  let squares = 0;
  for (let level = 0; level < 256; level++) {
    sum += histogram[level]! * level;
    squares += histogram[level]! * level * level;
  }
  const n = grey.length;
  const variance = n > 1 ? Math.max(0, (squares - (sum * sum) / n) / (n - 1)) : 0;
  return Math.round(variance * 10) / 10;
}

async function skewOf(page: GreyImage): Promise<number> {
  const { data, info } = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .resize({ width: Math.min(page.width, SKEW_SAMPLE_WIDTH) })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return estimateSkew({ data, width: info.width, height: info.height });
}

/** Makes the outer `band` pixels of the page white, in place. */
function whitenEdges(page: GreyImage, band: number): void {
  const { data, width, height } = page;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    if (y < band || y >= height - band) {
      data.fill(255, row, row + width);
    } else {
      data.fill(255, row, row + band);
      data.fill(255, row + width - band, row + width);
    }
  }
}

/**
 * The page oriented as its EXIF says, on white where it is transparent, in grey: what OCR's clean-up
 * starts from and what the pixel checks read, grain, JPEG blocks and all. Raw grey pixels (a PDF's
 * embedded scan) are that already: libvips' pass over them copied them byte for byte, so they are
 * handed on as they are (nothing downstream writes to them).
 */
export async function pageGrey(input: ImageInput, maxPixels: number): Promise<GreyImage> {
  if (!Buffer.isBuffer(input) && input.channels === 1 && input.data.length === input.width * input.height)
    return { data: input.data, width: input.width, height: input.height };
  const rendered = !Buffer.isBuffer(input) && input.channels === 4 ? await opaqueGrey({ ...input, channels: 4 }) : undefined;
  if (rendered) return rendered;
  const { data, info } = await open(input, maxPixels)
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A photo's page mapped to an upright rectangle; anything else as it is. */
async function uprightPage(grey: GreyImage): Promise<{ page: GreyImage; perspective?: CleanedImage['perspective'] }> {
  const sampleWidth = Math.min(grey.width, PAGE_SAMPLE_WIDTH);
  const { data, info } = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize({ width: sampleWidth })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const found = findPage({ data, width: info.width, height: info.height });
  if (!found) return { page: grey };
  const quad = scaleQuad(found, grey.width / info.width);
  const size = rectifiedSize(quad);
  const page = rectify(grey, quad, borrow(size.width * size.height));
  return { page, perspective: { quad, width: page.width, height: page.height, sourceWidth: grey.width } };
}

/**
 * Prepares a page image for OCR: EXIF orientation, greyscale, a photo's page made upright, shadows
 * evened out, deskew, normalise, upscale when small, and measures its quality on the way. Bombs and undecodable bytes are permanent errors.
 */
export async function cleanImage(input: ImageInput, options: CleanOptions): Promise<CleanedImage> {
  try {
    const meta = await readMeta(input, options.maxPixels);
    const grey = await pageGrey(input, options.maxPixels);
    const blur = greyVariance(grey.data);
    const { page: upright, perspective } = await uprightPage(grey);
    // The grey as it arrived goes on to the pixel checks, so it is flattened into a spare array; a
    // photo's rectified page (a spare already) is flattened in place. Either is done with once sized.
    const flat = perspective ? upright.data : borrow(upright.data.length);
    const page = await flattenIllumination(upright, flat);
    const skew = await skewOf(page);
    const minWidth = options.minWidth ?? DEFAULT_MIN_WIDTH;
    const upscale = page.width < minWidth ? Math.min(MAX_UPSCALE, minWidth / page.width) : 1;
    let pipeline = sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } });
    if (skew !== 0) pipeline = pipeline.rotate(skew, { background: '#ffffff' });
    if (upscale > 1) pipeline = pipeline.resize({ width: Math.round(page.width * upscale), kernel: 'lanczos3' });
    else if (page.width > MAX_WIDTH) pipeline = pipeline.resize({ width: MAX_WIDTH });
    // The median removes scanner grain; the stretch maps paper (the brighter half of the page) to
    // white and the darkest ink to black (sharp read the `lower: 0.5` this once asked for as 0), so
    // faded scans gain contrast without the grain being stretched too. Tesseract binarises the
    // result itself. One grey channel throughout: sharp would otherwise hand tesseract three.
    const sized = await pipeline
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true })
      .finally(() => giveBack(flat));
    const smoothed = median3x3({ data: sized.data, width: sized.info.width, height: sized.info.height });
    const out = await stretchContrast(smoothed, 60);
    if (perspective) whitenEdges(out, Math.round(EDGE_BAND * out.width));
    // Stored, not compressed: the PNG only crosses to the OCR worker in memory. Per 2000x2750 page,
    // compressing (level 1, filtered) cost 24 ms here, storing 5, and tesseract reads either alike.
    // (A PGM is no cheaper: Leptonica reads one a byte at a time, some 20 ms slower than a PNG.)
    const png = await sharp(out.data, { raw: { width: out.width, height: out.height, channels: 1 } })
      .toColourspace('b-w')
      .png({ compressionLevel: 0, adaptiveFiltering: false })
      .toBuffer();
    return {
      png,
      grey,
      width: out.width,
      height: out.height,
      blur,
      dpi: estimateDpi(input, perspective ? page.width : meta.width, meta.density),
      deskew_degrees: skew,
      ...(perspective ? { perspective } : {}),
    };
  } catch (error) {
    throw imageError(error);
  }
}
