import type { Box } from '../ocr/port';
import type { GreyImage } from './deskew';

/**
 * Phone photos: the page is a bright quadrilateral on a darker table, seen at an angle. Finding its
 * corners and mapping it back to a rectangle straightens text lines and restores the characters'
 * proportions, which tesseract needs far more than it needs more pixels.
 */

export type Point = [number, number];

/** The page's corners, clockwise from top-left, in the image's pixels. */
export type Quad = [Point, Point, Point, Point];

/** Otsu's threshold: the grey level that best splits the histogram into two classes. */
export function otsuThreshold(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i]!]! += 1;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * histogram[i]!;
  let [weightBelow, sumBelow, best, threshold] = [0, 0, -1, 128];
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t]!;
    const weightAbove = data.length - weightBelow;
    if (weightBelow === 0 || weightAbove === 0) continue;
    sumBelow += t * histogram[t]!;
    const between = weightBelow * weightAbove * (sumBelow / weightBelow - (sumAll - sumBelow) / weightAbove) ** 2;
    if (between > best) [best, threshold] = [between, t];
  }
  return threshold;
}

/**
 * The largest 4-connected region of bright pixels, as a mask. Plain scalars and typed arrays
 * throughout: a small array per pixel visited made this and the garbage collector a fifth of a
 * photo's clean-up.
 */
function largestBrightRegion(bright: Uint8Array, width: number): { mask: Uint8Array; size: number } {
  const label = new Int32Array(bright.length);
  const stack = new Int32Array(bright.length);
  let best = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < bright.length; start++) {
    if (!bright[start] || label[start]) continue;
    next += 1;
    let top = 0;
    let size = 0;
    const visit = (j: number) => {
      if (j >= 0 && j < bright.length && bright[j] && !label[j]) {
        label[j] = next;
        stack[top++] = j;
      }
    };
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const i = stack[--top]!;
      size += 1;
      const x = i % width;
      visit(i - width);
      visit(i + width);
      if (x > 0) visit(i - 1);
      if (x < width - 1) visit(i + 1);
    }
    if (size > bestSize) {
      best = next;
      bestSize = size;
    }
  }
  const mask = new Uint8Array(label.length);
  if (best > 0) for (let i = 0; i < label.length; i++) mask[i] = label[i] === best ? 1 : 0;
  return { mask, size: bestSize };
}

function shoelace(q: Quad): number {
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const [x1, y1] = q[i]!;
    const [x2, y2] = q[(i + 1) % 4]!;
    area += x1 * y2 - x2 * y1;
  }
  return Math.abs(area) / 2;
}

/** Share of the image's outer ring that is darker than the threshold: a photo's table, not paper. */
function darkBorderShare(image: GreyImage, threshold: number): number {
  const { data, width, height } = image;
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  let dark = 0;
  let total = 0;
  for (let y = 0; y < height; y++) {
    const inner = y >= ring && y < height - ring;
    // Inner rows: only their two ends are ring.
    for (let x = 0; x < width; x = inner && x === ring - 1 ? Math.max(x + 1, width - ring) : x + 1) {
      total += 1;
      if (data[y * width + x]! < threshold) dark += 1;
    }
  }
  return dark / total;
}

/**
 * The page's corners in a small grey copy of a photo, or undefined when the image is not a page on
 * a darker background (a scan, a screenshot, a crop to the page): those are left as they are.
 */
export function findPage(image: GreyImage): Quad | undefined {
  const { data, width, height } = image;
  const threshold = otsuThreshold(data);
  if (darkBorderShare(image, threshold) < 0.6) return undefined;
  const bright = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bright[i] = data[i]! > threshold ? 1 : 0;
  const { mask, size } = largestBrightRegion(bright, width);
  if (size < width * height * 0.25 || size > width * height * 0.97) return undefined;
  // The corners of a near-rectangle are the extremes of x + y and x - y over its pixels.
  let tl: Point = [0, 0];
  let tr: Point = [0, 0];
  let br: Point = [0, 0];
  let bl: Point = [0, 0];
  let [minSum, maxSum, maxDiff, minDiff] = [Infinity, -Infinity, -Infinity, Infinity];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      const sum = x + y;
      const diff = x - y;
      if (sum < minSum) {
        minSum = sum;
        tl = [x, y];
      }
      if (sum > maxSum) {
        maxSum = sum;
        br = [x + 1, y + 1];
      }
      if (diff > maxDiff) {
        maxDiff = diff;
        tr = [x + 1, y];
      }
      if (diff < minDiff) {
        minDiff = diff;
        bl = [x, y + 1];
      }
    }
  }
  const quad: Quad = [tl, tr, br, bl];
  // Text makes holes in the region, so its pixel count falls short of the quadrilateral's area; a
  // region far smaller than its corners span is not one page.
  const area = shoelace(quad);
  if (area < width * height * 0.25 || size < area * 0.6) return undefined;
  return quad;
}

