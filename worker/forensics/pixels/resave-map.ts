import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { blockChanges, type QuantTable } from './resave';
import { medianOf, robustSpread } from './robust';
import { stronger, type PixelFinding } from './types';

/**
 * One more JPEG save over the whole page, words or not: OCR often reads no field word on a retype
 * (a company number read as letters), so no field is compared. Every 8x8 block of print on the JPEG's
 * own grid is saved once more with the page's table (`resave.ts`); each block's change is held to the
 * page's blocks of like edge energy (print with more edges to a block moves more on any page), and
 * print saved once on a page saved twice is a compact cluster of blocks that move more than their
 * like. The worst cluster is a finding; so is the word (any word OCR read, not only a field) whose
 * blocks moved most, taken together: a retyped value moves as a whole, a little past its like in every
 * block, where a chance cluster in dense text is a few outliers among ordinary blocks.
 */

/** A block whose grey levels span less than this holds no print (paper, grain, a JPEG's ringing): not measured. */
const PRINT_RANGE = 60;
/** Blocks are held to those whose edge energy (log of the block's standard deviation plus one) lies in the same band of this width. */
const ENERGY_BAND = 0.2;
/** Every band lies within 0..BANDS: a block's standard deviation is under 128 grey levels. */
const BANDS = Math.ceil(Math.log(129) / ENERGY_BAND);
/** A band is measured on this many blocks at least. */
const MIN_BAND_BLOCKS = 20;
/** Grey levels added before the log: a block at the table's fixed point changes by nothing. */
const CHANGE_FLOOR = 0.1;
/** The least spread (log units) a band is measured in. */
const SPREAD_FLOOR = 0.05;
/** The least change a block can make past its band's: one pixel one grey level further (a block's change sums whole grey levels squared over 64 pixels). */
const STEP = 1 / 64;
/** A block this many robust units past its band moves more than its like: it joins a cluster. */
const OUTLIER = 2;
/** One block counts at most this many units: a cluster is told by its breadth, not by one block ringing off the scale. */
const CAP = 4;
/** Outlying blocks within this many blocks of each other (both ways) are one cluster: a word's glyphs leave paper between them. */
const REACH = 2;
/**
 * The cluster's sum of units past the outlier level, less what sound print reaches, scaled so that
 * AT_THRESHOLD reaches the compression check's threshold (1.5). On the 24 sound image-only PDF pages of
 * the forgery corpus the largest cluster summed 27 (nine blocks of one word, session 12, README);
 * counted from SOUND a sound cluster adds little when the fused check sums the signals on its box.
 */
const SOUND = 20;
const AT_THRESHOLD = 36;
const SCALE = 1.5 / (AT_THRESHOLD - SOUND);

/** A word's blocks count at most this many units either way: a word is told by all its blocks moving, not by one. */
const WORD_CAP = 2;
/**
 * A word's mean units over its blocks of print (less the page's median word's, `wordFinding`) times the
 * square root of their count (how far past chance all its blocks moved together), less what sound print reaches,
 * scaled so that WORD_AT_THRESHOLD reaches the compression check's threshold. Sound words reached 4.8
 * on the forgery corpus' 24 sound image-only PDF pages (a sentence's "information", 38 blocks) and 6.27
 * on the reading corpus' (a utility bill's "Registered", seed 97; session 13, README): the threshold
 * stands 15% above that. Counted from WORD_SOUND a sound word adds little to the fused check.
 */
const WORD_SOUND = 5;
const WORD_AT_THRESHOLD = 7.2;
const WORD_SCALE = 1.5 / (WORD_AT_THRESHOLD - WORD_SOUND);
/** A value a forger changes holds a digit. */
const DIGIT = /\d/;

/** A word OCR read, in the page's pixels. */
export interface MapWord {
  box: Box;
  word: string;
  /** Stroke width over glyph height, when measured: bold print moves less on one more save (`leastWordFinding`). */
  weight?: number;
  /** Height of its capitals and digits in pixels, when it has any: large print moves less on one more save too. */
  size?: number;
}

