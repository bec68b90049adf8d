import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { medianOf, robustSpread } from './robust';
import type { PixelFinding } from './types';
import { DCT_FLAT, rowTerm } from './dct';

/**
 * How much a region changes when the page is saved once more as a JPEG with the very table it was
 * last saved with. Each save at one table brings a block nearer the table's fixed point (the
 * quantisation's rounding and the clipping of ringing at black and white settle), so print drawn
 * onto a page that was saved already, and then saved with it once, moves more on one more save
 * than print that went through both saves (the recompression test of Huang et al.). Only exact when
 * the pixels are the JPEG's own decode on its own grid, and the table is the one it was saved with.
 */

/** A JPEG's luma quantisation table, in natural (row-major) order: 64 steps. */
export type QuantTable = ArrayLike<number>;

/** A module constant, not the import: the block loops read it at every step, and an import is a getter under tsx. */
const B = DCT_FLAT;

/**
 * The squared change of each pixel of block (bx, by) when it is transformed, quantised with `steps`,
 * dequantised and transformed back to whole grey levels within 0..255, as a JPEG encoder and decoder
 * would; summed over the block. `work` holds two 64-value scratch blocks and `kept` 80 indices.
 * Most of a block's coefficients quantise to zero, and a zero term leaves a sum as it was (the sums
 * start at +0 and never become -0), so the way back adds only the terms of coefficients kept and of
 * columns holding one: the same values in the same order, at a fraction of the work.
 */
function blockChange(page: Grey, bx: number, by: number, steps: Float64Array, work: Float64Array, kept: Int32Array): number {
  const { data, width } = page;
  const at = by * 8 * width + bx * 8;
  // Read once: under tsx an imported function is fetched through the module's getter at every call.
  const term = rowTerm;
  // Rows first: work[y * 8 + u] = sum over x of f(x, y) B[u][x].
  for (let y = 0; y < 8; y++) {
    const row = at + y * width;
    const p0 = data[row]! - 128;
    const p1 = data[row + 1]! - 128;
    const p2 = data[row + 2]! - 128;
    const p3 = data[row + 3]! - 128;
    const p4 = data[row + 4]! - 128;
    const p5 = data[row + 5]! - 128;
    const p6 = data[row + 6]! - 128;
    const p7 = data[row + 7]! - 128;
    for (let u = 0; u < 8; u++) work[y * 8 + u] = term(B, u * 8, p0, p1, p2, p3, p4, p5, p6, p7);
  }
  // Then columns, quantised: work[64 + v * 8 + u]; kept[u * 8 ..] lists column u's non-zero v's, kept[64 + u] how many.
  let columns = 0;
  for (let u = 0; u < 8; u++) {
    let n = 0;
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += work[y * 8 + u]! * B[v * 8 + y]!;
      const q = steps[v * 8 + u]!;
      const level = Math.round(sum / q) * q;
      work[64 + v * 8 + u] = level;
      if (level !== 0) kept[u * 8 + n++] = v;
    }
    kept[64 + u] = n;
    if (n > 0) kept[64 + 8 + columns++] = u;
  }
  // Back: columns into work[0..63] as [y * 8 + u] (only the columns holding a coefficient), then rows to pixels.
  for (let c = 0; c < columns; c++) {
    const u = kept[72 + c]!;
    const n = kept[64 + u]!;
    for (let y = 0; y < 8; y++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const v = kept[u * 8 + k]!;
        sum += work[64 + v * 8 + u]! * B[v * 8 + y]!;
      }
      work[y * 8 + u] = sum;
    }
  }
  let change = 0;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let c = 0; c < columns; c++) {
        const u = kept[72 + c]!;
        sum += work[y * 8 + u]! * B[u * 8 + x]!;
      }
      const back = Math.min(255, Math.max(0, Math.round(sum + 128)));
      const d = back - data[at + y * width + x]!;
      change += d * d;
    }
  return change;
}

/** A page's blocks' changes on one more save with one table, each computed when first asked for. */
interface SavedOnce {
  table: QuantTable;
  steps: Float64Array;
  work: Float64Array;
  kept: Int32Array;
  columns: number;
  /** Per block (row * columns + column): its squared change (`blockChange`), or -1 while not yet computed. */
  change: Float64Array;
}

/**
 * Kept with the page: the field measure here and the block map (`resave-map.ts`) save the same blocks
 * of print once more, and each did so on its own (a fifth of that work done twice, session 17).
 */
const savedOnce = new WeakMap<Grey, SavedOnce>();

/**
 * The squared change of block (bx, by) of `page` on one more save with `table` (`blockChange`), each
 * block computed once per page and table however many measures and boxes read it.
 */
export function blockChanges(page: Grey, table: QuantTable): (bx: number, by: number) => number {
  let saved = savedOnce.get(page);
  if (saved?.table !== table) {
    const columns = Math.floor(page.width / 8);
    saved = {
      table,
      steps: Float64Array.from({ length: 64 }, (_, i) => Math.max(1, table[i] ?? 1)),
      work: new Float64Array(128),
      kept: new Int32Array(80),
      columns,
      change: new Float64Array(columns * Math.floor(page.height / 8)).fill(-1),
    };
    savedOnce.set(page, saved);
  }
  const { steps, work, kept, columns, change } = saved;
  return (bx, by) => {
    const i = by * columns + bx;
    if (change[i]! < 0) change[i] = blockChange(page, bx, by, steps, work, kept);
    return change[i]!;
  };
}

/**
 * For each box, the root mean square change (grey levels) of the whole 8x8 blocks it touches when the
 * page is saved once more with `table`, and how many blocks that was.
 */
