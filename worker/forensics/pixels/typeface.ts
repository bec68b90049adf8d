import type { Box, OcrWord } from '../../ocr/port';
import type { Glyph } from './copy-move';
import { boxLevels, type Grey } from './grey';
import { medianOf } from './robust';
import { strongest, type PixelFinding } from './types';

/**
 * Print from another typeface. A field pasted from another document carries its donor's face, and a
 * page sets its print in one face: each pasted glyph is unlike every print of its character elsewhere
 * on the page. A glyph is read two ways: its shape (its ink over a grid spanning its own ink box, to
 * unit length) and its stroke contrast (the width of its standing strokes over the thickness of its
 * lying ones: Times sets thick stems and hairline bars, Helvetica and Courier strokes of one width).
 * It is held only to fair fellows, prints of its character at its size in a word of its weight (a
 * date in running text against running text's digits, a bold total against bold print), and judged
 * only where it has several of them: the nearest of one or two prints lies far by chance, and a bold
 * or small glyph's shape differs from body print's (a certificate's year in its text, a statement's
 * bold closing balance, a postcode in small print reached pastes' values when held to every print).
 * Where there is no fair match the measure abstains; the other signals still judge the field.
 */

/** A glyph's shape: its ink over this grid, spanning its own ink box. */
const COLUMNS = 5;
const ROWS = 8;
/** Glyphs shorter than this (pixels) are too coarse for their shape to be read. */
const MIN_HEIGHT = 10;
/** Contrast (grey levels) between a word's paper and ink below which it holds no print to read. */
const MIN_CONTRAST = 40;
/** Ink pixels a glyph needs on standing and on lying strokes each for its stroke contrast to be read. */
const MIN_STROKE_PIXELS = 6;
/** Characters whose shape tells a typeface (punctuation is too small and too alike). */
const SHAPED = /^[A-Za-z0-9]$/;
/** Fellows are taken from words read at least this well: a misread word's characters are no print of theirs. */
const MIN_FELLOW_CONFIDENCE = 70;
/** Fellows a glyph is compared with at most, spread over the page (the nearest of them counts). */
const MAX_FELLOWS = 100;
/** A glyph is judged only with this many fair fellows: the nearest of fewer lies far by chance. */
const MIN_FELLOWS = 4;
/** A fair fellow's ink height is within this log ratio of the glyph's (12%): one size of print. */
const SIZE_BAND = Math.log(1.12);
/** A fair fellow's word has a weight (standing strokes' width over height) within this log ratio of the glyph's word's (25%). */
const WEIGHT_BAND = Math.log(1.25);
/** A field is judged on this many of its glyphs having fair fellows at least: one odd glyph is a misread. */
const MIN_JUDGED = 3;
/**
 * The unit's floor: prints of one face on a page lie 0.12-0.49 from their nearest fellow typically
 * (on the forgery corpus); a page of one glyph repeated lies nearer, and a pixel's noise would be its unit.
 */
const MIN_TYPICAL = 0.1;
/**
 * How many times further than a glyph typically is from its nearest fellow a field may be (median
 * over its glyphs) before the region check's threshold: sound fields reached 3.29 on the 72 sound
 * pages of the forgery corpus and 3.26 on `make forensics-sound`'s 96 documents (a reading-corpus
 * photo), pastes in another face 3.2-6.3 (see README).
 */
const REACH = 3.8;
const REGION_THRESHOLD = 1.5;
/**
 * Bold print on a bold row: the rest of the value's row heavier than the page's median word by more
 * than the weight band (print no body print is a fair fellow of), and the value itself heavier by this
 * log ratio (8%). Such a value (a statement's closing balance beside its bold label) has few bold
 * prints of its digits on the page, and its digits' fellows within the band are body print of another
 * weight whose shapes lie far from its own: it is not judged, and the other signals still judge it.
 * A heavier value alone on a row of body print is judged as before: print from another face.
 */
const BOLD_VALUE = Math.log(1.08);

export interface PrintedWord {
  word: OcrWord;
  box: Box;
  /** OCR's characters, boxed on the page. */
  glyphs: Glyph[];
  /** Reads like a field a forger changes. */
  matters: boolean;
}

interface Print {
  text: string;
  /** Index of its word. */
  word: number;
  shape: Float64Array;
  /** log(standing stroke width / lying stroke thickness). */
  contrast: number;
  /** Its ink's height, pixels. */
  height: number;
  /** Its word's weight: the median of its glyphs' standing strokes' width over their height (one glyph's reading is noisy). */
  weight: number;
}

const clip = (box: Box, page: Grey): Box => [
  Math.max(0, Math.floor(box[0])),
  Math.max(0, Math.floor(box[1])),
  Math.min(page.width, Math.ceil(box[2])),
  Math.min(page.height, Math.ceil(box[3])),
];

/** The box of the ink (darker than `mid`) inside a glyph's box. */
function inkBox(page: Grey, box: Box, mid: number): Box | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++)
      if (page.data[y * page.width + x]! < mid) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return x1 < 0 ? undefined : [x0, y0, x1 + 1, y1 + 1];
}