/** Every block of print's change on one more save against its like, read once per page for both findings. */
export interface Blocks {
  columns: number;
  /** Indices (row * columns + column) of the blocks of print. */
  print: number[];
  /** Robust units each block of print moved past its band's; 0 elsewhere. */
  units: Float64Array;
}

/**
 * The centre and spread of a band's changes; a band of fewer than MIN_BAND_BLOCKS borrows its
 * neighbours' blocks, nearest first, so a few blocks unlike the page's print (a retype's crisper
 * edges) are not held to themselves alone.
 */
function normOf(bands: Map<number, number[]>, b: number): { centre: number; spread: number } {
  let values = bands.get(b) ?? [];
  for (let reach = 1; values.length < MIN_BAND_BLOCKS && reach <= BANDS; reach++)
    values = [...values, ...(bands.get(b - reach) ?? []), ...(bands.get(b + reach) ?? [])];
  const centre = medianOf(values);
  return { centre, spread: Math.max(robustSpread(values, centre), SPREAD_FLOOR, stepAbove(centre)) };
}

/**
 * The log change of one grey level on one pixel more than a band's centre: changes come in whole grey
 * levels, so no band's spread is finer. A band of print at the table's fixed point (a clean page's large
 * bold print, black and white clipped) changes by nothing in most blocks and its spread is nil: held to
 * the floor alone, one pixel's rounding was 16 units, and a heading of such blocks a cluster past the
 * threshold on a sound certificate (2.9, session 17).
 */
function stepAbove(centre: number): number {
  const rms = Math.max(0, Math.exp(centre) - CHANGE_FLOOR);
  return Math.log(Math.sqrt(rms * rms + STEP) + CHANGE_FLOOR) - centre;
}

/** Each block of print's change on one more save, in robust units of the page's blocks of like edge energy. */
export function blockUnits(page: Grey, table: QuantTable): Blocks {
  const { data, width } = page;
  const columns = Math.floor(width / 8);
  const rows = Math.floor(page.height / 8);
  const change = blockChanges(page, table);
  const print: number[] = [];
  const band: number[] = [];
  const logs: number[] = [];
  for (let by = 0; by < rows; by++)
    for (let bx = 0; bx < columns; bx++) {
      const at = by * 8 * width + bx * 8;
      let lo = 255;
      let hi = 0;
      let sum = 0;
      let squares = 0;
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          const v = data[at + y * width + x]!;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
          sum += v;
          squares += v * v;
        }
      if (hi - lo < PRINT_RANGE) continue;
      const deviation = Math.sqrt(Math.max(0, squares / 64 - (sum / 64) ** 2));
      print.push(by * columns + bx);
      band.push(Math.floor(Math.log(deviation + 1) / ENERGY_BAND));
      logs.push(Math.log(Math.sqrt(change(bx, by) / 64) + CHANGE_FLOOR));
    }
  const bands = new Map<number, number[]>();
  band.forEach((b, i) => {
    const values = bands.get(b);
    if (values) values.push(logs[i]!);
    else bands.set(b, [logs[i]!]);
  });
  const norms = new Map([...bands.keys()].map((b) => [b, normOf(bands, b)]));
  const units = new Float64Array(columns * rows);
  print.forEach((i, k) => {
    const norm = norms.get(band[k]!)!;
    units[i] = (logs[k]! - norm.centre) / norm.spread;
  });
  return { columns, print, units };
}

/** Outlying blocks grouped into clusters (blocks within REACH of each other), each as its blocks' indices. */
function clusters({ columns, print, units }: Blocks): number[][] {
  const outlying = new Set(print.filter((i) => units[i]! >= OUTLIER));
  const found: number[][] = [];
  for (const start of outlying) {
    outlying.delete(start);
    const members = [start];
    for (let k = 0; k < members.length; k++) {
      const x = members[k]! % columns;
      const y = Math.floor(members[k]! / columns);
      for (let dy = -REACH; dy <= REACH; dy++)
        for (let dx = -REACH; dx <= REACH; dx++) {
          const j = (y + dy) * columns + x + dx;
          if (x + dx >= 0 && x + dx < columns && outlying.delete(j)) members.push(j);
        }
    }
    found.push(members);
  }
  return found;
}

