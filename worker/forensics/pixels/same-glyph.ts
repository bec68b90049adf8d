import type { Box } from '../../ocr/port';
import { boxLevels, type Grey } from './grey';
import { medianOf } from './robust';
import type { PrintedWord } from './typeface';
import type { PixelFinding } from './types';

/**
 * The same character printed in another shape. A field pasted from another document carries its
 * donor's glyphs: each is unlike the prints of its own character elsewhere on the page, whatever the
 * paste's slant, paper or blur. Each glyph is held only to prints of its character (so the shapes of
 * different characters add nothing), in other words of its weight (a bold total against bold print)
 * and of nearly its size. The typeface measure holds a glyph to prints within 12% of its height; a
 * donor's face set at the page's point size often prints its digits shorter than the page's (Times
 * against Helvetica), so that its most telling glyphs had no fellows there and the field went
 * unjudged: here the size band is 20%, and the distance is the shape's alone.
 */

/** Characters whose shape tells a typeface (punctuation is too small and too alike). */
const SHAPED = /^[A-Za-z0-9]$/;
/** A glyph's shape: its ink over this grid, spanning its own ink box. */
const COLUMNS = 5;
const ROWS = 8;
/** Glyphs shorter than this (pixels) are too coarse for their shape to be read. */
const MIN_HEIGHT = 10;
/** Contrast (grey levels) between a glyph's paper and ink below which it holds no print to read. */
const MIN_CONTRAST = 40;
/** Ink pixels on standing strokes a glyph needs for its weight to be read. */
const MIN_STEM_PIXELS = 6;
/** Fellows are taken from words read at least this well: a misread word's characters are no print of theirs. */
const MIN_FELLOW_CONFIDENCE = 70;
/** A fellow's ink height is within this log ratio of the glyph's (about 20%). */
const SIZE_BAND = 0.2;
/** A fellow's word has a weight (standing strokes' width over height) within this log ratio of the glyph's word's (25%). */
const WEIGHT_BAND = Math.log(1.25);
/** A glyph is judged only with this many fellows: the nearest of fewer lies far by chance. */
const MIN_FELLOWS = 4;
/** A field is judged on this many of its glyphs having fellows at least: one odd glyph is a misread. */
const MIN_JUDGED = 3;
/** The unit's floor: a page of one glyph repeated lies nearer than a pixel's noise. */
const MIN_TYPICAL = 0.1;
/**
 * How many times further than a glyph typically is from its nearest fellow a field may be (median
 * over its judged glyphs) before the region check's threshold: sound fields reached 2.45 on the
 * forgery corpus' tuning seeds (2.62 held out), pastes in another face 3.8-7.4 (see README).
 */
const REACH = 3;
const REGION_THRESHOLD = 1.5;

/** One glyph as printed: its character, its word, its ink's height, its word's weight and its shape. */
export interface GlyphPrint {
  text: string;
  /** Index of its word. */
  word: number;
  height: number;
  /** Its standing strokes' mean width over its height (its word's median, once all are read). */
  weight: number;
  shape: Float64Array;
}

const clip = (box: Box, page: Grey): Box => [
  Math.max(0, Math.floor(box[0])),
  Math.max(0, Math.floor(box[1])),
  Math.min(page.width, Math.ceil(box[2])),
  Math.min(page.height, Math.ceil(box[3])),
];

/** Each ink pixel's run along rows and along columns; the mean row run of those whose row run is the shorter: a standing stroke's width. */
function stemWidth(mask: Uint8Array, w: number, h: number): number | undefined {
  const across = new Uint16Array(w * h);
  const down = new Uint16Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0, start = 0; x <= w; x++) {
      if (x < w && mask[y * w + x]) continue;
      for (let k = start; k < x; k++) across[y * w + k] = x - start;
      start = x + 1;
    }
  for (let x = 0; x < w; x++)
    for (let y = 0, start = 0; y <= h; y++) {
      if (y < h && mask[y * w + x]) continue;
      for (let k = start; k < y; k++) down[k * w + x] = y - start;
      start = y + 1;
    }
  let sum = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i] && across[i]! < down[i]!) {
      sum += across[i]!;
      n++;
    }
  return n < MIN_STEM_PIXELS ? undefined : sum / n;
}

/** A glyph's ink (darker than halfway between its own paper and ink) over a grid spanning its ink box, to unit length. */
function shapeOf(mask: Uint8Array, w: number, ink: Box): Float64Array {
  const out = new Float64Array(COLUMNS * ROWS);
  const iw = ink[2] - ink[0];
  const ih = ink[3] - ink[1];
  for (let y = ink[1]; y < ink[3]; y++)
    for (let x = ink[0]; x < ink[2]; x++)
      if (mask[y * w + x]) out[Math.floor(((y - ink[1]) * ROWS) / ih) * COLUMNS + Math.floor(((x - ink[0]) * COLUMNS) / iw)] += 1;
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return out.map((v) => v / norm);
}