/** A glyph's ink (darker than `mid`) counted over a grid spanning its ink box, to unit length. */
function shapeOf(page: Grey, box: Box, mid: number): Float64Array {
  const out = new Float64Array(COLUMNS * ROWS);
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  for (let y = 0; y < h; y++) {
    const row = Math.floor((y * ROWS) / h) * COLUMNS;
    for (let x = 0; x < w; x++) if (page.data[(box[1] + y) * page.width + box[0] + x]! < mid) out[row + Math.floor((x * COLUMNS) / w)] += 1;
  }
  let norm = 0;
  for (const v of out) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / norm;
  return out;
}

/**
 * Each ink pixel's run along one axis inside the box, as its length (0 on paper) and as the ink the
 * run holds with a pixel either side, in units of the ink's contrast: a stroke's width to a fraction
 * of a pixel, whatever the blur spreads it over.
 */
function runs(darkness: Float32Array, ink: Uint8Array, w: number, h: number, across: boolean): { length: Uint16Array; mass: Float32Array } {
  const length = new Uint16Array(w * h);
  const mass = new Float32Array(w * h);
  const [outer, inner] = across ? [h, w] : [w, h];
  const at = (o: number, i: number) => (across ? o * w + i : i * w + o);
  for (let o = 0; o < outer; o++) {
    let start = 0;
    for (let i = 0; i <= inner; i++) {
      if (i < inner && ink[at(o, i)]) continue;
      if (i > start) {
        let sum = 0;
        for (let j = Math.max(0, start - 1); j < Math.min(inner, i + 1); j++) sum += darkness[at(o, j)]!;
        for (let j = start; j < i; j++) {
          length[at(o, j)] = i - start;
          mass[at(o, j)] = sum;
        }
      }
      start = i + 1;
    }
  }
  return { length, mass };
}

const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * A glyph's stroke contrast: each ink pixel's run across its stroke (the shorter of its horizontal
 * and vertical runs) is a standing stroke's width or a lying one's thickness; the log of their means'
 * ratio, or nothing where the glyph holds too few of either.
 */
function strokeContrast(page: Grey, box: Box, paper: number, ink: number): { contrast: number; stem: number } | undefined {
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  const mid = (paper + ink) / 2;
  const mask = new Uint8Array(w * h);
  const darkness = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = page.data[(box[1] + y) * page.width + box[0] + x]!;
      mask[y * w + x] = v < mid ? 1 : 0;
      darkness[y * w + x] = Math.min(1, Math.max(0, (paper - v) / (paper - ink)));
    }
  const horizontal = runs(darkness, mask, w, h, true);
  const vertical = runs(darkness, mask, w, h, false);
  const standing: number[] = [];
  const lying: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    if (horizontal.length[i]! < vertical.length[i]!) standing.push(horizontal.mass[i]!);
    else if (vertical.length[i]! < horizontal.length[i]!) lying.push(vertical.mass[i]!);
  }
  if (standing.length < MIN_STROKE_PIXELS || lying.length < MIN_STROKE_PIXELS) return undefined;
  return { contrast: Math.log(meanOf(standing) / meanOf(lying)), stem: meanOf(standing) };
}

/**
 * Whether OCR boxed the glyph over another of its word's: a box reaching this share of the narrower
 * of the two into its neighbour's holds part of another glyph (a "0" boxed over "504", a "4" inside
 * it), so its ink box is no print of its character. Such a glyph is no fellow, and a field holding one
 * is not judged: OCR split it badly, and its glyphs left judged were few and chance-far (a sound
 * "26075.86" whose "0" and last "6" spanned two glyphs each reached 1.37 on its 2, 7 and 5).
 */
const OVERLAP = 0.25;
function overlapsAnother(g: Glyph, glyphs: readonly Glyph[]): boolean {
  return glyphs.some((o) => {
    if (o === g) return false;
    const shared = Math.min(g.box[2], o.box[2]) - Math.max(g.box[0], o.box[0]);
    return shared > OVERLAP * Math.min(g.box[2] - g.box[0], o.box[2] - o.box[0]);
  });
}

/** The shaped glyphs of every word whose shape and stroke contrast can be read, each with its word's index and weight. */
function printsOf(page: Grey, words: PrintedWord[]): Print[] {
  const prints: Print[] = [];
  for (const [i, w] of words.entries()) {
    const box = clip(w.box, page);
    if (box[2] <= box[0] || box[3] <= box[1]) continue;
    const { paper, ink } = boxLevels(page, box);
    if (paper - ink < MIN_CONTRAST) continue;
    const mid = (paper + ink) / 2;
    for (const g of w.glyphs) {
      if (!SHAPED.test(g.text) || overlapsAnother(g, w.glyphs)) continue;
      const glyphBox = clip(g.box, page);
      if (glyphBox[2] <= glyphBox[0] || glyphBox[3] <= glyphBox[1]) continue;
      const own = inkBox(page, glyphBox, mid);
      if (!own || own[3] - own[1] < MIN_HEIGHT) continue;
      // Stroke widths are read against the glyph's own paper and ink: a word's box may hold a neighbour's darker print.
      const glyphLevels = boxLevels(page, glyphBox);
      const strokes =
        glyphLevels.paper - glyphLevels.ink < MIN_CONTRAST ? undefined : strokeContrast(page, glyphBox, glyphLevels.paper, glyphLevels.ink);
      const height = own[3] - own[1];
      if (strokes !== undefined)
        prints.push({
          text: g.text,
          word: i,
          shape: shapeOf(page, own, mid),
          contrast: strokes.contrast,
          height,
          weight: strokes.stem / height,
        });
    }
  }
  const byWord = new Map<number, Print[]>();
  for (const p of prints) byWord.set(p.word, [...(byWord.get(p.word) ?? []), p]);
  for (const group of byWord.values()) {
    const weight = medianOf(group.map((p) => p.weight));
    for (const p of group) p.weight = weight;
  }
  return prints;
}

