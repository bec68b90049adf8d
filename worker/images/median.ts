import type { GreyImage } from './deskew';

/*
 * The lesser and the greater of two grey levels without a branch: the sign of their difference
 * picks one. A page's grain makes a comparison's branch a coin toss the processor guesses wrong
 * half the time, which cost more than the arithmetic.
 */
const lesser = (a: number, b: number) => {
  const d = a - b;
  return b + (d & (d >> 31));
};
const greater = (a: number, b: number) => {
  const d = a - b;
  return a - (d & (d >> 31));
};
const middle = (a: number, b: number, c: number) => greater(lesser(a, b), lesser(greater(a, b), c));

/**
 * The 3x3 median of a grey page, edges repeated, as sharp's `median(3)` gives it. libvips ranks
 * all nine pixels for every output pixel, a third of a page's clean-up; here each column of three is
 * sorted once and shared by the three windows it falls in, and a window's median is the median of
 * its columns' largest low, middle median and smallest high (exact for nine values). A window's
 * three columns roll along a row in plain locals (no destructuring: it allocates per pixel) rather
 * than being read back nine times.
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
      low[x] = lesser(lesser(a, b), c);
      high[x] = greater(greater(a, b), c);
      mid[x] = middle(a, b, c);
    }
    let leftLow = low[0]!;
    let leftMid = mid[0]!;
    let leftHigh = high[0]!;
    let centreLow = leftLow;
    let centreMid = leftMid;
    let centreHigh = leftHigh;
    for (let x = 0; x < width; x++) {
      const right = x < width - 1 ? x + 1 : x;
      const rightLow = low[right]!;
      const rightMid = mid[right]!;
      const rightHigh = high[right]!;
      const maxLow = greater(greater(leftLow, centreLow), rightLow);
      const minHigh = lesser(lesser(leftHigh, centreHigh), rightHigh);
      out[row + x] = middle(maxLow, middle(leftMid, centreMid, rightMid), minHigh);
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
