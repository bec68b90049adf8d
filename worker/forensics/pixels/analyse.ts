import type { ImageInput } from '../../images/clean';
import type { Box, OcrWord } from '../../ocr/port';
import type { Glyph } from './copy-move';
import { cloneCandidates, cloneWords } from './copy-move-glyphs';
import { evidenceCrop } from './crop';
import { printBody } from './field-paper';
import { fieldSpan } from './field-spans';
import { glyphCutFinding } from './glyph-cuts';
import { decodeGrey, toPageBox, type Grey, type OcrGeometry } from './grey';
import { gridTrace, MIN_GRID_STRENGTH, outOfStep, pagePhase, type GridTrace } from './grid';
import { blockHistory, regionHistory } from './jpeg-history';
import { edgeAcrossPhases, grow, measureWord, pageLevels, type WordMeasures } from './measures';
import { paperMatchFindings } from './paper-match';
import { printScaleFinding } from './print-scale';
import { paperFloor, regionFinding } from './region-scan';
import { medianOf, robustSpread, theilSenSlope } from './robust';
import { stronger, type PagePixels, type PictureRegion, type PixelFinding, type PixelPage } from './types';
import { resaveFinding, type QuantTable, type ResaveWord } from './resave';
import { resaveMapFinding } from './resave-map';
import { tiltFindings } from './tilt';
import { typefaceFindings } from './typeface';

/** Words with at least this many digits are the fields a forger changes: numbers, codes, amounts, dates. */
const MIN_DIGITS = 2;
/** Either half of a UK postcode ("EH1", "6YY") carries a single digit. */
const POSTCODE_PART = /^(?:[A-Z]{1,2}\d[A-Z\d]?|\d[A-Z]{2})$/;
/** Words read with less confidence are as likely specks or edges as print: they are measured, not judged. */
const MIN_CONFIDENCE = 70;
/** Words this close to the page's edge are often its border read as text. */
const EDGE = 8;
/** Fewer measured words than this and the page has no norm to compare against. */
const MIN_WORDS = 12;
/** Characters a word needs for its own baseline slope to mean anything. */
const MIN_TILT_CHARS = 4;
/** A word's baseline off the page's by this many degrees counts as one unit of suspicion. */
const TILT_UNIT = 0.4;
/** Paper pixels a word needs around it for its grain to be measured. */
const MIN_PAPER_PIXELS = 80;
/** A share of flat pixels this much above the page's, times this weight, scores like a log grain ratio. */
const FLAT_WEIGHT = 2;
/** Paper taken around a word to read its JPEG grid: small regions give the 8 phases too few samples. */
const GRID_MARGIN = 16;
/** Below this grain (grey levels) the page is too clean for grain to tell anything. */
const MIN_GRAIN = 0.75;
/**
 * Spread floors: scanning varies ink and edges by a few percent even on sound pages (relative), and
 * a share of flat ink pixels by a few points (absolute).
 */
const SPREAD: Record<PrintMeasure, { relative: number; absolute: number }> = {
  ink: { relative: 0.06, absolute: 1e-6 },
  sharpness: { relative: 0.06, absolute: 1e-6 },
  edge: { relative: 0.06, absolute: 1e-6 },
  stroke: { relative: 0.08, absolute: 1e-6 },
  inkFlat: { relative: 0, absolute: 0.05 },
};
/** A word's digits taller or shorter than its line's capitals by this share count as one unit. */
const HEIGHT_UNIT = 0.04;
/** A word's baseline off its line by this share of its height counts as one unit of suspicion. */
const BASELINE_UNIT = 0.04;
/**
 * The most each print measure reached on a sound word (every word off the forged region, over the
 * scans and photos of the tuning corpus): a word's score is its largest measure in these units, so
 * one threshold weighs a noisy measure (glyph height from OCR boxes) and a quiet one (ink grain) alike.
 */
const SOUND_REACH: Record<string, number> = {
  ink: 2,
  sharpness: 3.6,
  edge: 2.5,
  stroke: 5.7,
  inkFlat: 4,
  height: 16,
  baseline: 8.7,
  tilt: 4.5,
};

interface Measured {
  word: OcrWord;
  /** The same word on the image OCR read, where rows are level: glyph height, baseline and tilt are judged here. */
  level: OcrWord;
  box: Box;
  glyphs: Glyph[];
  m: WordMeasures;
  /** Reads like a field a forger changes (see MIN_DIGITS, POSTCODE_PART). */
  matters: boolean;
}

const DIGIT = /\d/g;
/** Reads like a field, however surely: digits or a postcode half. */
const readsAsField = (word: OcrWord) => (word.text.match(DIGIT)?.length ?? 0) >= MIN_DIGITS || POSTCODE_PART.test(word.text);

