import type { ImageInput } from '../../images/clean';
import type { Box, OcrWord } from '../../ocr/port';
import { mostAlikeGlyphs, type Glyph } from './copy-move';
import { evidenceCrop } from './crop';
import { decodeGrey, toPageBox, type Grey, type OcrGeometry } from './grey';
import { gridTrace } from './grid';
import { blockHistory, regionHistory } from './jpeg-history';
import { grow, measureWord, type WordMeasures } from './measures';
import { regionFinding } from './region-scan';
import { medianOf } from './robust';
import type { PagePixels, PixelFinding } from './types';

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
  stroke: 5.7,
  inkFlat: 4,
  height: 16,
  baseline: 8.7,
  tilt: 4.5,
};

interface Measured {
  word: OcrWord;
  box: Box;
  glyphs: Glyph[];
  m: WordMeasures;
  /** Reads like a field a forger changes (see MIN_DIGITS, POSTCODE_PART). */
  matters: boolean;
}

const DIGIT = /\d/g;

function mapWords(page: Grey, words: OcrWord[], geometry: OcrGeometry): Measured[] {
  const out: Measured[] = [];
  for (const word of words) {
    const box = toPageBox(word.box, geometry, page);
    const field = (word.text.match(DIGIT)?.length ?? 0) >= MIN_DIGITS || POSTCODE_PART.test(word.text);
    const matters = field && word.confidence >= MIN_CONFIDENCE && !atEdge(box, page);
    const m = measureWord(page, box, matters);
    if (!m) continue;
    const glyphs = word.symbols.map((s) => ({ text: s.text, box: toPageBox(s.box, geometry, page) }));
    out.push({ word, box, glyphs, m, matters });
  }
  return out;
}

const atEdge = (b: Box, page: Grey) => b[0] < EDGE || b[1] < EDGE || b[2] > page.width - EDGE || b[3] > page.height - EDGE;

const digitGlyphs = (w: Measured) => w.glyphs.filter((g) => /^\d$/.test(g.text));
const heightOf = (b: Box) => b[3] - b[1];

/** Characters that stand as tall as digits and sit on the baseline: capitals and digits. */
const FULL_HEIGHT = /^[A-Z0-9]$/;

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
  const digits = w.word.symbols.filter((g) => /^\d$/.test(g.text));
  const mates = line
    .filter((o) => o !== w && sameRow(o.word.box, w.word.box))
    .flatMap((o) => o.word.symbols.filter((g) => FULL_HEIGHT.test(g.text) && g.text !== 'Q' && g.text !== 'J'));
  if (digits.length === 0 || mates.length < 3) return undefined;
  const height = medianOf(digits.map((g) => heightOf(g.box)));
  const mateHeight = medianOf(mates.map((g) => heightOf(g.box)));
  return {
    height: Math.abs(Math.log(height / Math.max(1, mateHeight))) / HEIGHT_UNIT,
    baseline: Math.abs(medianOf(digits.map((g) => g.box[3])) - medianOf(mates.map((g) => g.box[3]))) / Math.max(1, height) / BASELINE_UNIT,
  };
}

/**
 * The slope of a word's own baseline, in degrees, on the straightened OCR image: characters typed
 * onto a skewed scan, or pasted from another, sit at their own angle. Undefined for short words.
 */
function tiltOf(w: OcrWord): number | undefined {
  const chars = w.symbols.filter((g) => FULL_HEIGHT.test(g.text));
  if (chars.length < MIN_TILT_CHARS) return undefined;
  const xs = chars.map((g) => (g.box[0] + g.box[2]) / 2);
  const height = medianOf(chars.map((g) => heightOf(g.box)));
  if (xs[xs.length - 1]! - xs[0]! < 3 * height) return undefined;
  // Theil-Sen: the median of pairwise slopes, so one badly boxed character cannot tilt the word.
  const slopes: number[] = [];
  for (let i = 0; i < chars.length; i++)
    for (let j = i + 1; j < chars.length; j++)
      if (xs[j]! - xs[i]! >= height) slopes.push((chars[j]!.box[3] - chars[i]!.box[3]) / (xs[j]! - xs[i]!));
  if (slopes.length < MIN_TILT_CHARS) return undefined;
  return (Math.atan(medianOf(slopes)) * 180) / Math.PI;
}

type PrintMeasure = 'ink' | 'sharpness' | 'stroke' | 'inkFlat';
const PRINT: PrintMeasure[] = ['ink', 'sharpness', 'stroke', 'inkFlat'];
/** Measures where only one direction is suspicious: a text tool's ink is flatter than scanned ink, never grainier. */
const ONE_SIDED: Partial<Record<PrintMeasure, true>> = { inkFlat: true };

/** The page's centre and spread of each print measure, the yardstick every word is held to. */
type PrintNorms = Record<PrintMeasure, { median: number; spread: number }>;

