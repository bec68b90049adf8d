import type { Box } from '../../ocr/port';
import { rowSlopeOnSource } from '../../images/perspective';
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
/** A glyph's top this near the cap line (share of the row's cap height) starts where the row's print does. */
const ON_CAP_LINE = 0.3;
/** A glyph's foot this far off the baseline (share of the cap height) stands off the row. */
const OFF_BASELINE = 0.2;
/**
 * Floating glyphs are this share of the cap height (a paste at 2/3), sinking ones this share (3/2).
 * Larger print is judged from the same step off the row's size as smaller: a paste at 1.2 of it (a donor
 * set a point or two larger, 69105's amount) sinks as surely as one at 0.85 floats.
 */
const FLOAT_HEIGHT = [0.45, 0.85] as const;
const SINK_HEIGHT = [1 / FLOAT_HEIGHT[1], 2] as const;
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

/** A word's glyph blobs (`glyphsOf` its box), read once a page: a row's words are mates of every suspect on it. */
type GlyphsOf = (word: PlacedWord) => Blob[];

/** Words sharing the word's row (half the smaller height in common) beyond its own `field`, nearest first on each side. */
function rowMates(word: PlacedWord, words: PlacedWord[], field: PlacedWord[]): PlacedWord[] {
  const [x0, y0, x1, y1] = word.box;
  const h = y1 - y0;
  const mates = words.filter((m) => {
    if (field.includes(m) || m.word.confidence < MATE_CONFIDENCE) return false;
    const shared = Math.min(y1, m.box[3]) - Math.max(y0, m.box[1]);
    return shared >= 0.5 * Math.min(h, heightOf(m.box)) && m.box[0] < x1 + MATE_REACH * h && m.box[2] > x0 - MATE_REACH * h;
  });
  const left = mates.filter((m) => m.box[2] <= x0).sort((a, b) => b.box[2] - a.box[2]);
  const right = mates.filter((m) => m.box[0] >= x1).sort((a, b) => a.box[0] - b.box[0]);
  return [...left.slice(0, MATES_PER_SIDE), ...right.slice(0, MATES_PER_SIDE)];
}

/** How far rows fall per pixel along them on a page OCR read turned by `degrees` (clockwise): minus its tangent, as `toPageBox` maps a level row. */
const slopeOfTurn = (degrees: number) => -Math.tan((degrees * Math.PI) / 180);

/**
 * How far the page's rows fall per pixel along them at `box` on the pixels as they arrived, which the
 * words' boxes are placed on: a scan's all fall as clean-up's turn says; a photo's as its perspective
 * carries the upright page's turned rows there. A photo's rows taken level held a row falling 0.06 px
 * per px at 0.03 and one rising 0.04 at 0, and sound dates and amounts on them floated off the line.
 */
function pageSlopeAt(geometry: OcrGeometry, box: Box): number {
  const { upright } = geometry;
  if (!upright) return slopeOfTurn(geometry.degrees);
  return rowSlopeOnSource([(box[0] + box[2]) / 2, box[3]], upright.quad, upright, slopeOfTurn(upright.degrees));
}

/**
 * The row's cap line and baseline from its mates' glyphs, each slid along the page's slope there
 * (`pageSlopeAt`) to the row's first glyph. The slope is not read off the glyphs' feet: over a row's
 * few words a foot a pixel off, a descender ("p" and "y" ending "Company" tipped a level footer row
 * 2.6 degrees), a full stop or a letter merged with its neighbour's descender tips it further than
 * the deskew's tenth of a degree or a photo's corners leave it unsure, and a paste among the mates
 * tips it by its own drop.
 */