function mapWords(page: Grey, words: OcrWord[], levelWords: OcrWord[], geometry: OcrGeometry): Measured[] {
  const out: Measured[] = [];
  for (const [i, word] of words.entries()) {
    const box = toPageBox(word.box, geometry, page);
    const matters = readsAsField(word) && word.confidence >= MIN_CONFIDENCE && !atEdge(box, page);
    const m = measureWord(page, box, matters);
    if (!m) continue;
    const glyphs = word.symbols.map((s) => ({ text: s.text, box: toPageBox(s.box, geometry, page) }));
    out.push({ word, level: levelWords[i] ?? word, box, glyphs, m, matters });
  }
  const edgeOf = edgeAcrossPhases(out.map((w) => w.m.edgePhases));
  return out.map((w) => ({ ...w, m: { ...w.m, edge: edgeOf(w.m.edgePhases) } }));
}

const atEdge = (b: Box, page: Grey) => b[0] < EDGE || b[1] < EDGE || b[2] > page.width - EDGE || b[3] > page.height - EDGE;

const heightOf = (b: Box) => b[3] - b[1];

/** Characters that stand as tall as digits and sit on the baseline: capitals and digits. */
const FULL_HEIGHT = /^[A-Z0-9]$/;

/**
 * Capitals of one printed row agree in height and baseline to within a few percent; when their
 * median deviation passes this share of their height, OCR has merged rows (tiny print, a table's
 * rule) and the row is no yardstick for a word's size or baseline.
 */
const IRREGULAR_ROW = 0.15;

/**
 * A row mate's glyph boxed at more than half again, or under two thirds, of the word's digit height
 * is a box OCR drew over two rows of small print (or split a glyph), not print of the row: it is
 * left out of the yardstick. Glyph height can then differ from the row's by this log ratio at most,
 * short of its threshold: a retyped field is not set at half or twice its neighbours' size.
 */
const MATE_GLYPH_BAND = Math.log(1.5);

/** Share of the shorter box's height two words must share to be printed on one row. */
const ROW_OVERLAP = 0.5;

/**
 * OCR joins side-by-side columns into one line even when their rows sit at different heights (a
 * bilingual certificate, a form's label beside a value a row lower): only words that share the
 * word's row are its mates. A retyped field set off its row by less than half its height still is.
 */
function sameRow(a: Box, b: Box): boolean {
  const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return overlap >= ROW_OVERLAP * Math.min(heightOf(a), heightOf(b));
}

/**
 * The word's digits against the full-height characters of the rest of its line: size and baseline.
 * Measured on the OCR'd image, where lines are straight; on a skewed original they slope.
 */
function lineGeometry(w: Measured, line: Measured[]): { height: number; baseline: number } | undefined {
  const digits = w.level.symbols.filter((g) => /^\d$/.test(g.text));
  if (digits.length === 0) return undefined;
  const height = medianOf(digits.map((g) => heightOf(g.box)));
  const mates = line
    .filter((o) => o !== w && sameRow(o.level.box, w.level.box))
    .flatMap((o) => o.level.symbols.filter((g) => FULL_HEIGHT.test(g.text) && g.text !== 'Q' && g.text !== 'J'))
    .filter((g) => Math.abs(Math.log(heightOf(g.box) / Math.max(1, height))) <= MATE_GLYPH_BAND);
  if (mates.length < 3) return undefined;
  const mateHeight = medianOf(mates.map((g) => heightOf(g.box)));
  const mateBottom = medianOf(mates.map((g) => g.box[3]));
  // A row whose own capitals disagree is not one printed line: OCR merged small print of two rows.
  const irregular = (values: number[], centre: number) => medianOf(values.map((v) => Math.abs(v - centre))) > IRREGULAR_ROW * mateHeight;
  if (
    irregular(
      mates.map((g) => heightOf(g.box)),
      mateHeight,
    ) ||
    irregular(
      mates.map((g) => g.box[3]),
      mateBottom,
    )
  )
    return undefined;
  return {
    height: Math.abs(Math.log(height / Math.max(1, mateHeight))) / HEIGHT_UNIT,
    baseline: Math.abs(medianOf(digits.map((g) => g.box[3])) - mateBottom) / Math.max(1, height) / BASELINE_UNIT,
  };
}

/** A glyph box's top (1) or bottom (3). */
type Edge = 1 | 3;
const EDGES: Edge[] = [1, 3];

/**
 * How far a word's slope is off the page's, in degrees: along the tops of its glyphs and along their
 * bottoms, whichever is nearer. A word set at an angle slopes along both; a box caught on a table's
 * rule or a mark below the digits bends one edge only.
 */
function tiltOff(w: OcrWord, pageTilt: Record<Edge, number>): number | undefined {
  const offs = EDGES.flatMap((edge) => {
    const tilt = tiltOf(w, edge);
    return tilt === undefined ? [] : [Math.abs(tilt - pageTilt[edge])];
  });
  return offs.length ? Math.min(...offs) : undefined;
}

/**
 * The slope of a word's own baseline (or top line), in degrees, on the straightened OCR image: characters typed
 * onto a skewed scan, or pasted from another, sit at their own angle. Undefined for short words.
 */