function printNorms(words: Measured[]): PrintNorms {
  const norms = {} as PrintNorms;
  for (const key of PRINT) {
    const values = words.map((o) => o.m[key]);
    const median = medianOf(values);
    norms[key] = { median, spread: medianOf(values.map((v) => Math.abs(v - median))) * 1.4826 };
  }
  return norms;
}

/**
 * How far a word's print is from its line's (or, alone on its line, the page's) in units of the
 * page's spread: a bold heading line is compared with itself, not with body text.
 */
function printScores(w: Measured, line: Measured[], norms: PrintNorms): Record<string, number> {
  const mates = line.filter((o) => o !== w);
  const out: Record<string, number> = {};
  for (const key of PRINT) {
    const centre = mates.length >= 2 ? medianOf(mates.map((o) => o.m[key])) : norms[key].median;
    const spread = Math.max(norms[key].spread, Math.abs(centre) * SPREAD[key].relative, SPREAD[key].absolute);
    const off = w.m[key] - centre;
    out[key] = (ONE_SIDED[key] ? Math.max(0, off) : Math.abs(off)) / spread;
  }
  return out;
}

function textFinding(words: Measured[], boxesExact: boolean): PixelFinding | undefined {
  const lines = new Map<number, Measured[]>();
  for (const w of words) lines.set(w.word.line, [...(lines.get(w.word.line) ?? []), w]);
  const norms = printNorms(words);
  const pageTilt = medianOf(words.map((w) => tiltOf(w.word)).filter((t): t is number => t !== undefined));
  let worst: PixelFinding | undefined;
  for (const w of words.filter((x) => x.matters)) {
    const line = lines.get(w.word.line) ?? [];
    const detail: Record<string, number> = { ...printScores(w, line, norms), ...(boxesExact ? lineGeometry(w, line) : {}) };
    const tilt = boxesExact ? tiltOf(w.word) : undefined;
    if (tilt !== undefined) detail.tilt = Math.abs(tilt - pageTilt) / TILT_UNIT;
    for (const key of Object.keys(detail)) detail[key] = detail[key]! / SOUND_REACH[key]!;
    const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
    if (!worst || value > worst.value) worst = { signal: 'text_consistency', box: w.box, word: w.word.text, measure, value, detail };
  }
  return worst;
}

/**
 * Paper around a field against the paper in a ring around it: a painted patch is cleaner (less grain,
 * more flat pixels) than its own neighbourhood. Both are read through the same compression, so a JPEG
 * that flattened grain everywhere flattens both alike. Grainier is not counted: JPEG ringing around
 * sound print makes the paper between glyphs grainier than the ring on every photo.
 */
function backgroundFinding(words: Measured[]): PixelFinding | undefined {
  let worst: PixelFinding | undefined;
  for (const w of words.filter((x) => x.matters && x.m.paperPixels >= MIN_PAPER_PIXELS && (x.m.ring?.count ?? 0) >= MIN_PAPER_PIXELS)) {
    const ring = w.m.ring!;
    const ratio = Math.log((w.m.noise + 0.5) / (ring.noise + 0.5));
    const detail = {
      cleaner: Math.max(0, -ratio),
      flatter: Math.max(0, w.m.flat - ring.flat) * FLAT_WEIGHT,
    };
    // Paint is both: less grain and more flat pixels, so the two add up.
    const value = detail.cleaner + detail.flatter;
    if (!worst || value > worst.value)
      worst = {
        signal: 'background',
        box: w.box,
        word: w.word.text,
        measure: 'cleaner_and_flatter_than_ring',
        value,
        detail: { ...detail, grain: w.m.noise, ring_grain: ring.noise, flat_share: w.m.flat, ring_flat_share: ring.flat },
      };
  }
  return worst;
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
/** Below this strength a page carries no JPEG block grid. */
const MIN_GRID_STRENGTH = 0.05;
/** Non-zero coefficients a region needs for its history to be read. */
const MIN_COEFFICIENTS = 150;

function compressionFinding(page: Grey, words: Measured[]): { finding?: PixelFinding; strength: number } {
  const pageGrid = gridTrace(page, [0, 0, page.width, page.height], 4);
  const history = blockHistory(page, (pageGrid.phaseX + 1) & 7, (pageGrid.phaseY + 1) & 7);
  let worst: PixelFinding | undefined;
  for (const w of words.filter((x) => x.matters)) {
    const region = gridTrace(page, grow(w.box, GRID_MARGIN, page));
    const misaligned = pageGrid.strength < MIN_GRID_STRENGTH || region.phaseX !== pageGrid.phaseX || region.phaseY !== pageGrid.phaseY;
    const own = regionHistory(history, w.box);
    const detail = {
      misaligned_grid_strength: (misaligned ? region.strength : 0) * COMPRESSION_SCALE.misaligned_grid_strength,
      double_quantisation: own.coefficients >= MIN_COEFFICIENTS ? Math.max(0, own.mean) * COMPRESSION_SCALE.double_quantisation : 0,
    };
    const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
    if (!worst || value > worst.value)
      worst = {
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
          page_phase_x: pageGrid.phaseX,
          page_phase_y: pageGrid.phaseY,
        },
      };
  }
  return { finding: worst, strength: pageGrid.strength };
}

