import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { DCT_BASIS, rowTerm } from './dct';

/**
 * A page's JPEG history read from its 8x8 block DCT coefficients. A page saved twice with different
 * quantisation leaves each frequency's coefficient histogram periodic (values the second quantiser
 * can never produce from the first's, or produces from more of them); a region edited between the
 * saves went through the second quantiser only, so its coefficients fall where the page's do not.
 * Each block scores the log-likelihood of its coefficients under the page's smoothed histogram over
 * the page's own (the aligned double-quantisation test of Lin et al. and Bianchi and Piva): about
 * zero or below on every block of a page saved once or twice alike, above zero where a block's
 * history differs.
 */
export interface BlockHistory {
  /** Top-left pixel of block (0, 0): the page's JPEG grid. */
  originX: number;
  originY: number;
  columns: number;
  rows: number;
  /** Per block, row-major: the log-likelihood ratio summed over its non-zero coefficients read. */
  score: Float32Array;
  /** Per block: how many of the coefficients read were non-zero (a zero says nothing of a history). */
  count: Uint8Array;
}

/** Frequencies (u, v) with u + v <= 3, DC included: the ones most blocks carry and quantise finely. */
const FREQUENCIES: [number, number][] = [];
for (let s = 0; s <= 3; s++) for (let u = 0; u <= s; u++) FREQUENCIES.push([u, s - u]);

/** Coefficients beyond this (in units of one grey level's DCT) are too rare to have a histogram. */
const RANGE = 1024;
/** Half-width (grey levels) of the smoothing that stands for a once-saved histogram: wider than the gaps a finer second save leaves. */
const SMOOTH = 4;
/** Counts added to every bin, so an empty bin costs a bounded surprise. */
const PRIOR = 0.5;

const MAX_U = Math.max(...FREQUENCIES.map((f) => f[0]));
/** Row-pass results a block row keeps: frequencies u = 0..MAX_U. */
const ROW_TERMS = MAX_U + 1;

/** The basis of the row pass (u = 0..MAX_U), flat: frequency u's weights at u * 8. */
const ROW_BASIS = Float64Array.from({ length: ROW_TERMS * 8 }, (_, i) => DCT_BASIS[i >> 3]![i & 7]!);
/** Per chosen frequency k, its weights down the column (its v's) at k * 8. */
const COLUMN_BASIS = Float64Array.from({ length: FREQUENCIES.length * 8 }, (_, i) => DCT_BASIS[FREQUENCIES[i >> 3]![1]]![i & 7]!);

/**
 * The chosen coefficients of each block, as JPEG scales them (DC level-shifted by 128), rounded to whole
 * grey levels as the histograms read them: each held as a 32-bit float first, as they always were. A
 * block row's eight pixels sit in locals and the weights in flat typed arrays (25% less CPU than reading
 * both out of arrays of arrays). Each row's four row-pass terms go straight into the ten coefficients'
 * sums, row after row, so no block keeps a table of row-pass terms to read back (a further third less
 * CPU); every sum still adds its terms in the order it always did, so the values are the same. The sums
 * s0..s9 are FREQUENCIES' (u, v) in its order, (0,0); (0,1) (1,0); (0,2) (1,1) (2,0); (0,3) (1,2) (2,1)
 * (3,0), each reading the row-pass term t<u>.
 */