function tiltOf(w: OcrWord, edge: Edge): number | undefined {
  const full = w.symbols.filter((g) => FULL_HEIGHT.test(g.text));
  const height = medianOf(full.map((g) => heightOf(g.box)));
  // A glyph boxed taller or shorter than the word's others is a merged or split box: its edges lie.
  const chars = full.filter((g) => Math.abs(Math.log(heightOf(g.box) / Math.max(1, height))) <= SIZE_BAND);
  if (chars.length < MIN_TILT_CHARS) return undefined;
  const xs = chars.map((g) => (g.box[0] + g.box[2]) / 2);
  if (xs[xs.length - 1]! - xs[0]! < 3 * height) return undefined;
  // Theil-Sen, so one badly boxed character cannot tilt the word.
  const slope = theilSenSlope(
    chars.map((g, i) => ({ x: xs[i]!, y: g.box[edge] })),
    height,
    MIN_TILT_CHARS,
  );
  return slope === undefined ? undefined : (Math.atan(slope) * 180) / Math.PI;
}

type PrintMeasure = 'ink' | 'sharpness' | 'edge' | 'stroke' | 'inkFlat';
const PRINT: PrintMeasure[] = ['ink', 'sharpness', 'edge', 'stroke', 'inkFlat'];
/** The measures that choose the group a word is most like; edge steepness finds its own (see `closestPrintScores`). */
const CHOOSING: PrintMeasure[] = PRINT.filter((k) => k !== 'edge');
/** Measures where only one direction is suspicious: a text tool's ink is flatter than scanned ink, never grainier. */
const ONE_SIDED: Partial<Record<PrintMeasure, true>> = { inkFlat: true };

/** The page's centre and spread of each print measure, the yardstick every word is held to. */
type PrintNorms = Record<PrintMeasure, { median: number; spread: number }>;

function printNorms(words: Measured[]): PrintNorms {
  const norms = {} as PrintNorms;
  for (const key of PRINT) {
    const values = words.map((o) => o.m[key]);
    const median = medianOf(values);
    norms[key] = { median, spread: robustSpread(values, median) };
  }
  return norms;
}

/** A value with fewer row mates than this has no row to be compared with. */
const MIN_ROW_MATES = 2;
/** How many of the nearest words at a value's size make its neighbourhood: a block of text, not the page. */
const NEIGHBOURS = 8;
/** Fewer words at its size than this on the whole page, and a value has no neighbourhood of its size. */
const MIN_NEIGHBOURS = 4;
/**
 * Capitals within this log ratio of a word's are printed at its size. Ink, edges and stroke all
 * change with size (small print is lighter, a large heading darker), so a company number set large
 * alone on its line is compared with other large print, not with the page's body text.
 */
const SIZE_BAND = 0.15;

/** Each word's size, read once: every field compares it with every word of the page. */
const sizes = new WeakMap<Measured, number | undefined>();

/** The height of a word's capitals and digits on the image OCR read; undefined when it has none. */
function sizeOf(w: Measured): number | undefined {
  if (sizes.has(w)) return sizes.get(w);
  const full = w.level.symbols.filter((g) => FULL_HEIGHT.test(g.text));
  const size = full.length ? medianOf(full.map((g) => heightOf(g.box))) : undefined;
  sizes.set(w, size);
  return size;
}

const centreOf = (b: Box): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

/** Row mates of a word: the other words of its OCR line that share its row. */
const rowMates = (w: Measured, line: Measured[]) => line.filter((o) => o !== w && sameRow(o.level.box, w.level.box));

/**
 * The groups of print a value's print is comparable with, each a fair norm on its own:
 * - its row (a label and its value are set alike, most often);
 * - the nearest words at its size (a photo's shading and a scan's uneven light change ink slowly,
 *   so near print has near light);
 * - the page (a value set in body text after a bold label, beside bold headings of its size);
 * - the other values set apart on a row of their own at its size (a certificate prints its number
 *   and date bold, each alone on its line; the body text is no norm for them).
 * A value is as unlike the page as it is unlike the group it resembles most: a retyped field
 * differs from all of them, a sound bold value from the body text only.
 * The words beside it that may be part of the same field (`parts`: a postcode's other half, a date's
 * month and year) are in none of them: a field pasted or retyped whole, and split by OCR, would
 * otherwise be its own yardstick.
 */