/** A block's column and row from its index. */
const blockAt = (i: number, columns: number): [number, number] => [i % columns, Math.floor(i / columns)];

/** What one block of print adds to a cluster: its units from 1 at the outlier level, capped; nothing below it. */
const unitsCounted = (units: number) => (units >= OUTLIER ? Math.min(CAP, units) - OUTLIER + 1 : 0);

/** How many of the blocks of print lie in the box (of block indices, both ends included). */
function printIn(blocks: Blocks, [x0, y0, x1, y1]: Box): number {
  return blocks.print.filter((i) => {
    const [x, y] = blockAt(i, blocks.columns);
    return x >= x0 && x <= x1 && y >= y0 && y <= y1;
  }).length;
}

/**
 * The cluster of blocks that moved most on one more save, past what sound print's clusters reach; undefined when no block outlies.
 * A cluster counts its units less what the page's other blocks of print give as many blocks by chance (their mean
 * units counted, times the blocks of print its box holds): on a clean page at the table's fixed point a tenth of the
 * print's blocks move a grey level on many pixels past their band's nothing, and a line of dense print gathers a
 * cluster of them (a sound utility bill's date, 35 units, session 18); a retyped field's blocks nearly all move.
 */
export function clusterFinding(blocks: Blocks): PixelFinding | undefined {
  const pageUnits = blocks.print.reduce((total, i) => total + unitsCounted(blocks.units[i]!), 0);
  let worst: PixelFinding | undefined;
  let most = 0;
  for (const members of clusters(blocks)) {
    const xs = members.map((i) => blockAt(i, blocks.columns)[0]);
    const ys = members.map((i) => blockAt(i, blocks.columns)[1]);
    const at: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const summed = members.reduce((total, i) => total + unitsCounted(blocks.units[i]!), 0);
    const inBox = printIn(blocks, at);
    const chance = ((pageUnits - summed) / Math.max(1, blocks.print.length - members.length)) * inBox;
    const sum = summed - chance;
    if (sum <= most) continue;
    most = sum;
    worst = {
      signal: 'compression',
      box: [at[0] * 8, at[1] * 8, at[2] * 8 + 8, at[3] * 8 + 8],
      word: '',
      measure: 'blocks_changed_most_by_one_more_save',
      value: Math.max(0, sum - SOUND) * SCALE,
      detail: { units_summed: summed, by_chance: chance, blocks: members.length, print_in_box: inBox, print_blocks: blocks.print.length },
    };
  }
  return worst;
}

/** A word's blocks of print: their units (each capped at WORD_CAP either way) summed, and how many. */
function wordUnits(blocks: Blocks, printed: Set<number>, box: Box): { sum: number; n: number } {
  const { columns, units } = blocks;
  const rows = units.length / columns;
  let sum = 0;
  let n = 0;
  for (let by = Math.floor(box[1] / 8); by <= Math.min(rows - 1, Math.floor((box[3] - 1) / 8)); by++)
    for (let bx = Math.floor(box[0] / 8); bx <= Math.min(columns - 1, Math.floor((box[2] - 1) / 8)); bx++) {
      const i = by * columns + bx;
      if (!printed.has(i)) continue;
      sum += Math.max(-WORD_CAP, Math.min(WORD_CAP, units[i]!));
      n++;
    }
  return { sum, n };
}

/** A field is read as at most this many words: a date ("12 March 2024"). */
const MAX_RUN = 3;
/** Words whose gap is at most this share of their height are one run of print on a line: a word space is a third of it or less. */
const RUN_GAP = 1;

/** Whether `b` follows `a` on its line: their heights overlap by half the smaller, and b starts after a within a word space or so. */
function follows(a: Box, b: Box): boolean {
  const height = Math.max(a[3] - a[1], b[3] - b[1]);
  const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const gap = b[0] - a[2];
  return overlap >= 0.5 * Math.min(a[3] - a[1], b[3] - b[1]) && gap >= -0.1 * height && gap <= RUN_GAP * height;
}

