import type { Box } from '../../ocr/port';

export type PixelSignal = 'text_consistency' | 'background' | 'compression' | 'copy_move' | 'region';

/** The most suspicious region a signal found on a page, in the page image's own pixels. */
export interface PixelFinding {
  signal: PixelSignal;
  box: Box;
  /** The word read there. */
  word: string;
  /** What was measured; higher is always more suspicious. */
  measure: string;
  value: number;
  /** For a copy: where the same pixels appear again. */
  twin?: Box;
  /** The per-measure scores behind `value`. */
  detail?: Record<string, number>;
}

/**
 * Of two findings of one check, on one scale, the one further past it: a check judges one finding per
 * page and shows one picture (the window scan's or the paper match's; the grid's or one more save's).
 */
export function stronger(a: PixelFinding | undefined, b: PixelFinding | undefined): PixelFinding | undefined {
  if (!a || !b) return a ?? b;
  return b.value > a.value ? b : a;
}

/** The first of the strongest findings, as `stronger` keeps them one by one. */
export const strongest = (findings: readonly PixelFinding[]) =>
  findings.reduce<PixelFinding | undefined>((a, b) => stronger(a, b), undefined);

/** What the pixels of one page showed, kept with the page so a later verification can re-judge it. */
export interface PagePixels {
  width: number;
  height: number;
  words_measured: number;
  /** Median grain of the paper around words, grey levels. */
  grain: number;
  /** Strength of the page's own JPEG block grid (0: none). */
  grid_strength: number;
  findings: PixelFinding[];
  /**
   * Each per-field measure's next few regions after its page-worst (absent from pages read before
   * they were kept): the fused check adds the signals of one region, which are seldom all its page's worst.
   */
  runners_up?: PixelFinding[];
}

/**
 * What a region's picture is kept for: a signal's check, or the fused check when it is led by a region
 * no signal's check pictures (a field that is no signal's page-worst).
 */
export type PictureOf = PixelSignal | 'fused';

/** A region to picture, as a raised check names it. */
export interface PictureRegion {
  of: PictureOf;
  box: Box;
  twin?: Box;
}

/** A drawn picture of a region, named by what it is kept for. */
export interface RegionPicture {
  signal: PictureOf;
  png: Buffer;
}

/** One OCR'd page's pixel measures and the pictures of its raised regions, carried from reading to the checks. */
export interface PixelPage {
  number: number;
  pixels?: PagePixels;
  crops: RegionPicture[];
}