function comparables(
  w: Measured,
  line: Measured[],
  lines: Map<number, Measured[]>,
  all: Measured[],
  parts: readonly Measured[],
): Measured[][] {
  const groups: Measured[][] = [];
  const words = all.filter((o) => !parts.includes(o));
  const mates = rowMates(w, line);
  if (mates.length >= MIN_ROW_MATES) groups.push(mates);
  const size = sizeOf(w);
  const atSize = (o: Measured) => {
    const s = o !== w ? sizeOf(o) : undefined;
    return s !== undefined && size !== undefined && Math.abs(Math.log(s / size)) <= SIZE_BAND;
  };
  const sized = words.filter(atSize);
  if (sized.length >= MIN_NEIGHBOURS) {
    const [x, y] = centreOf(w.box);
    const distance = (o: Measured) => Math.hypot(centreOf(o.box)[0] - x, centreOf(o.box)[1] - y);
    groups.push(sized.sort((a, b) => distance(a) - distance(b)).slice(0, NEIGHBOURS));
  }
  groups.push(words);
  if (mates.length < MIN_ROW_MATES) {
    const apart = sized.filter((o) => o.matters && rowMates(o, lines.get(o.word.line) ?? []).length < MIN_ROW_MATES);
    if (apart.length > 0) groups.push(apart);
  }
  return groups;
}

/**
 * The standard error of a share counted on `n` pixels around `centre` (taken as at least the spread
 * floor): two digits at 150 dpi have a handful of inner ink pixels, and a handful can all be flat by chance.
 */
const shareError = (centre: number, n: number) => {
  const p = Math.min(0.95, Math.max(SPREAD.inkFlat.absolute, centre));
  return Math.sqrt((p * (1 - p)) / Math.max(1, n));
};

/** Characters in a word, as OCR read them. */
const charsOf = (w: Measured) => Math.max(1, w.word.symbols.length);

/**
 * How far a word's print is from a group's, in units of the larger of the page's spread and, among
 * enough of them, the group's own: a bold heading line is compared with itself. A short word is
 * given room in proportion to the square root of how many fewer glyphs it averages over than the
 * page's typical word: a date's ten glyphs average out the shape of each, a two-digit day does not.
 * Ink darker than the group's counts only past `boldInk` when the word may be set bold (see there).
 */
function printScores(w: Measured, like: Measured[], norms: PrintNorms, typicalChars: number, boldInk = 0): Record<string, number> {
  const out: Record<string, number> = {};
  const short = Math.sqrt(Math.max(1, typicalChars / charsOf(w)));
  for (const key of PRINT) {
    const values = like.map((o) => o.m[key]);
    const centre = medianOf(values);
    const local = values.length >= MIN_NEIGHBOURS ? robustSpread(values, centre) : 0;
    const counted = key === 'inkFlat' ? shareError(centre, w.m.inkInner) : 0;
    const spread = Math.max(norms[key].spread, local, counted, Math.abs(centre) * SPREAD[key].relative, SPREAD[key].absolute);
    const off = key === 'ink' && w.m.ink > centre ? w.m.ink - Math.max(centre, Math.min(w.m.ink, boldInk)) : w.m[key] - centre;
    out[key] = (ONE_SIDED[key] ? Math.max(0, off) : Math.abs(off)) / spread / short;
  }
  return out;
}

/**
 * How dark a value set apart (on a row of its own: a date under its label, a certificate's number)
 * may print as bold: as dark as the darkest print the page holds at its size or larger, read with
 * confidence. A page sets its lone values bold, and bold print is darker than body text by the
 * page's own weight (its bold headings show how much), which no norm of body text explains; a
 * retyped value is told by its edges, stroke and fill, which bold print shares with the page.
 * Zero for a value with row mates: a label and its value are set alike. Row mates that are all the
 * value's own parts (`parts`: a date written out, which OCR splits into three words) leave it alone
 * on its row; one word besides them (its label) does not.
 */
function boldInkOf(w: Measured, line: Measured[], parts: readonly Measured[], words: Measured[]): number {
  const mates = rowMates(w, line);
  if (mates.length >= MIN_ROW_MATES && !mates.every((o) => parts.includes(o))) return 0;
  const size = sizeOf(w);
  if (size === undefined) return 0;
  const asLarge = words.filter((o) => {
    const s = o !== w && o.word.confidence >= MIN_CONFIDENCE ? sizeOf(o) : undefined;
    return s !== undefined && Math.log(s / size) >= -SIZE_BAND;
  });
  return Math.max(0, ...asLarge.map((o) => o.m.ink));
}

/**
 * The print scores against the comparable group the word is most like (see `comparables`), and its
 * edge steepness against the group whose edges it is most like: every print of one capture shares
 * its blur, but under a blur as wide as a body stroke thick print (a bold total, large type) reads
 * less steep than body text, and a bold value held to the body text by its ink and stroke would be
 * raised by its edges alone. Print pasted from another capture is unlike every group of the page.
 */
function closestPrintScores(
  w: Measured,
  groups: Measured[][],
  norms: PrintNorms,
  typicalChars: number,
  boldInk: number,
): Record<string, number> {
  const worstOf = (scores: Record<string, number>) => Math.max(...CHOOSING.map((k) => scores[k]! / SOUND_REACH[k]!));
  const scored = groups.map((g) => printScores(w, g, norms, typicalChars, boldInk));
  return { ...scored.reduce((a, b) => (worstOf(b) < worstOf(a) ? b : a)), edge: Math.min(...scored.map((s) => s.edge!)) };
}