/** One glyph's height, weight and shape, or nothing where it is too small or faint to read. */
function glyphPrint(page: Grey, box: Box): Omit<GlyphPrint, 'text' | 'word'> | undefined {
  const b = clip(box, page);
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  if (w <= 0 || h < MIN_HEIGHT) return undefined;
  const { paper, ink } = boxLevels(page, b);
  if (paper - ink < MIN_CONTRAST) return undefined;
  const mid = (paper + ink) / 2;
  const mask = new Uint8Array(w * h);
  const own: Box = [w, h, -1, -1];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (page.data[(b[1] + y) * page.width + b[0] + x]! < mid) {
        mask[y * w + x] = 1;
        own[0] = Math.min(own[0], x);
        own[1] = Math.min(own[1], y);
        own[2] = Math.max(own[2], x + 1);
        own[3] = Math.max(own[3], y + 1);
      }
  const height = own[3] - own[1];
  if (height < MIN_HEIGHT) return undefined;
  const stem = stemWidth(mask, w, h);
  if (stem === undefined) return undefined;
  return { height, weight: stem / height, shape: shapeOf(mask, w, own) };
}

/** Every shaped glyph of the page's words that can be read, each with its word's weight. */
export function glyphPrints(page: Grey, words: PrintedWord[]): GlyphPrint[] {
  const out: GlyphPrint[] = [];
  for (const [i, w] of words.entries()) {
    const own: GlyphPrint[] = [];
    for (const g of w.glyphs) {
      if (!SHAPED.test(g.text)) continue;
      const p = glyphPrint(page, g.box);
      if (p) own.push({ text: g.text, word: i, ...p });
    }
    const weight = medianOf(own.map((p) => p.weight));
    for (const p of own) out.push({ ...p, weight });
  }
  return out;
}

function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/** A print of the same character in another word, at nearly the print's size and in a word of its weight. */
const fellow = (p: GlyphPrint, f: GlyphPrint) =>
  f.word !== p.word && Math.abs(Math.log(f.height / p.height)) <= SIZE_BAND && Math.abs(Math.log(f.weight / p.weight)) <= WEIGHT_BAND;

/** How far each print with enough fellows is from its nearest, among the prints of its character in words read with confidence. */
function nearestFellows(prints: GlyphPrint[], words: PrintedWord[]): Map<GlyphPrint, number> {
  const byText = new Map<string, GlyphPrint[]>();
  for (const p of prints)
    if (words[p.word]!.word.confidence >= MIN_FELLOW_CONFIDENCE) byText.set(p.text, [...(byText.get(p.text) ?? []), p]);
  const out = new Map<GlyphPrint, number>();
  for (const p of prints) {
    const fellows = (byText.get(p.text) ?? []).filter((f) => fellow(p, f));
    if (fellows.length >= MIN_FELLOWS) out.set(p, Math.min(...fellows.map((f) => distance(p.shape, f.shape))));
  }
  return out;
}

/**
 * The field whose glyphs are furthest in shape from the prints of their own characters elsewhere on
 * the page, in units of how far a glyph typically is from its nearest fellow: the median over the
 * field's judged glyphs, so one misread or odd glyph does not make a field.
 */
export function sameGlyphJudged(prints: GlyphPrint[], words: PrintedWord[]): PixelFinding | undefined {
  const nearest = nearestFellows(prints, words);
  if (nearest.size === 0) return undefined;
  const typical = Math.max(MIN_TYPICAL, medianOf([...nearest.values()]));
  let worst: PixelFinding | undefined;
  for (const [i, w] of words.entries()) {
    if (!w.matters) continue;
    const own = prints.filter((p) => p.word === i && nearest.has(p));
    if (own.length < MIN_JUDGED) continue;
    const far = medianOf(own.map((p) => nearest.get(p)!)) / typical;
    const value = (far / REACH) * REGION_THRESHOLD;
    if (!worst || value > worst.value)
      worst = {
        signal: 'region',
        box: w.box,
        word: w.word.text,
        measure: 'glyphs_unlike_the_same_characters',
        value,
        detail: { unlike_nearest_same_character: far, glyphs: own.length, typical_nearest: typical },
      };
  }
  return worst;
}

/** The field printed in glyph shapes most unlike the same characters' prints elsewhere on the page. */
export const sameGlyphFinding = (page: Grey, words: PrintedWord[]): PixelFinding | undefined =>
  sameGlyphJudged(glyphPrints(page, words), words);
