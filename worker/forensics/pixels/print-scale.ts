import type { Box } from '../../ocr/port';
import { blobsIn, type Blob } from './ink-blobs';
import type { Grey, OcrGeometry } from './grey';
import { medianOf } from './robust';
import { boxAround, spanOf, type PlacedWord } from './field-spans';
import { pasteSuspects } from './paper-match';
import type { PixelFinding } from './types';

/**
 * A region pasted from a document captured at another resolution prints its field at 2/3 or 3/2 of
 * the row's size, set at the field's top-left corner: its glyphs start at the row's cap line and end a
 * third of a glyph above the row's baseline (floating) or half a glyph below it (sinking). Sound print
 * that floats is small (a superscript, a quote mark), and sound print that sinks starts at the x-height
 * (a descender) or is a thin bracket; whole glyphs of the row's cap height doing either are print of
 * another scale. Needs no reading of the word: OCR reads such a paste as a garbled word at confidence
 * 0-30, or as digits.
 */

/** Row mates are read at least this well: their glyphs set the row's cap line and baseline. */
const MATE_CONFIDENCE = 70;
/** Row mates lie within this many word heights of the word, at most this many on each side. */
const MATE_REACH = 8;
const MATES_PER_SIDE = 3;
/**
 * The row's lines are read off this many glyph blobs at least: a date pasted over its day and month
 * leaves its year alone on the row ("2026" beside "24/11/2025ctober"), the only print to hold it to.
 */
const MIN_MATE_GLYPHS = 4;
/** A blob shorter than this share of its word's box is a dot, a comma or a hyphen, not a glyph. */
const GLYPH_SHARE = 0.35;
/** The row's cap line: this share of its glyphs' tops lie above it (digits, capitals, ascenders). */
const CAP_RANK = 0.1;
/** Glyph pairs this many cap heights apart or more set the row's slope (a deskewed scan, a photo's perspective). */
const SLOPE_SPAN = 2;
/**
 * A slope read off fewer pairs is one glyph's say, not the row's: a letter merged with its neighbour's
 * descender ("ly" in "14 July") tipped a sound row 6 degrees and its "2010" read as floating print.
 * The row is then taken to run as the page's print does (`pageSlope`), as when no pair is far enough apart.
 */
const MIN_SLOPE_PAIRS = 4;
/** A glyph's top this near the cap line (share of the row's cap height) starts where the row's print does. */
const ON_CAP_LINE = 0.3;
/** A glyph's foot this far off the baseline (share of the cap height) stands off the row. */
const OFF_BASELINE = 0.2;
/** Floating glyphs are this share of the cap height (a paste at 2/3), sinking ones this share (3/2). */
const FLOAT_HEIGHT = [0.45, 0.85] as const;
const SINK_HEIGHT = [1.25, 2] as const;
/** A sinking glyph is at least this wide (share of the cap height): a bracket or a slash is thinner. */
const SINK_WIDTH = 0.3;
/** One glyph of another scale is a broken or odd glyph, not a line of print: a word needs this many. */
const MIN_GLYPHS = 2;
/**
 * Glyphs of another scale counted in these units, so 4 pass the threshold: no sound page of the tuning
 * seeds holds 2, but a sound photo of `make forensics-sound` holds 3 ("22nd" against "April 2023", the
 * row's slope misread off a capital merged with its neighbour's descender).
 */
const SOUND_REACH = 2.5;

/** The row's cap line and baseline at `x0`, how far they fall per pixel along the row, and the glyphs that set them. */
interface Row {
  x0: number;
  cap: number;
  base: number;
  slope: number;
  glyphs: Blob[];
}

const heightOf = (b: Box) => b[3] - b[1];
const widthOf = (b: Box) => b[2] - b[0];

/** Glyph blobs of a word: its box, and a quarter of its height below (a paste's print may hang lower). */
function glyphsOf(page: Grey, box: Box, floor: number): Blob[] {
  const h = heightOf(box);
  const region: Box = [
    Math.max(0, box[0]),
    Math.max(0, box[1] - Math.round(h / 4)),
    Math.min(page.width, box[2]),
    Math.min(page.height, box[3] + Math.round(h / 2)),
  ];
  return blobsIn(page, region, floor).filter((b) => heightOf(b.box) >= GLYPH_SHARE * h && b.box[1] < box[3]);
}