/** What the text consistency is judged against on the page, read once. */
interface TextNorms {
  lines: Map<number, Measured[]>;
  words: Measured[];
  norms: PrintNorms;
  typicalChars: number;
  pageTilt: Record<Edge, number>;
  boxesExact: boolean;
}

/** A field's largest print difference from what it is comparable with, in units of its sound reach. */
function fieldFinding(w: Measured, parts: readonly Measured[], page: TextNorms): PixelFinding {
  // The words that may be part of the same field are not its yardstick (see `comparables`).
  const whole = page.lines.get(w.word.line) ?? [];
  const line = whole.filter((o) => !parts.includes(o));
  const groups = comparables(w, line, page.lines, page.words, parts);
  // Whether it is a value alone on its row (a bold heading's) is the whole row's say: a label beside its parts is print on that row.
  const detail: Record<string, number> = {
    ...closestPrintScores(w, groups, page.norms, page.typicalChars, boldInkOf(w, whole, parts, page.words)),
    ...(page.boxesExact ? lineGeometry(w, line) : {}),
  };
  const tilt = page.boxesExact ? tiltOff(w.level, page.pageTilt) : undefined;
  if (tilt !== undefined) detail.tilt = tilt / TILT_UNIT;
  for (const key of Object.keys(detail)) detail[key] = detail[key]! / SOUND_REACH[key]!;
  const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
  return { signal: 'text_consistency', box: w.box, word: w.word.text, measure, value, detail };
}

/** Every field's text finding, most suspicious first. */
function textFindings(words: Measured[], boxesExact: boolean): PixelFinding[] {
  const lines = new Map<number, Measured[]>();
  for (const w of words) lines.set(w.word.line, [...(lines.get(w.word.line) ?? []), w]);
  const tiltAlong = (edge: Edge) => medianOf(words.map((w) => tiltOf(w.level, edge)).filter((t): t is number => t !== undefined));
  const page: TextNorms = {
    lines,
    words,
    norms: printNorms(words),
    typicalChars: medianOf(words.map(charsOf)),
    pageTilt: { 1: tiltAlong(1), 3: tiltAlong(3) },
    boxesExact,
  };
  return ranked(
    [...words.entries()].filter(([, w]) => w.matters).map(([i, w]) => fieldFinding(w, fieldSpan(words, i, readsAsField), page)),
  );
}

/** A field's measures read on its print body when a descender hangs below it (`printBody`), else as measured. */
function bodyMeasures(page: Grey, w: Measured): WordMeasures {
  const body = printBody(w.box, w.glyphs);
  return (body && measureWord(page, body, true)) ?? w.m;
}

/**
 * Paper around a field against the paper in a ring around it: a painted patch is cleaner (less grain,
 * more flat pixels) than its own neighbourhood. Both are read through the same compression, so a JPEG
 * that flattened grain everywhere flattens both alike. Grainier is not counted: JPEG ringing around
 * sound print makes the paper between glyphs grainier than the ring on every photo.
 * A field's paper read on fewer pixels than the page's typical field's is given room by the square
 * root of how many fewer (a median and a share of a few dozen pixels, whose grain a JPEG flattens a
 * block at a time, wander further): a sound two-digit day's median grain fell one step below its ring.
 */
function backgroundFindings(page: Grey, words: Measured[]): PixelFinding[] {
  const judged = words
    .filter((x) => x.matters)
    .map((x) => ({ ...x, m: bodyMeasures(page, x) }))
    .filter((x) => x.m.paperPixels >= MIN_PAPER_PIXELS && (x.m.ring?.count ?? 0) >= MIN_PAPER_PIXELS);
  const typicalPaper = medianOf(judged.map((w) => w.m.paperPixels));
  const findings = judged.map((w): PixelFinding => {
    const ring = w.m.ring!;
    const ratio = Math.log((w.m.noise + 0.5) / (ring.noise + 0.5));
    const fewer = Math.sqrt(Math.max(1, typicalPaper / w.m.paperPixels));
    const detail = {
      cleaner: Math.max(0, -ratio) / fewer,
      flatter: (Math.max(0, w.m.flat - ring.flat) * FLAT_WEIGHT) / fewer,
    };
    // Paint is both: less grain and more flat pixels, so the two add up.
    return {
      signal: 'background',
      box: w.box,
      word: w.word.text,
      measure: 'cleaner_and_flatter_than_ring',
      value: detail.cleaner + detail.flatter,
      detail: {
        ...detail,
        grain: w.m.noise,
        ring_grain: ring.noise,
        flat_share: w.m.flat,
        ring_flat_share: ring.flat,
        paper_pixels: w.m.paperPixels,
        typical_paper_pixels: typicalPaper,
      },
    };
  });
  return ranked(findings);
}