function coefficients(page: Grey, originX: number, originY: number, columns: number, rows: number): Int16Array {
  const out = new Int16Array(columns * rows * FREQUENCIES.length);
  const { data, width } = page;
  const C = COLUMN_BASIS;
  // Read once: under tsx an imported function is fetched through the module's getter at every call.
  const term = rowTerm;
  for (let by = 0; by < rows; by++)
    for (let bx = 0; bx < columns; bx++) {
      const x0 = originX + bx * 8;
      const y0 = originY + by * 8;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0,
        s8 = 0,
        s9 = 0;
      for (let y = 0; y < 8; y++) {
        const at = (y0 + y) * width + x0;
        const p0 = data[at]! - 128;
        const p1 = data[at + 1]! - 128;
        const p2 = data[at + 2]! - 128;
        const p3 = data[at + 3]! - 128;
        const p4 = data[at + 4]! - 128;
        const p5 = data[at + 5]! - 128;
        const p6 = data[at + 6]! - 128;
        const p7 = data[at + 7]! - 128;
        const t0 = term(ROW_BASIS, 0, p0, p1, p2, p3, p4, p5, p6, p7);
        const t1 = term(ROW_BASIS, 8, p0, p1, p2, p3, p4, p5, p6, p7);
        const t2 = term(ROW_BASIS, 16, p0, p1, p2, p3, p4, p5, p6, p7);
        const t3 = term(ROW_BASIS, 24, p0, p1, p2, p3, p4, p5, p6, p7);
        s0 += t0 * C[y]!;
        s1 += t0 * C[8 + y]!;
        s2 += t1 * C[16 + y]!;
        s3 += t0 * C[24 + y]!;
        s4 += t1 * C[32 + y]!;
        s5 += t2 * C[40 + y]!;
        s6 += t0 * C[48 + y]!;
        s7 += t1 * C[56 + y]!;
        s8 += t2 * C[64 + y]!;
        s9 += t3 * C[72 + y]!;
      }
      const o = (by * columns + bx) * FREQUENCIES.length;
      out[o] = Math.round(Math.fround(s0));
      out[o + 1] = Math.round(Math.fround(s1));
      out[o + 2] = Math.round(Math.fround(s2));
      out[o + 3] = Math.round(Math.fround(s3));
      out[o + 4] = Math.round(Math.fround(s4));
      out[o + 5] = Math.round(Math.fround(s5));
      out[o + 6] = Math.round(Math.fround(s6));
      out[o + 7] = Math.round(Math.fround(s7));
      out[o + 8] = Math.round(Math.fround(s8));
      out[o + 9] = Math.round(Math.fround(s9));
    }
  return out;
}

/** Per frequency, log(smoothed / own) of each quantised value's share: how unlike the page's history a value is. */
function surprise(levels: Int16Array, blocks: number): Float32Array[] {
  const bins = 2 * RANGE + 1;
  // Every frequency's histogram counted in one pass over the blocks, frequency k's at k * bins.
  const histograms = new Float64Array(FREQUENCIES.length * bins);
  for (let b = 0; b < blocks; b++)
    for (let k = 0, at = b * FREQUENCIES.length; k < FREQUENCIES.length; k++, at++) {
      const v = levels[at]!;
      if (v >= -RANGE && v <= RANGE) histograms[k * bins + v + RANGE]! += 1;
    }
  return FREQUENCIES.map((_, k) => {
    const counts = histograms.subarray(k * bins, (k + 1) * bins);
    const out = new Float32Array(bins);
    for (let i = 0; i < bins; i++) {
      let sum = 0;
      let n = 0;
      for (let j = Math.max(0, i - SMOOTH); j <= Math.min(bins - 1, i + SMOOTH); j++, n++) sum += counts[j]!;
      out[i] = Math.log((sum / n + PRIOR) / (counts[i]! + PRIOR));
    }
    return out;
  });
}

/** Block scores against the page's histograms of its coefficients rounded to grey levels. */
function scored(levels: Int16Array, blocks: number): { score: Float32Array; count: Uint8Array } {
  const tables = surprise(levels, blocks);
  const score = new Float32Array(blocks);
  const count = new Uint8Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let k = 0; k < FREQUENCIES.length; k++) {
      const v = levels[b * FREQUENCIES.length + k]!;
      if (v === 0 || v < -RANGE || v > RANGE) continue;
      sum += tables[k]![v + RANGE]!;
      count[b] += 1;
    }
    score[b] = sum;
  }
  return { score, count };
}

/**
 * Every full block of the page on the grid starting at (originX, originY), scored against the page's
 * own coefficient histograms.
 */
export function blockHistory(page: Grey, originX: number, originY: number): BlockHistory {
  const columns = Math.floor((page.width - originX) / 8);
  const rows = Math.floor((page.height - originY) / 8);
  const blocks = columns * rows;
  return { originX, originY, columns, rows, ...scored(coefficients(page, originX, originY, columns, rows), blocks) };
}

/** The mean score per non-zero coefficient over the blocks a box covers (any overlap), and how many there are. */
export function regionHistory(h: BlockHistory, box: Box): { mean: number; coefficients: number } {
  const c0 = Math.max(0, Math.floor((box[0] - h.originX) / 8));
  const r0 = Math.max(0, Math.floor((box[1] - h.originY) / 8));
  const c1 = Math.min(h.columns, Math.ceil((box[2] - h.originX) / 8));
  const r1 = Math.min(h.rows, Math.ceil((box[3] - h.originY) / 8));
  let sum = 0;
  let n = 0;
  for (let r = r0; r < r1; r++)
    for (let c = c0; c < c1; c++) {
      sum += h.score[r * h.columns + c]!;
      n += h.count[r * h.columns + c]!;
    }
  return { mean: n ? sum / n : 0, coefficients: n };
}