/** How unlike two prints are: their shapes' distance plus their stroke contrasts' (the two are on like scales). */
function unlike(a: Print, b: Print): number {
  let sum = 0;
  for (let i = 0; i < a.shape.length; i++) sum += (a.shape[i]! - b.shape[i]!) ** 2;
  return Math.sqrt(sum) + Math.abs(a.contrast - b.contrast);
}

/** Every `step`-th item, so a sample spans the page. */
const evenly = <T>(items: T[], count: number) => items.filter((_, i) => i % Math.max(1, Math.ceil(items.length / count)) === 0);

/** A print of the same character in another word, at the print's size and in a word of its weight. */
const fair = (p: Print, f: Print) =>
  f.word !== p.word && Math.abs(Math.log(f.height / p.height)) <= SIZE_BAND && Math.abs(Math.log(f.weight / p.weight)) <= WEIGHT_BAND;

/**
 * How far each print with enough fair fellows is from its nearest: the nearest fair print of its
 * character in another word read with confidence.
 */
function nearestFellows(prints: Print[], words: PrintedWord[]): Map<Print, number> {
  const byText = new Map<string, Print[]>();
  for (const p of prints)
    if (words[p.word]!.word.confidence >= MIN_FELLOW_CONFIDENCE) byText.set(p.text, [...(byText.get(p.text) ?? []), p]);
  const out = new Map<Print, number>();
  for (const p of prints) {
    const fellows = evenly(
      (byText.get(p.text) ?? []).filter((f) => fair(p, f)),
      MAX_FELLOWS,
    );
    if (fellows.length >= MIN_FELLOWS) out.set(p, Math.min(...fellows.map((f) => unlike(p, f))));
  }
  return out;
}

/**
 * The field whose glyphs are furthest from the fair prints of their characters elsewhere on the page,
 * in units of how far a glyph typically is from its nearest fair fellow: the median over the field's
 * judged glyphs, so one misread or odd glyph does not make a field.
 */
export function typefaceFinding(page: Grey, words: PrintedWord[]): PixelFinding | undefined {
  return strongest(typefaceFindings(page, words));
}

/** Every judged field's glyphs against their fellows on the page (see `typefaceFinding`). */
export function typefaceFindings(page: Grey, words: PrintedWord[]): PixelFinding[] {
  const prints = printsOf(page, words);
  const nearest = nearestFellows(prints, words);
  if (nearest.size === 0) return [];
  const typical = Math.max(MIN_TYPICAL, medianOf([...nearest.values()]));
  const boldOnBoldRow = boldRows(words, prints);
  const found: PixelFinding[] = [];
  for (const [i, w] of words.entries()) {
    if (!w.matters || boldOnBoldRow(i) || w.glyphs.some((g) => SHAPED.test(g.text) && overlapsAnother(g, w.glyphs))) continue;
    const own = prints.filter((p) => p.word === i && nearest.has(p));
    if (own.length < MIN_JUDGED) continue;
    const far = medianOf(own.map((p) => nearest.get(p)!)) / typical;
    const value = (far / REACH) * REGION_THRESHOLD;
    found.push({
      signal: 'region',
      box: w.box,
      word: w.word.text,
      measure: 'glyphs_unlike_the_page',
      value,
      detail: { unlike_nearest_fellow: far, glyphs: own.length, typical_nearest: typical },
    });
  }
  return found;
}

/**
 * Whether a word is bold print on a bold row (`BOLD_VALUE`): its weight and the median weight of the
 * other words of its OCR line against the page's median word (words whose glyphs' strokes were read).
 */
function boldRows(words: PrintedWord[], prints: Print[]): (word: number) => boolean {
  const weights = new Map(prints.map((p) => [p.word, p.weight]));
  if (weights.size === 0) return () => false;
  const page = medianOf([...weights.values()]);
  const heavier = (weight: number) => Math.log(weight / page);
  return (i) => {
    const own = weights.get(i);
    if (own === undefined || heavier(own) < BOLD_VALUE) return false;
    const line = words[i]!.word.line;
    const row = [...weights].filter(([j]) => j !== i && words[j]!.word.line === line).map(([, weight]) => weight);
    return row.length > 0 && heavier(medianOf(row)) > WEIGHT_BAND;
  };
}