/**
 * The compression measures on one scale, that of a grid out of step with the page's (so evidence
 * recorded before the second measure is judged alike): the mean log-likelihood ratio of a field's
 * DCT coefficients saved once on a page saved twice is scaled so that a ratio of 0.6 lands at the
 * grid's threshold (1.5). On the corpus a field of a sound page reached 0.19 and an untouched field of an
 * image-only PDF page 0.44; a field retyped on a photo re-saved at a finer quality reaches 0.44 too,
 * so this measure is kept in the evidence but is not yet what catches those.
 */
const COMPRESSION_SCALE = { misaligned_grid_strength: 1, double_quantisation: 1.5 / 0.6 };
/** Non-zero coefficients a region needs for its history to be read. */
const MIN_COEFFICIENTS = 150;

/** A JPEG file starts with its SOI marker and a segment marker. */
const isJpeg = (input: ImageInput) => Buffer.isBuffer(input) && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff;

/**
 * Whether the page may carry a JPEG history to read: a JPEG does, and so does any page showing a block
 * grid (a PNG made from a JPEG). A lossless file with no grid was never quantised, so the DCT histograms
 * hold no history and a field's likelihood ratio is noise (on the corpus sound scans reached 0.48 in
 * the compression's units, forged ones 0.33, threshold 1.5): it is not computed, a fifth of a scan's
 * pixel analysis. Pixels decoded from a PDF's scan are read alike, their file unknown here.
 */
const mayCarryHistory = (input: ImageInput, pageGrid: GridTrace) =>
  pageGrid.strength >= MIN_GRID_STRENGTH || !Buffer.isBuffer(input) || isJpeg(input);

const NO_HISTORY = { mean: 0, coefficients: 0 };

function compressionFindings(
  input: ImageInput,
  page: Grey,
  words: Measured[],
  ownDecode: boolean,
): { findings: PixelFinding[]; strength: number } {
  const pageGrid = gridTrace(page, [0, 0, page.width, page.height], 4);
  const phase = pagePhase(pageGrid, ownDecode);
  const matter = words.filter((x) => x.matters);
  // The page's block history is read only through its fields: a page without one needs none of it.
  // With no grid shown, the phase it shows most is as good a guess as any.
  const blocksAt = phase ?? pageGrid;
  const history =
    matter.length && mayCarryHistory(input, pageGrid)
      ? blockHistory(page, (blocksAt.phaseX + 1) & 7, (blocksAt.phaseY + 1) & 7)
      : undefined;
  const fields = matter.map((w) => ({ w, own: history ? regionHistory(history, w.box) : NO_HISTORY }));
  // A field's history read on fewer coefficients than the page's typical field's is given room by the
  // square root of how many fewer: a sound photo's field read on 178 coefficients reached 1.59.
  const typical = medianOf(fields.filter((f) => f.own.coefficients >= MIN_COEFFICIENTS).map((f) => f.own.coefficients));
  const findings = fields.map(({ w, own }): PixelFinding => {
    const region = gridTrace(page, grow(w.box, GRID_MARGIN, page));
    const fewer = Math.sqrt(Math.max(1, typical / own.coefficients));
    const detail = {
      misaligned_grid_strength: outOfStep(region, phase) * COMPRESSION_SCALE.misaligned_grid_strength,
      double_quantisation:
        own.coefficients >= MIN_COEFFICIENTS ? (Math.max(0, own.mean) * COMPRESSION_SCALE.double_quantisation) / fewer : 0,
    };
    const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      signal: 'compression',
      box: w.box,
      word: w.word.text,
      measure,
      value,
      detail: {
        ...detail,
        grid_strength: region.strength,
        log_likelihood_ratio: own.mean,
        coefficients: own.coefficients,
        phase_x: region.phaseX,
        phase_y: region.phaseY,
        page_phase_x: blocksAt.phaseX,
        page_phase_y: blocksAt.phaseY,
      },
    };
  });
  return { findings: ranked(findings), strength: pageGrid.strength };
}

/**
 * A clone is nearer its source than two prints typically are and shares their grain; two prints of
 * one printer may share the halo and ringing of the glyph's shape (grain correlation up to 0.63 on the
 * corpora) but then are little nearer than prints typically are. The product of "nearer than prints
 * typically are" (counted up to `NEAR_ENOUGH` in copy-move.ts) and the grain shared beyond what prints
 * typically share is scaled so that
 * SHARED_AT_THRESHOLD lands at the threshold (1.2), about 10% above the sound maximum: 0.85 on a photo
 * of the reading corpus (two 2s of one word), 0.57 on the forgery corpus; clones re-saved as a JPEG
 * reached 0.7-2.7 (those below 0.95 are missed).
 */
const SHARED_AT_THRESHOLD = 0.95;
const SHARED_SCALE = 1.2 / SHARED_AT_THRESHOLD;