export function resaveChange(page: Grey, table: QuantTable, boxes: Box[]): { change: number; blocks: number }[] {
  const columns = Math.floor(page.width / 8);
  const rows = Math.floor(page.height / 8);
  const change = blockChanges(page, table);
  return boxes.map(([x0, y0, x1, y1]) => {
    let sum = 0;
    let blocks = 0;
    for (let by = Math.floor(y0 / 8); by <= Math.min(rows - 1, Math.floor((y1 - 1) / 8)); by++)
      for (let bx = Math.floor(x0 / 8); bx <= Math.min(columns - 1, Math.floor((x1 - 1) / 8)); bx++) {
        sum += change(bx, by);
        blocks++;
      }
    return { change: blocks ? Math.sqrt(sum / (blocks * 64)) : 0, blocks };
  });
}

/** A word as the resave measure compares it: where it is, its size and stroke weight, and whether it is judged. */
export interface ResaveWord {
  box: Box;
  word: string;
  /** Height of its capitals and digits; undefined when it has none. */
  size?: number;
  /** Stroke width over glyph height: bold print is heavier. */
  weight: number;
  matters: boolean;
  /** Reads like a field (two digits or more): digits hold more edges to a block than letters, and ring more. */
  field: boolean;
}

/** Capitals within this log ratio of a word's are printed at its size. */
const SIZE_BAND = 0.15;
/** Strokes within this log ratio of a word's (over glyph height) are of its weight: bold print rings more under a JPEG. */
const WEIGHT_BAND = 0.25;
/**
 * Fewer other fields of a field's size and weight than this and it has no print to be compared with: it is not judged.
 * As few as these are measured in their own spread too, where it is wider than the page's: a utility bill's footer
 * held four small numbers moving 0.11-0.40 grey levels, and against the page's narrower spread its sound account
 * number, 0.42, reached 1.89 (session 22).
 */
const MIN_PEERS = 4;
/** Grey levels added before the log: a block of clean paper changes by nothing, whose log would be unbounded. */
const CHANGE_FLOOR = 0.1;
/** The least spread (log units) a field's change is measured in: on every image-only PDF page of the corpus its print varied more (0.073 the least). */
const SPREAD_FLOOR = 0.07;
/**
 * The measure in the compression check's units: robust units past one spread (a field within one
 * spread of its comparable print is as the page, and adds nothing when the fused check sums the
 * signals on its box), scaled so that AT_THRESHOLD robust units reach the check's threshold (1.5).
 * On the image-only PDF pages of the forgery corpus sound fields reached 2.32, but on the reading
 * corpus' seed 97 a utility bill's sound "432" reached 3.05: set 15% above that, every forgery the
 * measure caught at 2.9 is still caught (session 11, README).
 */
const AT_THRESHOLD = 3.5;
const SCALE = 1.5 / (AT_THRESHOLD - 1);

interface Read {
  w: ResaveWord;
  /** Log of the change, grey levels. */
  log: number;
  blocks: number;
}

/** The other fields of a field's size and stroke weight. */
function peersOf(r: Read, read: Read[], size: number): number[] {
  return read
    .filter(
      (o) =>
        o !== r &&
        o.blocks > 0 &&
        o.w.field &&
        o.w.size !== undefined &&
        o.w.weight > 0 &&
        Math.abs(Math.log(o.w.size / size)) <= SIZE_BAND &&
        Math.abs(Math.log(o.w.weight / r.w.weight)) <= WEIGHT_BAND,
    )
    .map((o) => o.log);
}

/**
 * The field that changes most on one more save, in robust units: the log of its change less that of
 * the page's other fields of its size and stroke weight (median), over the larger of their spread and
 * the page's (MAD). Fields against fields: digits hold more edges to a block than letters and move
 * more (a sound certificate's "2010" among the words of its row reached 3.5 units against print of
 * its size), and a bold value against bold print, which rings and clips more than body text. A field
 * averaged over fewer blocks than the page's typical field is given room by the square root of how
 * many fewer.
 */
export function resaveFinding(page: Grey, table: QuantTable, words: ResaveWord[]): PixelFinding | undefined {
  const changes = resaveChange(
    page,
    table,
    words.map((w) => w.box),
  );
  const read: Read[] = words.map((w, i) => ({ w, log: Math.log(changes[i]!.change + CHANGE_FLOOR), blocks: changes[i]!.blocks }));
  const judged = read.filter((r) => r.w.matters && r.blocks > 0 && r.w.size !== undefined && r.w.weight > 0);
  if (judged.length === 0) return undefined;
  const logs = read.filter((r) => r.blocks > 0).map((r) => r.log);
  const pageSpread = robustSpread(logs, medianOf(logs));
  const typicalBlocks = medianOf(judged.map((r) => r.blocks));
  let worst: PixelFinding | undefined;
  for (const r of judged) {
    const peers = peersOf(r, read, r.w.size!);
    if (peers.length < MIN_PEERS) continue;
    const centre = medianOf(peers);
    const spread = Math.max(robustSpread(peers, centre), pageSpread, SPREAD_FLOOR);
    const units = (r.log - centre) / spread / Math.sqrt(Math.max(1, typicalBlocks / r.blocks));
    const value = Math.max(0, units - 1) * SCALE;
    if (!worst || value > worst.value)
      worst = {
        signal: 'compression',
        box: r.w.box,
        word: r.w.word,
        measure: 'changed_most_by_one_more_save',
        value,
        detail: {
          change: Math.exp(r.log) - CHANGE_FLOOR,
          peers_change: Math.exp(centre) - CHANGE_FLOOR,
          spread,
          robust_units: units,
          peers: peers.length,
          blocks: r.blocks,
          typical_blocks: typicalBlocks,
        },
      };
  }
  return worst;
}