/** The larger of two words' weights or sizes; unknown if either is: a run's print is as heavy and as large as its heaviest and largest word. */
const larger = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : Math.max(a, b));

/**
 * Runs of two to MAX_RUN words that follow one another on a line, each as one word over their joint
 * box: OCR reads a date or a postcode as several words, and a field pasted whole moves in all of them,
 * each too few blocks to tell from chance on its own (a pasted date's three words reached 6.3 units,
 * its run 8.8, session 21). Only runs holding a digit: the values a forger changes hold digits, and
 * body text's runs are sound print's largest (a sound page's "communicated in electronic", 6.4 units).
 */
function wordRuns(words: readonly MapWord[]): MapWord[] {
  // The index of the word each follows nearest, -1 for none.
  const next = words.map((a) =>
    words.reduce(
      (nearest, b, j) => (b !== a && follows(a.box, b.box) && (nearest < 0 || b.box[0] < words[nearest]!.box[0]) ? j : nearest),
      -1,
    ),
  );
  const runs: MapWord[] = [];
  words.forEach((first, i) => {
    let run = first;
    for (let k = next[i]!, length = 1; length < MAX_RUN && k >= 0; k = next[k]!, length++) {
      const b = words[k]!;
      run = {
        box: [run.box[0], Math.min(run.box[1], b.box[1]), b.box[2], Math.max(run.box[3], b.box[3])],
        word: `${run.word} ${b.word}`,
        weight: larger(run.weight, b.weight),
        size: larger(run.size, b.size),
      };
      if (DIGIT.test(run.word)) runs.push(run);
    }
  });
  return runs;
}

/**
 * Each word's blocks of print moved together past the page's words: the word's mean units (capped)
 * less the median word's when that is past its band, times the square root of their count. The
 * page's words are the fair comparison when they all moved more than its blocks of print at large
 * (rules, a logo and a seal among them): on a sound certificate every word's blocks sat half a unit
 * past their band, which the root of a large number's 132 blocks made 5 units on its own (session 16).
 * Words that moved less than their band are held to the band as before: held to the median word
 * there, a sound word of 25 blocks reached the threshold. Runs of words on a line (`wordRuns`) are
 * judged alike, held to the same median single word.
 */
export function wordFinding(blocks: Blocks, words: readonly MapWord[]): PixelFinding | undefined {
  const printed = new Set(blocks.print);
  const read = words.map((w) => ({ ...w, ...wordUnits(blocks, printed, w.box) })).filter((w) => w.n > 0);
  const centre = Math.max(0, medianOf(read.map((w) => w.sum / w.n)));
  const runs = wordRuns(words)
    .map((w) => ({ ...w, ...wordUnits(blocks, printed, w.box) }))
    .filter((w) => w.n > 0);
  let worst: PixelFinding | undefined;
  let most = -Infinity;
  for (const { box, word, sum, n } of [...read, ...runs]) {
    const together = (sum / n - centre) * Math.sqrt(n);
    if (together <= most) continue;
    most = together;
    worst = {
      signal: 'compression',
      box,
      word,
      measure: 'word_changed_most_by_one_more_save',
      value: Math.max(0, together - WORD_SOUND) * WORD_SCALE,
      detail: { units_together: together, blocks: n, words_units: centre },
    };
  }
  return worst;
}

/** Words at most this log ratio lighter than a word, or heavier, are the print it is held to on the side of moving less. */
const HEAVIER_BAND = 0.15;
/** Words at most this log ratio smaller than a word, or larger, likewise: print at its size (`SIZE_BAND` in analyse.ts). */
const LARGER_BAND = 0.15;
/** Fewer such words than this and a word is not judged on that side. */
const MIN_HEAVIER = 5;
/**
 * How far a word's blocks moved less than print as heavy and as large as it (`leastWordFinding`: the median
 * such word's mean units less its own, times the square root of its count) at the compression check's
 * threshold, 15% above the most a sound word or run reached on the sound image-only PDFs of both corpora
 * (5.79, a capitals address line "MANCHESTER M15" of the reading corpus, seed 23; 5.19 on the forgery
 * corpus' 144; session 24, README); counted from that, a sound word adds nothing to the fused check.
 */
