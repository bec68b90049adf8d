import type { Box, OcrWord } from '../../ocr/port';
import { fieldSpan, type PlacedWord } from './field-spans';
import { judgedPairs, type ClonePair } from './copy-move';
import type { QuantTable } from './resave';
import { boxLevels, type Grey } from './grey';
import { labelInk, type Blob } from './ink-blobs';

/**
 * The glyphs of the fields a forger changes, found as blobs of ink rather than taken from OCR's split
 * of each word into characters: OCR often reads a clone and its source as different characters, or
 * draws one box over two glyphs, and then the pair was never compared. Which glyphs are worth
 * comparing is told by their look alone.
 */

/**
 * A word whose glyphs are compared for a clone: one holding a digit, however OCR read the rest and
 * however sure it was. A clone is a digit copied within a number, and OCR often reads the number it
 * changed as too few digits to look like a field (a postcode's half as "YCZ0") or with little
 * confidence; it is still the number's print that holds the clone and, most often, its source.
 */
export const mayHoldClone = (text: string): boolean => /\d/.test(text);

/**
 * A short word of letters and digits holding a capital or a digit, however OCR cased the rest: a postcode
 * half it misread ("YOl" for "YO1"). A lowercase word ("per", "to") is running text, whose letters the
 * number's glyphs need not meet.
 */
const SHORT_CODE = /^(?=.*[A-Z0-9])[A-Za-z0-9]{2,4}$/;

/**
 * The words whose glyphs are compared: each that may hold a clone (`holders`), and the words beside
 * one on its line that may be the same field (`fieldSpan`), whatever they read as (`beside`). A clone's
 * source most often lies in the number it changed, and OCR splits a number into words and misreads
 * their digits: a postcode's half holding the source read as "IFN" or "YOl" was never compared with
 * the clone. The words beside are compared only, not counted in the page's norms: their letters have
 * few fellows, and would make every pair of the page's digits look nearer than digits typically are.
 */
export function cloneWords<T extends PlacedWord>(words: readonly T[]): { holders: T[]; beside: T[] } {
  const mayBeField = (w: OcrWord) => mayHoldClone(w.text) || SHORT_CODE.test(w.text);
  const held = new Set(words.flatMap((w, i) => (mayHoldClone(w.word.text) ? fieldSpan(words, i, mayBeField) : [])));
  return {
    holders: words.filter((w) => mayHoldClone(w.word.text)),
    beside: words.filter((w) => held.has(w) && !mayHoldClone(w.word.text)),
  };
}

/** Paper taken around a word's box when looking for its ink (boxes mapped from another rendering are a pixel or two out). */
const WORD_PAD = 2;
/** Paper kept around each glyph's ink: its box is aligned and compared with the paper's grain beside the strokes. */
const GLYPH_PAD = 1;
/** Contrast (grey levels) between a word's paper and its darkest ink below which it holds no print to find. */
const MIN_CONTRAST = 40;
/** Ink pixels a blob needs to be print rather than a speck. */
const MIN_INK = 8;
/** A glyph stands at least this share of its word's tallest blob (leaves out points, commas, hyphens). */
const MIN_HEIGHT_SHARE = 0.6;
/** Wider than this times its height, a blob is a rule or underline, not a glyph. */
const MAX_ASPECT = 2.5;
/** Blobs whose columns overlap by this share of the narrower are one glyph broken by a faint stroke. */
const SAME_COLUMN = 0.5;
/**
 * Ink this share of the way from a word's paper to its ink is a glyph's faint stroke: blobs side by
 * side that it joins are one glyph (a serif face's hairlines, scanned lighter than half-way, broke a
 * "0" into its two sides, and two left halves, narrow with little paper round them, shared their
 * paper's ringing by chance).
 */
const FAINT_SHARE = 0.3;
/** A glyph's coarse look: its ink averaged over this grid of cells. */
const SIGNATURE_COLUMNS = 4;
const SIGNATURE_ROWS = 6;
/** Each glyph is compared with this many fellows, those it looks most like. */
const NEAREST = 4;
/** How much two glyphs of one character may differ in width or height, in pixels (boxes read off another rendering a little more). */
const SIZE = 2;
const LOOSE_SIZE = 4;