/**
 * A copy differs from its source by what the last save changed, about the page's grain on each of the
 * two and a little more at the ink's edges; two prints differing by several times the grain differ by
 * their ink, and what their paper shares is the glyph's own shape: a photo's blur leaves hairlines and
 * serif tips lighter than the paper floor, alike in every print (a sound photo's two Courier 0s, 5.1
 * times the grain apart, shared 0.52). Shared grain counts in full up to this many times the grain,
 * beyond it in proportion.
 */
const COPY_WITHIN_GRAIN = 3;

/** How much of a pair's shared grain may be a copy's: all of it while they differ by no more than a save explains. */
const asCopy = (difference: number, grain: number) => Math.min(1, (COPY_WITHIN_GRAIN * grain) / Math.max(0.1, difference));

/**
 * A clone is both nearer its source than two prints of the character typically are on the page and
 * nearer than the page's grain lets two prints be; either alone is reached by two prints that fell
 * alike on the pixel grid. Their geometric mean is scaled so that ALIKE_AT_THRESHOLD lands at the
 * threshold (1.2): on the corpus sound pages reached 1.8, clones re-saved as a JPEG 2.9 and more.
 */
const ALIKE_AT_THRESHOLD = 2.4;
const ALIKE_SCALE = 1.2 / ALIKE_AT_THRESHOLD;

/**
 * A glyph copied within a JPEG page and saved with it at another phase of the block grid differs
 * from its source by that save's rounding, which laying the source over the copy and saving it with
 * the page's table foretells; two prints differ by their grain and shape, which no save foretells
 * (and on a page with no grain, two prints of one glyph are copies of each other). The pair's
 * evidence (`saved` in copy-move.ts) is scaled so that SAVED_AT_THRESHOLD lands at the threshold.
 */
const SAVED_AT_THRESHOLD = 2.6;
const SAVED_SCALE = 1.2 / SAVED_AT_THRESHOLD;

function copyMoveFindings(
  page: Grey,
  words: Measured[],
  grain: number,
  how: { looseBoxes: boolean; quantisation?: QuantTable },
): PixelFinding[] {
  const { holders, beside } = cloneWords(words);
  const fields = [...holders, ...beside];
  // Grain measures only where there is grain to share.
  const grainy = grain >= MIN_GRAIN;
  const pairs = cloneCandidates(
    page,
    holders.map((w) => w.box),
    { ...how, beside: beside.map((w) => w.box) },
  );
  const findings = pairs.map((pair): PixelFinding => {
    const word = fields.find((w) => within(pair.box, w.box))?.word.text ?? '';
    const belowGrain = grainy ? grain / Math.max(0.1, pair.difference) : 0;
    const detail = {
      grain_over_difference: belowGrain,
      alike_and_shared_grain: grainy ? pair.shared * SHARED_SCALE * asCopy(pair.difference, grain) : 0,
      alike_and_below_grain: Math.sqrt(pair.alike * belowGrain) * ALIKE_SCALE,
      alike_and_foretold_by_one_save: grainy ? pair.saved * SAVED_SCALE : 0,
    };
    const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
    return {
      signal: 'copy_move',
      box: pair.box,
      twin: pair.twin,
      word,
      measure,
      value,
      detail: {
        ...detail,
        difference: pair.difference,
        alike: pair.alike,
        grain_correlation: pair.grain,
        typical_grain_correlation: pair.typicalGrain,
        paper_pixels: pair.paper,
        foretold: pair.foretold,
        page_grain: grain,
      },
    };
  });
  return ranked(findings);
}

/** A glyph's centre lies in the word's box (a glyph box carries a pixel of paper beyond the word's). */
const within = (glyph: Box, word: Box) => {
  const x = (glyph[0] + glyph[2]) / 2;
  const y = (glyph[1] + glyph[3]) / 2;
  return x >= word[0] && x <= word[2] && y >= word[1] && y <= word[3];
};

/** A word as the one-more-save measure reads it: box, size, stroke weight, and whether it reads like a field. */
const asResaveWord = (w: Measured): ResaveWord => ({
  box: w.box,
  word: w.word.text,
  size: sizeOf(w),
  weight: w.m.stroke,
  matters: w.matters,
  field: (w.word.text.match(DIGIT)?.length ?? 0) >= MIN_DIGITS,
});

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * A finder's findings, most suspicious first; of equal ones the first found, as the finders kept
 * their worst before. The first is the signal's worst; the next few are kept for the fused check.
 */
const ranked = (findings: PixelFinding[]) => [...findings].sort((a, b) => b.value - a.value);

/**
 * How many regions each finder keeps past its worst for the fused check. A forged field is rarely a
 * measure's page-worst on two measures at once (of session 22's 65 saved misses, 20 held no measure's
 * page-worst); more than two each lifted sound pages (seed 45000's photo 145036: 1.34 at two, 1.55 at
 * eight, of 1.6) and caught nothing more.
 */
const RUNNERS_UP = 2;

/** Copy-move's scored measures, which a runner-up keeps so the fused check can weigh a pair judged alone. */
const COPY_MOVE_MEASURES = ['grain_over_difference', 'alike_and_shared_grain', 'alike_and_below_grain', 'alike_and_foretold_by_one_save'];