const LEAST_SOUND = 5.8;
const LEAST_AT_THRESHOLD = 6.7;
const LEAST_SCALE = 1.5 / (LEAST_AT_THRESHOLD - LEAST_SOUND);

/** A word whose stroke weight and size were measured. */
type Weighed = MapWord & { weight: number; size: number };
const weighed = (w: MapWord): w is Weighed => w.weight !== undefined && w.weight > 0 && w.size !== undefined && w.size > 0;

/** Whether a word's centre lies in a box: a word of the run judged is not its own peer. */
const centreWithin = (inner: Box, outer: Box) => {
  const x = (inner[0] + inner[2]) / 2;
  const y = (inner[1] + inner[3]) / 2;
  return x >= outer[0] && x <= outer[2] && y >= outer[1] && y <= outer[3];
};

/** Whether a word is print that moves no more than `word`'s kind on one more save: as heavy or heavier, as large or larger. */
const heldTo = (peer: Weighed, word: Weighed) =>
  Math.log(peer.weight / word.weight) >= -HEAVIER_BAND && Math.log(peer.size / word.size) >= -LARGER_BAND;

/**
 * The word or run holding a digit whose blocks moved LESS on one more save than the page's words as heavy
 * and as large as it or more: a region pasted from a page saved at a coarser quality carries less fine
 * detail than the page's print of like edges, and the page's table changes it less. Held to heavier and
 * larger print only: bold print's black cores clip and sit at the table's fixed point, so a sound bold
 * amount moves less than the page's body text (a sound "due 4600.20 GBP" 7.4 units under the median word)
 * but as its bold fellows do; large print's strokes fill whole blocks alike, so a sound logo's lettering
 * moved 14 units less than body print of its weight (a utility bill's "Clyde Water", session 24).
 */
export function leastWordFinding(blocks: Blocks, words: readonly MapWord[]): PixelFinding | undefined {
  const printed = new Set(blocks.print);
  const measured = words.filter(weighed);
  const read = measured.map((w) => ({ ...w, ...wordUnits(blocks, printed, w.box) })).filter((w) => w.n > 0);
  const candidates = [...measured.filter((w) => DIGIT.test(w.word)), ...wordRuns(measured).filter(weighed)]
    .map((w) => ({ ...w, ...wordUnits(blocks, printed, w.box) }))
    .filter((w) => w.n > 0);
  let worst: PixelFinding | undefined;
  let most = -Infinity;
  for (const candidate of candidates) {
    const { box, word, sum, n } = candidate;
    const peers = read.filter((p) => !centreWithin(p.box, box) && heldTo(p, candidate));
    if (peers.length < MIN_HEAVIER) continue;
    const less = (medianOf(peers.map((p) => p.sum / p.n)) - sum / n) * Math.sqrt(n);
    if (less <= most) continue;
    most = less;
    worst = {
      signal: 'compression',
      box,
      word,
      measure: 'word_changed_least_by_one_more_save',
      value: Math.max(0, less - LEAST_SOUND) * LEAST_SCALE,
      detail: { units_less: less, blocks: n, heavier_words: peers.length },
    };
  }
  return worst;
}

/**
 * What one more save over every block of print shows: the cluster of blocks and the word OCR read
 * whose blocks moved most past their like, or least against print as heavy, whichever is further past sound print.
 */
export function resaveMapFinding(page: Grey, table: QuantTable, words: readonly MapWord[] = []): PixelFinding | undefined {
  const blocks = blockUnits(page, table);
  return stronger(stronger(clusterFinding(blocks), wordFinding(blocks, words)), leastWordFinding(blocks, words));
}