/** Blobs one above the other in the same columns (a glyph a faint stroke broke in two) joined into one. */
function joinBroken(blobs: Blob[]): Blob[] {
  const out: Blob[] = [];
  for (const b of [...blobs].sort((p, q) => p.box[0] - q.box[0])) {
    const near = out.find((o) => {
      const overlap = Math.min(o.box[2], b.box[2]) - Math.max(o.box[0], b.box[0]);
      return overlap >= SAME_COLUMN * Math.min(o.box[2] - o.box[0], b.box[2] - b.box[0]);
    });
    if (!near) out.push({ box: [...b.box] as Box, ink: b.ink });
    else {
      near.box = [
        Math.min(near.box[0], b.box[0]),
        Math.min(near.box[1], b.box[1]),
        Math.max(near.box[2], b.box[2]),
        Math.max(near.box[3], b.box[3]),
      ];
      near.ink += b.ink;
    }
  }
  return out;
}

/** A blob narrower than this share of the word's tallest is a glyph's side its hairlines may have parted from the rest. */
const SIDE_SHARE = 0.5;

/**
 * The blobs (less `specks`, by label) with the narrow ones side by side that one blob of faint ink
 * holds (`faint`, a label per pixel of the same region) made one, while no wider than `tallest`
 * stands: the two sides of a "0" whose hairlines printed faint are one glyph, a glyph a faint smudge
 * touches stays itself.
 */
function joinedByFaintInk(inked: { labels: Int32Array; blobs: Blob[] }, faint: Int32Array, specks: Set<number>, tallest: number): Blob[] {
  const holder = new Map<number, number>();
  for (let i = 0; i < inked.labels.length; i++) {
    const label = inked.labels[i]!;
    if (label > 0 && !specks.has(label) && !holder.has(label)) holder.set(label, faint[i]!);
  }
  const narrow = (b: Blob) => b.box[2] - b.box[0] < SIDE_SHARE * tallest;
  const out: Blob[] = [];
  const sides = new Map<number, Blob[]>();
  for (const [label, held] of holder) {
    const blob = inked.blobs[label - 1]!;
    if (narrow(blob)) sides.set(held, [...(sides.get(held) ?? []), blob]);
    else out.push(blob);
  }
  for (const group of sides.values()) {
    let current: Blob | undefined;
    for (const b of group.sort((p, q) => p.box[0] - q.box[0])) {
      const joined: Box | undefined = current && [
        current.box[0],
        Math.min(current.box[1], b.box[1]),
        Math.max(current.box[2], b.box[2]),
        Math.max(current.box[3], b.box[3]),
      ];
      if (current && joined && joined[2] - joined[0] <= tallest) current = { box: joined, ink: current.ink + b.ink };
      else {
        if (current) out.push(current);
        current = { box: [...b.box] as Box, ink: b.ink };
      }
    }
    if (current) out.push(current);
  }
  return out;
}

/** The glyphs of one word: its blobs of ink as tall as its print, each boxed with a pixel of paper. */
export function wordGlyphs(page: Grey, word: Box): Box[] {
  const box: Box = [
    Math.max(0, word[0] - WORD_PAD),
    Math.max(0, word[1] - WORD_PAD),
    Math.min(page.width, word[2] + WORD_PAD),
    Math.min(page.height, word[3] + WORD_PAD),
  ];
  if (box[2] <= box[0] || box[3] <= box[1]) return [];
  const { paper, ink } = boxLevels(page, box);
  if (paper - ink < MIN_CONTRAST) return [];
  const inked = labelInk(page, box, (paper + ink) / 2, 8);
  const specks = new Set(inked.blobs.flatMap((b, i) => (b.ink < MIN_INK ? [i + 1] : [])));
  const tallestBlob = Math.max(0, ...inked.blobs.filter((b) => b.ink >= MIN_INK).map((b) => b.box[3] - b.box[1]));
  const faint = labelInk(page, box, paper - FAINT_SHARE * (paper - ink), 8).labels;
  const blobs = joinBroken(joinedByFaintInk(inked, faint, specks, tallestBlob));
  const tallest = Math.max(0, ...blobs.map((b) => b.box[3] - b.box[1]));
  return blobs
    .filter((b) => b.box[3] - b.box[1] >= MIN_HEIGHT_SHARE * tallest && b.box[2] - b.box[0] <= MAX_ASPECT * (b.box[3] - b.box[1]))
    .map(({ box: b }) => [
      Math.max(0, b[0] - GLYPH_PAD),
      Math.max(0, b[1] - GLYPH_PAD),
      Math.min(page.width, b[2] + GLYPH_PAD),
      Math.min(page.height, b[3] + GLYPH_PAD),
    ]);
}

