import type { GreyImage } from './deskew';

// Comparisons rather than Math.min/max: this runs a dozen times for every pixel of a page.
const min = (a: number, b: number) => (a < b ? a : b);
const max = (a: number, b: number) => (a > b ? a : b);
const median3 = (a: number, b: number, c: number) => max(min(a, b), min(max(a, b), c));

/**
 * The 3x3 median of a grey page, edges repeated, as sharp's `median(3)` gives it. libvips ranks
 * all nine pixels for every output pixel, a third of a page's clean-up; here each column of three is
 * sorted once and shared by the three windows it falls in, and a window's median is the median of
 * its columns' largest low, middle median and smallest high (exact for nine values).
 */
export function median3x3(page: GreyImage): GreyImage {
  const { data, width, height } = page;
  const out = new Uint8Array(data.length);
  const low = new Uint8Array(width);
  const mid = new Uint8Array(width);
  const high = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const above = Math.max(0, y - 1) * width;
    const row = y * width;
    const below = Math.min(height - 1, y + 1) * width;
    for (let x = 0; x < width; x++) {
      // Scalars only: an array per pixel would make this the garbage collector's work.
      const a = data[above + x]!;
      const b = data[row + x]!;
      const c = data[below + x]!;
      low[x] = min(min(a, b), c);
      high[x] = max(max(a, b), c);
      mid[x] = median3(a, b, c);
    }
    for (let x = 0; x < width; x++) {
      const l = x > 0 ? x - 1 : 0;
      const r = x < width - 1 ? x + 1 : x;
      const maxLow = max(max(low[l]!, low[x]!), low[r]!);
      const midMid = median3(mid[l]!, mid[x]!, mid[r]!);
      const minHigh = min(min(high[l]!, high[x]!), high[r]!);
      out[row + x] = median3(maxLow, midMid, minHigh);
    }
  }
  return { data: out, width, height };
}