function rowLines(mates: PlacedWord[], glyphsOfWord: GlyphsOf, slope: number): Row | undefined {
  const glyphs = mates.flatMap(glyphsOfWord);
  if (glyphs.length < MIN_MATE_GLYPHS) return undefined;
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

/**
 * A field's full-size glyphs are within this share of its tallest, as wide as `SINK_WIDTH` (no bracket
 * or slash); the tallest is the second tallest of those, so one glyph taller than the rest (a Q's tail,
 * two glyphs merged down a descender) does not stand for the field's size alone.
 */
const FULL_SIZE = 0.9;

/**
 * A field with no row mates read well, held to its own full-size print: a paste of smaller print set
 * over part of an amount alone in its column ("21898.00" over "19416.00") or a postcode alone on its
 * line leaves the field's last glyphs standing whole beside it, on the cap line and baseline the
 * paste's glyphs share only the top of. Read over the words of the field that may set its size (OCR
 * often splits the paste from what it left standing), level: a field spans too little to read a slope
 * off. Sinking print cannot show against the field's own tallest glyphs, so only floating print is
 * found this way.
 */
function ownLines(glyphs: Blob[]): Row | undefined {
  const wide = glyphs.filter((g) => widthOf(g.box) >= SINK_WIDTH * heightOf(g.box));
  const size = wide.map((g) => heightOf(g.box)).sort((a, b) => b - a)[1];
  if (size === undefined) return undefined;
  const full = wide.filter((g) => heightOf(g.box) >= FULL_SIZE * size);
  const cap = medianOf(full.map((g) => g.box[1]));
  const base = medianOf(full.map((g) => g.box[3]));
  return { x0: full[0]!.box[0], cap, base, slope: 0, glyphs: full };
}

/**
 * A word read as capitals and digits only: print with no descender, standing between the cap line and
 * the baseline (a town's name beside its postcode), so it may set the field's full size.
 */
const UPRIGHT = /^[A-Z0-9]+$/;

/**
 * A word's glyphs against its row, read off row mates beyond its own field (`spanOf`: a field pasted
 * whole and split by OCR into words would otherwise be its own yardstick), else against the full-size
 * print of the field's words that `sizesField` allows: the paste and what it left standing, read as
 * fields or badly, and words of capitals and digits, but not the sound lower-case words beside a value
 * ("package" before an amount), whose descenders hang below its baseline.
 */
function scaledIn(
  word: PlacedWord,
  words: PlacedWord[],
  glyphsOfWord: GlyphsOf,
  slope: number,
  sizesField: (w: PlacedWord) => boolean,
): Scaled | undefined {
  const field = spanOf(word, words);
  const row = rowLines(rowMates(word, words, field), glyphsOfWord, slope) ?? ownLines(field.filter(sizesField).flatMap(glyphsOfWord));
  return row && { word, glyphs: scaledGlyphs(glyphsOfWord(word), row), row };
}

/**
 * A word OCR read less well than a row mate, whatever it reads as: a paste and what it left standing,
 * read as one word or as words beside each other, need not read as a field ("ECIV4JU'AD" at 61,
 * "IPF" at 64 beside "LSI" at 0). Print scale reads glyphs, not text, and sound print read badly is
 * still print of its row's size.
 */
const unsure = (w: PlacedWord) => w.word.confidence < MATE_CONFIDENCE;

/**
 * The span of words (see `spanOf`) with most glyphs of another scale than their rows', counting the
 * suspects among them that hold `MIN_GLYPHS` each, as a region finding in units of the most a sound
 * word reached. Its box spans those glyphs and the row print they disagree with: which of the two is
 * foreign is not told (a field left standing beside a paste of smaller print is read against the
 * paste's lines and sinks, as a 3/2-size paste sinks against sound print). `geometry` is how OCR
 * read the page (`analysePage`'s), whose turn sets the slope of rows the feet cannot resolve.
 */
export function printScaleFinding(page: Grey, words: PlacedWord[], floor: number, geometry: OcrGeometry): PixelFinding | undefined {
  const suspects = new Set([...pasteSuspects(words), ...words.filter(unsure)]);
  const sizesField = (w: PlacedWord) => suspects.has(w) || UPRIGHT.test(w.word.text);
  const glyphs = new Map<PlacedWord, Blob[]>();
  const glyphsOfWord: GlyphsOf = (w) => {
    if (!glyphs.has(w)) glyphs.set(w, glyphsOf(page, w.box, floor));
    return glyphs.get(w)!;
  };
  const scaled = new Map<PlacedWord, Scaled | undefined>();
  const scaledOf = (w: PlacedWord) => {
    if (!scaled.has(w)) scaled.set(w, scaledIn(w, words, glyphsOfWord, pageSlopeAt(geometry, w.box), sizesField));
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
