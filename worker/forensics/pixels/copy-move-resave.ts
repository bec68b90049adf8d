import type { Box } from '../../ocr/port';
import { DCT_FLAT } from './dct';
import type { Grey } from './grey';
import type { QuantTable } from './resave';

/**
 * A glyph copied within a JPEG page and saved with it lands on another phase of the 8x8 block grid
 * than its source, so the save requantises it differently: the copy then differs from its source by
 * about as much as two prints of one glyph do. That difference is foretold, though: the source's
 * pixels laid where the copy lies and saved with the page's own table come out as the copy, pixel for
 * pixel, while another print of the glyph keeps its own grain and shape through any save.
 */

/** Paper round the source carried along with it (a clone is cut with the paper round its glyph). */
const CARRIED = 2;

/** The basis as a module constant (an import is a getter under tsx, read at every step here), and its transpose, [x * 8 + u]. */
const B = DCT_FLAT;
const BT = Float64Array.from({ length: 64 }, (_, i) => B[(i & 7) * 8 + (i >> 3)]!);

/** One pass of the separable transform, along each row of `from`, written transposed: to[k * 8 + i] = sum over j of from[i * 8 + j] weights[k * 8 + j]. */
function pass(from: Float64Array, to: Float64Array, weights: Float64Array): void {
  for (let i = 0; i < 8; i++)
    for (let k = 0; k < 8; k++) {
      let sum = 0;
      for (let j = 0; j < 8; j++) sum += from[i * 8 + j]! * weights[k * 8 + j]!;
      to[k * 8 + i] = sum;
    }
}

/** An 8x8 block (row-major, level-shifted) transformed, quantised with `steps`, and transformed back, in place. */
function saveBlock(block: Float64Array, steps: ArrayLike<number>, work: Float64Array): void {
  pass(block, work, B);
  pass(work, block, B);
  for (let i = 0; i < 64; i++) block[i] = Math.round(block[i]! / steps[i]!) * steps[i]!;
  pass(block, work, BT);
  pass(work, block, BT);
}

/**
 * Mean absolute difference (grey levels, less the mean offset) between the page at `to` and the
 * page's pixels at `from` (a box of the same size) laid over `to`, with CARRIED pixels of paper
 * round them, and saved with `table` on the page's block grid (origin at 0, 0): small when `to` is a
 * copy of `from` saved with the page. Infinity where the blocks reach off the page.
 */
export function savedCopyDifference(page: Grey, table: QuantTable, from: Box, to: Box): number {
  const { data, width, height } = page;
  const ox = from[0] - to[0];
  const oy = from[1] - to[1];
  const x0 = to[0] - CARRIED;
  const y0 = to[1] - CARRIED;
  const x1 = to[2] + CARRIED;
  const y1 = to[3] + CARRIED;
  const bx0 = Math.floor(x0 / 8);
  const by0 = Math.floor(y0 / 8);
  const bx1 = Math.ceil(x1 / 8);
  const by1 = Math.ceil(y1 / 8);
  if (bx0 < 0 || by0 < 0 || bx1 * 8 > width || by1 * 8 > height) return Infinity;
  if (x0 + ox < 0 || y0 + oy < 0 || x1 + ox > width || y1 + oy > height) return Infinity;
  const steps = Float64Array.from({ length: 64 }, (_, i) => Math.max(1, table[i] ?? 1));
  const block = new Float64Array(64);
  const work = new Float64Array(64);
  let offset = 0;
  let sum = 0;
  const saved = new Float64Array((to[2] - to[0]) * (to[3] - to[1]));
  const w = to[2] - to[0];
  for (let by = by0; by < by1; by++)
    for (let bx = bx0; bx < bx1; bx++) {
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          const px = bx * 8 + x;
          const py = by * 8 + y;
          const carried = px >= x0 && px < x1 && py >= y0 && py < y1;
          block[y * 8 + x] = data[(carried ? py + oy : py) * width + (carried ? px + ox : px)]! - 128;
        }
      saveBlock(block, steps, work);
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          const px = bx * 8 + x;
          const py = by * 8 + y;
          if (px < to[0] || px >= to[2] || py < to[1] || py >= to[3]) continue;
          const value = Math.min(255, Math.max(0, Math.round(block[y * 8 + x]! + 128)));
          saved[(py - to[1]) * w + px - to[0]] = data[py * width + px]! - value;
        }
    }
  for (const d of saved) offset += d;
  offset /= saved.length;
  for (const d of saved) sum += Math.abs(d - offset);
  return sum / saved.length;
}