/** A glyph's coarse look: the ink below its box's paper, averaged over a grid of cells, to unit length. */
function signature(page: Grey, box: Box): Float64Array {
  const { paper } = boxLevels(page, box);
  const out = new Float64Array(SIGNATURE_COLUMNS * SIGNATURE_ROWS);
  const w = box[2] - box[0];
  const h = box[3] - box[1];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const cell = Math.floor((y * SIGNATURE_ROWS) / h) * SIGNATURE_COLUMNS + Math.floor((x * SIGNATURE_COLUMNS) / w);
      out[cell] = out[cell]! + Math.max(0, paper - page.data[(box[1] + y) * page.width + box[0] + x]!);
    }
  const norm = Math.hypot(...out);
  return norm > 0 ? out.map((v) => v / norm) : out;
}

const distance = (a: Float64Array, b: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
};

/**
 * Two glyph boxes of a size one character's prints could both have, their ink not overlapping: the
 * paper each box carries (GLYPH_PAD) may, since two glyphs set tight touch there, and a digit cloned
 * onto its neighbour sits beside its source.
 */
function comparable(a: Box, b: Box, slack: number): boolean {
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  if (Math.abs(w - (b[2] - b[0])) > slack || Math.abs(h - (b[3] - b[1])) > slack) return false;
  const pad = 2 * GLYPH_PAD;
  return a[2] - pad <= b[0] || b[2] - pad <= a[0] || a[3] - pad <= b[1] || b[3] - pad <= a[1];
}

/** Each glyph with the NEAREST fellows it looks most like: the pairs a clone and its source are among. */
export function lookAlikes(page: Grey, glyphs: Box[], slack: number): [Box, Box][] {
  const signatures = glyphs.map((g) => signature(page, g));
  const pairs = new Map<string, [Box, Box]>();
  for (let i = 0; i < glyphs.length; i++) {
    const fellows = glyphs
      .map((g, j) => ({ j, d: j !== i && comparable(glyphs[i]!, g, slack) ? distance(signatures[i]!, signatures[j]!) : Infinity }))
      .filter((f) => f.d < Infinity)
      .sort((p, q) => p.d - q.d)
      .slice(0, NEAREST);
    for (const { j } of fellows) pairs.set(i < j ? `${i},${j}` : `${j},${i}`, [glyphs[Math.min(i, j)]!, glyphs[Math.max(i, j)]!]);
  }
  return [...pairs.values()];
}

/**
 * The pairs of glyphs within `words` (the boxes of the fields a forger changes) and `beside` (words
 * compared with them but left out of the page's norms) that look most like a copy (see
 * `judgedPairs`); `looseBoxes` when the boxes were read off another rendering of the page,
 * `quantisation` the JPEG table the page was last saved with, when its pixels are that JPEG's decode.
 */
export function cloneCandidates(
  page: Grey,
  words: Box[],
  how: { looseBoxes?: boolean; quantisation?: QuantTable; beside?: Box[] } = {},
): ClonePair[] {
  const glyphs = words.flatMap((w) => wordGlyphs(page, w));
  const norm = new Set(glyphs);
  const all = [...glyphs, ...(how.beside ?? []).flatMap((w) => wordGlyphs(page, w))];
  // Glyphs beside are paired with the number's only: two letters of a month's name ("September"'s e's) are prints of running text.
  const pairs = lookAlikes(page, all, how.looseBoxes ? LOOSE_SIZE : SIZE).filter(([a, b]) => norm.has(a) || norm.has(b));
  return judgedPairs(page, pairs, { ...how, norm });
}
