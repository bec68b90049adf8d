import type { PageInfo } from '../domain';
import { cleanImage, type CleanedImage, type ImageInput } from '../images/clean';
import { boxToSource } from '../images/perspective';
import { analysePage } from '../forensics/pixels/analyse';
import type { PixelThresholds } from '../forensics/pixels/checks';
import { regionsToPicture } from '../forensics/pixels/evidence-images';
import { toPageBox, type OcrGeometry } from '../forensics/pixels/grey';
import type { PagePixels, RegionPicture } from '../forensics/pixels/types';
import { ocrLines } from '../ocr/lines';
import type { Box, OcrEngine, OcrWord } from '../ocr/port';
import { pixelForensicsThresholds } from '../verification/policy';
import { rereadUnsure } from './reread';

export interface OcrPageOptions {
  maxPixels: number;
  /**
   * The page's own pixels for the forensic look, when `input` is not them: an image-only PDF page's
   * embedded scan (`pageScan`), since the rendered page is resampled. Uploaded images are their own.
   */
  scan?: ImageInput;
  /** The JPEG luma table `scan` was last saved with, when its pixels are that JPEG's own decode (`embeddedScan`). */
  quantisation?: number[];
  /** The policy's pixel thresholds, which pick the regions worth a picture (`pixelForensicsThresholds` when absent). */
  pixelThresholds?: PixelThresholds;
}

export interface OcrPage {
  text: string;
  info: Omit<PageInfo, 'number'>;
  /** What the page's pixels show around its words, for the forensic checks; absent when it could not be measured. */
  pixels?: PagePixels;
  /** Pictures of the regions whose checks the page raises. */
  crops: RegionPicture[];
  /** Time the pixel measures took, for the forensic stage's share of a page's reading. */
  pixels_ms?: number;
}

/** Tidies tesseract's output: one printed line per line, no blank runs. */
export function tidyOcrText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The OCR'd words where they sit on the image as it arrived, for the pixel forensics: a photo's
 * page was made upright before OCR, so its words are mapped back through the same perspective.
 */
export function onSource(words: OcrWord[], cleaned: CleanedImage): { words: OcrWord[]; geometry: OcrGeometry } {
  const geometry = { degrees: cleaned.deskew_degrees, width: cleaned.width };
  const perspective = cleaned.perspective;
  if (!perspective) return { words, geometry };
  const upright = { data: new Uint8Array(0), width: perspective.width, height: perspective.height };
  const toSource = (box: Box) => boxToSource(toPageBox(box, geometry, upright), perspective.quad, perspective);
  return {
    words: words.map((w) => ({ ...w, box: toSource(w.box), symbols: w.symbols.map((c) => ({ ...c, box: toSource(c.box) })) })),
    geometry: {
      degrees: 0,
      width: perspective.sourceWidth,
      upright: { quad: perspective.quad, width: perspective.width, height: perspective.height, degrees: cleaned.deskew_degrees },
    },
  };
}

/** Cleans one page image, OCRs it and reports how it went. */
export async function ocrPage(ocr: OcrEngine, input: ImageInput, options: OcrPageOptions): Promise<OcrPage> {
  const cleaned = await cleanImage(input, { maxPixels: options.maxPixels });
  const result = await ocr.recognize(cleaned.png);
  const reread = await rereadUnsure(ocr, cleaned, result.words);
  const text = result.words.length ? ocrLines(reread.words, cleaned.width) : tidyOcrText(result.text);
  const source = onSource(result.words, cleaned);
  // The forensic look is a bonus on top of reading: a page it cannot measure is still read. A page
  // rendered from a PDF is resampled from its embedded image, which smooths grain and blocks alike
  // (half the sound ones raised a false alarm), so only a scan's own pixels are judged.
  const started = performance.now();
  const scan = options.scan ?? (Buffer.isBuffer(input) ? input : undefined);
  // A PDF's scan is judged on words read off its resampled rendering: their boxes are a pixel or two
  // out, too coarse for glyph height, baseline and tilt (a quarter of sound image-only PDFs raised them).
  const boxesExact = options.scan === undefined;
  // Clean-up decoded these very pixels already when OCR read the scan itself (an upload, a PDF's JPEG).
  const decoded = scan === input ? cleaned.grey : undefined;
  const measured = scan
    ? await analysePage(scan, source.words, source.geometry, options.maxPixels, boxesExact, result.words, decoded, options.quantisation)
        .then(async ({ pixels, crops }) => ({
          pixels,
          crops: await crops(regionsToPicture(pixels, options.pixelThresholds ?? pixelForensicsThresholds)),
        }))
        .catch(() => undefined)
    : undefined;
  return {
    pixels_ms: Math.round(performance.now() - started),
    pixels: measured?.pixels,
    crops: measured?.crops ?? [],
    text,
    info: {
      source: 'ocr',
      chars: text.length,
      ocr_confidence: result.confidence,
      width: cleaned.width,
      height: cleaned.height,
      blur: cleaned.blur,
      dpi: cleaned.dpi,
      deskew_degrees: cleaned.deskew_degrees,
      ...(reread.reads.length ? { uncertain_reads: reread.reads } : {}),
    },
  };
}