/** Words sharing the word's row (half the smaller height in common), nearest first on each side. */
function rowMates(word: PlacedWord, words: PlacedWord[]): PlacedWord[] {
  const [x0, y0, x1, y1] = word.box;
  const h = y1 - y0;
  const mates = words.filter((m) => {
    if (m === word || m.word.confidence < MATE_CONFIDENCE) return false;
    const shared = Math.min(y1, m.box[3]) - Math.max(y0, m.box[1]);
    return shared >= 0.5 * Math.min(h, heightOf(m.box)) && m.box[0] < x1 + MATE_REACH * h && m.box[2] > x0 - MATE_REACH * h;
  });
  const left = mates.filter((m) => m.box[2] <= x0).sort((a, b) => b.box[2] - a.box[2]);
  const right = mates.filter((m) => m.box[0] >= x1).sort((a, b) => a.box[0] - b.box[0]);
  return [...left.slice(0, MATES_PER_SIDE), ...right.slice(0, MATES_PER_SIDE)];
}

/** A glyph's foot, and which of the row's words it stands in. */
interface Foot {
  x: number;
  y: number;
  group: number;
}

/**
 * How far the page's rows fall per pixel along them on the pixels as they arrived, which the words'
 * boxes are placed on: clean-up turned the page by `degrees` (clockwise) so that OCR read its rows
 * level, so on the page they fall by minus its tangent (`toPageBox` maps a level row so). A photo's
 * words are mapped back through its perspective, with no turn: its rows are taken level.
 */
const pageSlopeOf = (geometry: OcrGeometry) => -Math.tan((geometry.degrees * Math.PI) / 180);

/**
 * The row's slope off its mates' feet, each word's glyphs paired among themselves when they span enough
 * pairs: a paste split into two words ("G2" "6PP" set larger over a postcode) is a row mate of itself,
 * and pairs across it and the sound print beside it tipped the row by the paste's own drop, so that the
 * paste stood on the line. Short mates that hold too few pairs are paired across words, as one row.
 */
function rowSlope(feet: Foot[], span: number, pageSlope: number): number | undefined {
  const asOneRow = feet.map(({ x, y }) => ({ x, y, group: 0 }));
  return resolvedSlope(feet, span, pageSlope) ?? resolvedSlope(asOneRow, span, pageSlope);
}

/**
 * Theil-Sen over feet placed to a whole pixel: a pair's slope is known only to within a pixel over its
 * span, so the row's slope is the one nearest the page's (`pageSlope`) between the median of the pairs'
 * lowest slopes and the median of their highest. A slope the feet do not resolve is the page's: a
 * label's feet a pixel apart over its 60 px tipped its level row by 1/60, and 650 px along, beside a
 * pasted date, the row's cap line by 11 px; and a scan turned 1.6 degrees falls 7.5 px over 270 px,
 * which short words' feet cannot resolve, so that a row taken level there lifted a sound postcode off it.
 */
function resolvedSlope(feet: Foot[], span: number, pageSlope: number): number | undefined {
  const low: number[] = [];
  const high: number[] = [];
  for (let i = 0; i < feet.length; i++)
    for (let j = i + 1; j < feet.length; j++) {
      const [a, b] = feet[i]!.x < feet[j]!.x ? [feet[i]!, feet[j]!] : [feet[j]!, feet[i]!];
      const dx = b.x - a.x;
      if (dx < span || a.group !== b.group) continue;
      const slope = (b.y - a.y) / dx;
      low.push(slope - 1 / dx);
      high.push(slope + 1 / dx);
    }
  if (low.length < MIN_SLOPE_PAIRS) return undefined;
  const [lo, hi] = [medianOf(low), medianOf(high)];
  return Math.min(Math.max(pageSlope, lo), hi);
}

/**
 * The row's cap line and baseline from its mates' glyphs: most glyphs stand on the baseline, so the
 * slope is the median of their feet's pairwise slopes (Theil-Sen: descenders cannot tilt it; see `resolvedSlope`), and each
 * line is read with every glyph slid along that slope to the row's first glyph.
 */
function rowLines(page: Grey, mates: PlacedWord[], floor: number, pageSlope: number): Row | undefined {
  const byMate = mates.map((m) => glyphsOf(page, m.box, floor));
  const glyphs = byMate.flat();
  if (glyphs.length < MIN_MATE_GLYPHS) return undefined;
  const rough = medianOf(glyphs.map((g) => heightOf(g.box)));
  const feet = byMate.flatMap((gs, group) => gs.map((g) => ({ x: g.box[0], y: g.box[3], group })));
  const slope = rowSlope(feet, SLOPE_SPAN * rough, pageSlope) ?? pageSlope;
  const x0 = glyphs[0]!.box[0];
  const slid = (y: number, g: Blob) => y - slope * (g.box[0] - x0);
  const tops = glyphs.map((g) => slid(g.box[1], g)).sort((a, b) => a - b);
  const cap = tops[Math.floor(CAP_RANK * tops.length)]!;
  const base = medianOf(glyphs.map((g) => slid(g.box[3], g)));
  return base - cap > 0 ? { x0, cap, base, slope, glyphs } : undefined;
}