/** A runner-up as the page keeps it: where, what and how much, without the detail behind it (copy-move's measures aside). */
function brief(f: PixelFinding): PixelFinding {
  const { detail, ...rest } = f;
  if (f.signal !== 'copy_move' || !detail) return rest;
  return { ...rest, detail: Object.fromEntries(COPY_MOVE_MEASURES.map((k) => [k, detail[k] ?? 0])) };
}

/**
 * Looks at the page as it arrived for local inconsistencies around the OCR'd words: one worst
 * region per signal, each per-field measure's next few for the fused check, and the means to draw a
 * small picture of the regions asked for. Judging whether that is too much is the check's job.
 */
export async function analysePage(
  input: ImageInput,
  words: OcrWord[],
  geometry: OcrGeometry,
  maxPixels: number,
  /** The words were read off these very pixels; not so for a PDF's scan read from its rendered page. */
  boxesExact = true,
  /**
   * The same words as OCR read them, one for one, on the image it read: a photo's page was made
   * upright first, so there its rows are level while on the photo they slope with the perspective.
   */
  levelWords: OcrWord[] = words,
  /** `input` already decoded as `decodeGrey` decodes it (image clean-up does, for OCR). */
  decoded?: Grey,
  /** The JPEG luma table `input` was last saved with, when its pixels are that JPEG's own decode (`embeddedScan`). */
  quantisation?: QuantTable,
): Promise<{ pixels: PagePixels; crops: (regions: readonly PictureRegion[]) => Promise<PixelPage['crops']> }> {
  const page = decoded ?? (await decodeGrey(input, maxPixels));
  const measured = mapWords(page, words, levelWords, geometry);
  const grain = medianOf(measured.map((w) => w.m.noise));
  const enough = measured.length >= MIN_WORDS;
  // Too few words to judge leave only the page's grid strength to report: no field is looked at.
  const compression = compressionFindings(input, page, enough ? measured : [], quantisation !== undefined);
  // The window scan and the paper match read print and paper against the same floor, from the levels the glyph cuts read.
  const levels = pageLevels(page);
  const floor = paperFloor(page, levels);
  // One more save over the whole page needs no field words either: OCR often reads no field word on a retype.
  const blocksResaved =
    quantisation &&
    resaveMapFinding(
      page,
      quantisation,
      measured.map((w) => ({ box: w.box, word: w.word.text, weight: w.m.stroke, size: sizeOf(w) })),
    );
  const perField = enough
    ? {
        text: textFindings(measured, boxesExact),
        background: backgroundFindings(page, measured),
        copyMove: copyMoveFindings(page, measured, grain, { looseBoxes: !boxesExact, quantisation }),
        paper: ranked(paperMatchFindings(page, measured, floor)),
        typeface: ranked(typefaceFindings(page, measured)),
        tilt: ranked(tiltFindings(page, measured)),
      }
    : { text: [], background: [], copyMove: [], paper: [], typeface: [], tilt: [] };
  // The window scan needs no words: it judges the pages OCR read too little of to form a norm.
  const findings = [
    ...(enough
      ? [
          perField.text[0],
          perField.background[0],
          stronger(
            stronger(compression.findings[0], quantisation && resaveFinding(page, quantisation, measured.map(asResaveWord))),
            blocksResaved,
          ),
          perField.copyMove[0],
        ]
      : [blocksResaved]),
    // Glyphs cut along a straight line need no words either: a paste often covers the field OCR would read.
    stronger(
      stronger(regionFinding(page, floor), glyphCutFinding(page, levels)),
      enough
        ? stronger(
            stronger(stronger(perField.paper[0], perField.typeface[0]), perField.tilt[0]),
            printScaleFinding(page, measured, floor, geometry),
          )
        : undefined,
    ),
  ].filter((f): f is PixelFinding => f !== undefined);
  // Every finder's few worst not already the page's: the compression grid's worst too when one more save's was stronger.
  const runnersUp = [...Object.values(perField), compression.findings]
    .flatMap((list) => list.slice(0, RUNNERS_UP + 1))
    .filter((f) => !findings.includes(f))
    .map(brief);
  for (const f of [...findings, ...runnersUp]) {
    f.value = round(f.value);
    if (f.detail) for (const k of Object.keys(f.detail)) f.detail[k] = round(f.detail[k]!);
  }
  // Drawn on request from the page's grey: only a raised check's picture is ever saved, and judging needs the measures first.
  const crops = (regions: readonly PictureRegion[]) =>
    Promise.all(regions.map(async (r) => ({ signal: r.of, png: await evidenceCrop(page, r.box, r.twin) })));
  return {
    pixels: {
      width: page.width,
      height: page.height,
      words_measured: measured.length,
      grain: round(grain),
      grid_strength: round(compression.strength),
      findings,
      runners_up: runnersUp,
    },
    crops,
  };
}