/** The 3x3 homography (row-major, h33 = 1) taking the four points `from` to the four points `to`. */
export function homography(from: Quad, to: Quad): number[] {
  const a: number[][] = [];
  from.forEach(([x, y], i) => {
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  });
  for (let c = 0; c < 8; c++) {
    let pivot = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

const distance = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);

/** The homography from an upright page of the given size to the quadrilateral it was seen as. */
function uprightToSource(page: { width: number; height: number }, quad: Quad): number[] {
  return homography(cornersOf(page), quad);
}

/** An upright page's corners, clockwise from top-left, as `rectify` maps a quadrilateral's onto them. */
function cornersOf(page: { width: number; height: number }): Quad {
  const [w, h] = [page.width - 1, page.height - 1];
  return [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
}

/** The size of the upright rectangle `rectify` maps `quad` onto: as long as its longer opposite sides. */
export function rectifiedSize(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  return {
    width: Math.round(Math.max(distance(tl, tr), distance(bl, br))),
    height: Math.round(Math.max(distance(tl, bl), distance(tr, br))),
  };
}

/**
 * The page inside `quad` mapped onto an upright rectangle (`rectifiedSize`), sampled bilinearly from
 * the full-size grey image, into `into` when given (as many bytes as the rectangle has pixels).
 */
export function rectify(image: GreyImage, quad: Quad, into?: Uint8Array): GreyImage {
  const { width, height } = rectifiedSize(quad);
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = uprightToSource({ width, height }, quad) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const { data: src, width: sw, height: sh } = image;
  const out = into ?? new Uint8Array(width * height);
  // Scalars only in the loop: two small arrays per output pixel were most of a photo's clean-up.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = h6 * x + h7 * y + h8;
      const sx = Math.min(sw - 1.001, Math.max(0, (h0 * x + h1 * y + h2) / w));
      const sy = Math.min(sh - 1.001, Math.max(0, (h3 * x + h4 * y + h5) / w));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * sw + x0;
      const top = src[i]! * (1 - fx) + src[i + 1]! * fx;
      const bottom = src[i + sw]! * (1 - fx) + src[i + sw + 1]! * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { data: out, width, height };
}

/** Scales a quadrilateral found on a small copy up to the full-size image. */
export function scaleQuad(quad: Quad, factor: number): Quad {
  return quad.map(([x, y]) => [x * factor, y * factor]) as Quad;
}

/** The source-image box covering a box of the upright page that `rectify` made from `quad`. */
export function boxToSource(box: Box, quad: Quad, page: { width: number; height: number }): Box {
  const h = uprightToSource(page, quad);
  const corners = (
    [
      [box[0], box[1]],
      [box[2], box[1]],
      [box[2], box[3]],
      [box[0], box[3]],
    ] as Point[]
  ).map((p) => mapped(h, p));
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys)), Math.ceil(Math.max(...xs)), Math.ceil(Math.max(...ys))];
}

/** `point` taken through the homography `h`. */
function mapped(h: number[], [x, y]: Point): Point {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/**
 * How far a row of the upright page that `rectify` made from `quad` falls per pixel along it where
 * it passes `point` of the source image, the upright page's rows falling by `slope` there: a photo
 * held at an angle turns each row by its own slope, steepest where the page is seen most askew.
 */
export function rowSlopeOnSource(point: Point, quad: Quad, page: { width: number; height: number }, slope: number): number {
  const [u, v] = mapped(homography(quad, cornersOf(page)), point);
  const toSource = uprightToSource(page, quad);
  const [a, b] = [mapped(toSource, [u - 1, v - slope]), mapped(toSource, [u + 1, v + slope])];
  return (b[1] - a[1]) / (b[0] - a[0]);
}