/**
 * Grain correlation scaled onto the scale of grain over difference, so one threshold (1.2) serves
 * both: a correlation of 0.4 lands at it. On the corpus two prints reached 0.15 on a sound page and
 * 0.25 on a retyped one (a text tool's identical glyphs); clones after a JPEG re-save 0.45 and more.
 */
const SHARED_GRAIN_SCALE = 1.2 / 0.4;

/**
 * A clone is both nearer its source than two prints of the character typically are on the page and
 * nearer than the page's grain lets two prints be; either alone is reached by two prints that fell
 * alike on the pixel grid. Their geometric mean is scaled so that ALIKE_AT_THRESHOLD lands at the
 * threshold (1.2): on the corpus sound pages reached 1.8, clones re-saved as a JPEG 2.9 and more.
 */
const ALIKE_AT_THRESHOLD = 2.4;
const ALIKE_SCALE = 1.2 / ALIKE_AT_THRESHOLD;

function copyMoveFinding(
  page: Grey,
  words: Measured[],
  grain: number,
  how: { looseBoxes: boolean; jpeg: boolean },
): PixelFinding | undefined {
  const glyphs = words.filter((w) => w.matters).flatMap(digitGlyphs);
  const pair = mostAlikeGlyphs(page, glyphs, how);
  if (!pair) return undefined;
  const word = words.find((w) => w.glyphs.some((g) => g.box === pair.box))?.word.text ?? '';
  // Grain measures only where there is grain to share.
  const grainy = grain >= MIN_GRAIN;
  const belowGrain = grainy ? grain / Math.max(0.1, pair.difference) : 0;
  const detail = {
    grain_over_difference: belowGrain,
    shared_grain: grainy ? Math.max(0, pair.grain) * SHARED_GRAIN_SCALE : 0,
    alike_and_below_grain: Math.sqrt(pair.alike * belowGrain) * ALIKE_SCALE,
  };
  const [measure, value] = Object.entries(detail).reduce((a, b) => (b[1] > a[1] ? b : a));
  return {
    signal: 'copy_move',
    box: pair.box,
    twin: pair.twin,
    word,
    measure,
    value,
    detail: { ...detail, difference: pair.difference, alike: pair.alike, grain_correlation: pair.grain, page_grain: grain },
  };
}

/**
 * An uploaded image that is not a JPEG and carries no block grid: two prints on it cannot have come
 * out alike from a JPEG's grid. A PDF's scan is most often a JPEG, so it is never counted lossless.
 */
const losslessOf = (input: ImageInput, gridStrength: number) =>
  Buffer.isBuffer(input) && !(input[0] === 0xff && input[1] === 0xd8) && gridStrength < MIN_GRID_STRENGTH;

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Looks at the page as it arrived for local inconsistencies around the OCR'd words: one worst
 * region per signal, with a small picture of it. Judging whether that is too much is the check's job.
 */
export async function analysePage(
  input: ImageInput,
  words: OcrWord[],
  geometry: OcrGeometry,
  maxPixels: number,
  /** The words were read off these very pixels; not so for a PDF's scan read from its rendered page. */
  boxesExact = true,
): Promise<{ pixels: PagePixels; crops: { signal: PixelFinding['signal']; png: Buffer }[] }> {
  const page = await decodeGrey(input, maxPixels);
  const measured = mapWords(page, words, geometry);
  const grain = medianOf(measured.map((w) => w.m.noise));
  const enough = measured.length >= MIN_WORDS;
  const compression = compressionFinding(page, measured);
  // The window scan needs no words: it judges the pages OCR read too little of to form a norm.
  const findings = [
    ...(enough
      ? [
          textFinding(measured, boxesExact),
          backgroundFinding(measured),
          compression.finding,
          copyMoveFinding(page, measured, grain, { looseBoxes: !boxesExact, jpeg: !losslessOf(input, compression.strength) }),
        ]
      : []),
    regionFinding(page),
  ].filter((f): f is PixelFinding => f !== undefined);
  for (const f of findings) {
    f.value = round(f.value);
    if (f.detail) for (const k of Object.keys(f.detail)) f.detail[k] = round(f.detail[k]!);
  }
  const crops = await Promise.all(findings.map(async (f) => ({ signal: f.signal, png: await evidenceCrop(page, f.box, f.twin) })));
  return {
    pixels: {
      width: page.width,
      height: page.height,
      words_measured: measured.length,
      grain: round(grain),
      grid_strength: round(compression.strength),
      findings,
    },
    crops,
  };
}