/** The word's glyphs that start on the row's cap line but are printed at another scale. */
function scaledGlyphs(glyphs: Blob[], row: Row): Blob[] {
  const H = row.base - row.cap;
  const drop = (g: Blob) => row.slope * (g.box[0] - row.x0);
  const onCap = (g: Blob) => Math.abs(g.box[1] - drop(g) - row.cap) <= ON_CAP_LINE * H;
  const within = (g: Blob, [lo, hi]: readonly [number, number]) => heightOf(g.box) >= lo * H && heightOf(g.box) <= hi * H;
  const footOff = (g: Blob) => g.box[3] - drop(g) - row.base;
  const floating = glyphs.filter((g) => onCap(g) && within(g, FLOAT_HEIGHT) && -footOff(g) >= OFF_BASELINE * H);
  const sinking = glyphs.filter(
    (g) => onCap(g) && within(g, SINK_HEIGHT) && widthOf(g.box) >= SINK_WIDTH * H && footOff(g) >= OFF_BASELINE * H,
  );
  return floating.length >= sinking.length ? floating : sinking;
}

/** A word's glyphs of another scale than its row's, and the row they were read against. */
interface Scaled {
  word: PlacedWord;
  glyphs: Blob[];
  row: Row;
}

/** A word's own full-size glyphs are its tallest, to within this share, and as wide as `SINK_WIDTH` (no bracket or slash). */
const FULL_SIZE = 0.9;

/**
 * A word with no row mates read well, held to its own full-size print: a paste of smaller print set
 * over part of an amount alone in its column ("21898.00" over "19416.00") leaves the amount's last
 * glyphs standing whole beside it, on the cap line and baseline the paste's glyphs share only the
 * top of. Level: one word spans too little to read a slope off. Sinking print cannot show against
 * the word's own tallest glyphs, so only floating print is found this way.
 */
function ownLines(glyphs: Blob[]): Row | undefined {
  const tallest = Math.max(0, ...glyphs.map((g) => heightOf(g.box)));
  const full = glyphs.filter((g) => heightOf(g.box) >= FULL_SIZE * tallest && widthOf(g.box) >= SINK_WIDTH * heightOf(g.box));
  if (full.length < MIN_GLYPHS) return undefined;
  const cap = medianOf(full.map((g) => g.box[1]));
  const base = medianOf(full.map((g) => g.box[3]));
  return { x0: full[0]!.box[0], cap, base, slope: 0, glyphs: full };
}

function scaledIn(page: Grey, word: PlacedWord, words: PlacedWord[], floor: number, pageSlope: number): Scaled | undefined {
  const glyphs = glyphsOf(page, word.box, floor);
  const row = rowLines(page, rowMates(word, words), floor, pageSlope) ?? ownLines(glyphs);
  return row && { word, glyphs: scaledGlyphs(glyphs, row), row };
}

/**
 * The span of words (see `spanOf`) with most glyphs of another scale than their rows', counting the
 * suspects among them that hold `MIN_GLYPHS` each, as a region finding in units of the most a sound
 * word reached. Its box spans those glyphs and the row print they disagree with: which of the two is
 * foreign is not told (a field left standing beside a paste of smaller print is read against the
 * paste's lines and sinks, as a 3/2-size paste sinks against sound print). `geometry` is how OCR
 * read the page (`analysePage`'s), whose turn sets the slope of rows the feet cannot resolve.
 */
export function printScaleFinding(page: Grey, words: PlacedWord[], floor: number, geometry: OcrGeometry): PixelFinding | undefined {
  const suspects = new Set(pasteSuspects(words));
  const pageSlope = pageSlopeOf(geometry);
  const scaled = new Map<PlacedWord, Scaled | undefined>();
  const scaledOf = (w: PlacedWord) => {
    if (!scaled.has(w)) scaled.set(w, scaledIn(page, w, words, floor, pageSlope));
    return scaled.get(w);
  };
  let worst: { word: PlacedWord; parts: Scaled[]; count: number } | undefined;
  for (const word of suspects) {
    const parts = spanOf(word, words)
      .filter((w) => suspects.has(w))
      .map(scaledOf)
      .filter((s): s is Scaled => s !== undefined && s.glyphs.length >= MIN_GLYPHS);
    const count = parts.reduce((n, s) => n + s.glyphs.length, 0);
    if (!worst || count > worst.count) worst = { word, parts, count };
  }
  if (!worst || worst.count < MIN_GLYPHS) return undefined;
  return {
    signal: 'region',
    box: boxAround(worst.parts.flatMap((s) => [...s.glyphs, ...s.row.glyphs]).map((b) => b.box)),
    word: worst.word.word.text,
    measure: 'print_scaled_unlike_its_row',
    value: worst.count / SOUND_REACH,
    detail: { glyphs_scaled: worst.count },
  };
}
