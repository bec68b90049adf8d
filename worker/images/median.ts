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

/** One row's columns of three, each sorted: its least, middle and greatest pixel. */
interface Columns {
  low: Uint8Array;
  mid: Uint8Array;
  high: Uint8Array;
}

const columnsOf = (width: number): Columns => ({ low: new Uint8Array(width), mid: new Uint8Array(width), high: new Uint8Array(width) });

/**
 * Writes row `row` of `out` from its sorted columns: a window's median is the median of its columns'
 * largest low, middle median and smallest high (exact for nine values). A window's three columns
 * roll along the row in plain locals (no destructuring: it allocates per pixel) rather than being
 * read back nine times.
 */
function windowRow({ low, mid, high }: Columns, out: Uint8Array, row: number, width: number): void {
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

/**
 * The 3x3 median of a grey page, edges repeated, as sharp's `median(3)` gives it, written over the
 * page itself: clean-up hands over its own copy, and a second page-sized array only fed the
 * collector. libvips ranks all nine pixels for every output pixel, a third of a page's clean-up;
 * here each column of three is sorted once and shared by the three windows it falls in. Rows go in
 * pairs: the two middle pixels of a pair's columns are common to both, so they are sorted once and
 * each row's third pixel is placed against them (five comparisons a column rather than eight). The
 * row above a pair has been overwritten by then, so it is read from a copy kept before it was.
 */
export function median3x3(page: GreyImage): GreyImage {
  const { data, width, height } = page;
  const upper = columnsOf(width);
  const lower = columnsOf(width);
  // A copy, not a view (a Buffer's `slice` is one).
  const above = new Uint8Array(data.subarray(0, width));
  const last = height - 1;
  for (let y = 0; y < height; y += 2) {
    const row = y * width;
    const next = Math.min(y + 1, last) * width;
    const after = Math.min(y + 2, last) * width;
    for (let x = 0; x < width; x++) {
      const b = data[row + x]!;
      const c = data[next + x]!;
      const pairLow = lesser(b, c);
      const pairHigh = greater(b, c);
      const a = above[x]!;
      upper.low[x] = lesser(a, pairLow);
      upper.high[x] = greater(a, pairHigh);
      upper.mid[x] = greater(pairLow, lesser(a, pairHigh));
      const d = data[after + x]!;
      lower.low[x] = lesser(d, pairLow);
      lower.high[x] = greater(d, pairHigh);
      lower.mid[x] = greater(pairLow, lesser(d, pairHigh));
    }
    above.set(data.subarray(next, next + width));
    windowRow(upper, data, row, width);
    if (y + 1 < height) windowRow(lower, data, next, width);
  }
  return page;
}
