import type { GreyImage } from './deskew';

/**
 * The 3x3 median of a grey page, edges repeated, as sharp's `median(3)` gives it. libvips ranks
 * all nine pixels for every output pixel, a third of a page's clean-up; here each column of three is
 * sorted once and shared by the three windows it falls in, and a window's median is the median of
 * its columns' largest low, middle median and smallest high (exact for nine values). Comparisons and
 * plain locals throughout (no helper calls, no destructuring): this runs for every pixel of a page, and a window's three
 * columns roll along a row in locals rather than being read back nine times.
 */
export function median3x3(page: GreyImage): GreyImage {
  const { data, width, height } = page;
  const out = new Uint8Array(data.length);
  const low = new Uint8Array(width);
  const mid = new Uint8Array(width);
  const high = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const above = (y > 0 ? y - 1 : 0) * width;
    const row = y * width;
    const below = (y < height - 1 ? y + 1 : y) * width;
    for (let x = 0; x < width; x++) {
      const a = data[above + x]!;
      const b = data[row + x]!;
      const c = data[below + x]!;
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      low[x] = lo < c ? lo : c;
      high[x] = hi > c ? hi : c;
      mid[x] = hi < c ? hi : lo > c ? lo : c;
    }
    // The window's left and centre columns; the right one is read as the window moves on.
    let leftLow = low[0]!;
    let leftMid = mid[0]!;
    let leftHigh = high[0]!;
    let centreLow = leftLow;
    let centreMid = leftMid;
    let centreHigh = leftHigh;
    for (let x = 0; x < width; x++) {
      const r = x < width - 1 ? x + 1 : x;
      const rightLow = low[r]!;
      const rightMid = mid[r]!;
      const rightHigh = high[r]!;
      let maxLow = leftLow > centreLow ? leftLow : centreLow;
      if (rightLow > maxLow) maxLow = rightLow;
      let minHigh = leftHigh < centreHigh ? leftHigh : centreHigh;
      if (rightHigh < minHigh) minHigh = rightHigh;
      const midLo = leftMid < centreMid ? leftMid : centreMid;
      const midHi = leftMid < centreMid ? centreMid : leftMid;
      const midMid = midHi < rightMid ? midHi : midLo > rightMid ? midLo : rightMid;
      const lo = maxLow < minHigh ? maxLow : minHigh;
      const hi = maxLow < minHigh ? minHigh : maxLow;
      out[row + x] = hi < midMid ? hi : lo > midMid ? lo : midMid;
      leftLow = centreLow;
      leftMid = centreMid;
      leftHigh = centreHigh;
      centreLow = rightLow;
      centreMid = rightMid;
      centreHigh = rightHigh;
    }
  }
  return { data: out, width, height };
}
