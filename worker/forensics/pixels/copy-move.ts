import type { Box } from '../../ocr/port';
import type { Grey } from './grey';

/** A printed character on the page: what was read and where. */
export interface Glyph {
  text: string;
  box: Box;
}

export interface ClonePair {
  /** The glyph found a second time, and where its twin is. */
  box: Box;
  twin: Box;
  /** Mean absolute difference at the best alignment, in grey levels (each patch less its mean). */
  difference: number;
  /**
   * How many times nearer the pair is (smoothed 2x2) than a print of the same character typically is to
   * its nearest fellow on the page (0: too few glyphs to tell).
   */
  alike: number;
  /**
   * Correlation of the two glyphs' paper grain at that alignment (each pixel less its 3x3 mean, on
   * pixels that are paper in both): about zero for two prints, high for a copy even after a JPEG
   * re-save has blurred the difference.
   */
  grain: number;
}

/**
 * Glyphs are aligned on their ink's centre first (OCR boxes of one character vary by a pixel or two,
 * which would make every pair of prints differ by their misalignment), then searched this far around it;
 * boxes mapped from another rendering of the page a little further.
 */
const SHIFT = 1;
const LOOSE_SHIFT = 2;
/** How much two boxes of one character may differ in width or height, in pixels. */
const SIZE = 2;
const LOOSE_SIZE = 4;

/** The centre of a glyph's ink, each pixel weighted by how far it is below the box's bright third. */
function inkCentre(page: Grey, box: Box): [number, number] {
  const bright = brightThird(page, box);
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++) {
      const weight = Math.max(0, bright - page.data[y * page.width + x]!);
      sum += weight;
      sx += weight * x;
      sy += weight * y;
    }
  return sum > 0 ? [sx / sum, sy / sum] : [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

/** A pixel, or the mean of the 2x2 pixels from it: the last save's high-frequency error and the grain averaged down, where two prints falling differently on the pixel grid still differ. */
function valueAt(page: Grey, i: number, smoothed: boolean): number {
  const { data, width } = page;
  return smoothed ? (data[i]! + data[i + 1]! + data[i + width]! + data[i + width + 1]!) / 4 : data[i]!;
}

/**
 * Mean absolute difference of two same-sized patches (or of their 2x2 means), the second moved by
 * (dx, dy), on every `step`-th pixel, each less its own mean: a photo's light falls unevenly, so a
 * copy can sit a little brighter.
 */
function difference(page: Grey, a: Box, b: Box, at: { dx: number; dy: number; step: number; smoothed: boolean }): number {
  const { width, height } = page;
  const { step, smoothed } = at;
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  const bx = b[0] + at.dx;
  const by = b[1] + at.dy;
  if (a[0] < 0 || a[1] < 0 || a[2] >= width || a[3] >= height) return Infinity;
  if (bx < 0 || by < 0 || bx + w >= width || by + h >= height) return Infinity;
  let offset = 0;
  let n = 0;
  for (let y = 0; y < h; y += step) {
    const ia = (a[1] + y) * width + a[0];
    const ib = (by + y) * width + bx;
    for (let x = 0; x < w; x += step, n++) offset += valueAt(page, ia + x, smoothed) - valueAt(page, ib + x, smoothed);
  }
  offset /= n;
  let sum = 0;
  for (let y = 0; y < h; y += step) {
    const ia = (a[1] + y) * width + a[0];
    const ib = (by + y) * width + bx;
    for (let x = 0; x < w; x += step) sum += Math.abs(valueAt(page, ia + x, smoothed) - valueAt(page, ib + x, smoothed) - offset);
  }
  return sum / n;
}

/**
 * The best shift around the one that lays b's ink centre on a's, found on a sparse grid of smoothed
 * pixels; there the smoothed difference and the raw one, on every pixel.
 */
function bestAlignment(page: Grey, a: Box, b: Box, shift: number): { smooth: number; raw: number; dx: number; dy: number } {
  const [ax, ay] = inkCentre(page, a);
  const [bx, by] = inkCentre(page, b);
  const cx = Math.round(bx - ax - (b[0] - a[0]));
  const cy = Math.round(by - ay - (b[1] - a[1]));
  let best = { d: Infinity, dx: 0, dy: 0 };
  for (let dy = cy - shift; dy <= cy + shift; dy++)
    for (let dx = cx - shift; dx <= cx + shift; dx++) {
      const d = difference(page, a, b, { dx, dy, step: 2, smoothed: true });
      if (d < best.d) best = { d, dx, dy };
    }
  const { dx, dy } = best;
  if (best.d === Infinity) return { smooth: Infinity, raw: Infinity, dx, dy };
  return {
    smooth: difference(page, a, b, { dx, dy, step: 1, smoothed: true }),
    raw: difference(page, a, b, { dx, dy, step: 1, smoothed: false }),
    dx,
    dy,
  };
}

/** How far below a glyph box's bright third a pixel may be and still count as paper, grey levels. */
const PAPER_DEPTH = 25;
/** Paper pixels a pair needs in common for their grain to be compared. */
const MIN_PAPER = 40;

/** A pixel less the mean of its 3x3 neighbourhood: the grain, with the glyph's shape mostly taken away. */
function residual(page: Grey, x: number, y: number): number {
  const { data, width } = page;
  let sum = 0;
  for (let v = -1; v <= 1; v++) for (let u = -1; u <= 1; u++) sum += data[(y + v) * width + x + u]!;
  return data[y * width + x]! - sum / 9;
}

/** Pixels this close to ink are left out: their residual is the glyph's edge, which every print shares. */
const INK_CLEARANCE = 2;

/** Every pixel within INK_CLEARANCE of (x, y) is at least `floor`. */
function clearOfInk(page: Grey, x: number, y: number, floor: number): boolean {
  for (let v = -INK_CLEARANCE; v <= INK_CLEARANCE; v++)
    for (let u = -INK_CLEARANCE; u <= INK_CLEARANCE; u++) if (page.data[(y + v) * page.width + x + u]! < floor) return false;
  return true;
}

function brightThird(page: Grey, box: Box): number {
  const values: number[] = [];
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++) values.push(page.data[y * page.width + x]!);
  values.sort((p, q) => p - q);
  return values[Math.floor(values.length * 0.7)] ?? 0;
}

/** Pearson correlation of the two glyphs' grain on the pixels that are paper in both, b moved by (dx, dy). */
function grainCorrelation(page: Grey, a: Box, b: Box, dx: number, dy: number): number {
  const floor = brightThird(page, a) - PAPER_DEPTH;
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  const bx = b[0] + dx;
  const by = b[1] + dy;
  const m = INK_CLEARANCE;
  if (a[0] < m || a[1] < m || bx < m || by < m || a[2] + m > page.width || a[3] + m > page.height) return 0;
  if (bx + w + m > page.width || by + h + m > page.height) return 0;
  const grainA: number[] = [];
  const grainB: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (!clearOfInk(page, a[0] + x, a[1] + y, floor) || !clearOfInk(page, bx + x, by + y, floor)) continue;
      grainA.push(residual(page, a[0] + x, a[1] + y));
      grainB.push(residual(page, bx + x, by + y));
    }
  return grainA.length < MIN_PAPER ? 0 : pearson(grainA, grainB);
}

function pearson(xs: number[], ys: number[]): number {
  const mean = (v: number[]) => v.reduce((p, q) => p + q, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let cov = 0;
  let vx = 0;
  let vy = 0;
  xs.forEach((x, i) => {
    cov += (x - mx) * (ys[i]! - my);
    vx += (x - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
  });
  return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
}

/** Margin around a glyph's box whose paper is compared too: a clone carries the paper it was cut with. */
const PAPER_MARGIN = 2;

const grown = (b: Box, n: number): Box => [b[0] - n, b[1] - n, b[2] + n, b[3] + n];

/** Glyphs with a fellow print a page (or a character) needs before their typical difference is a norm. */
const MIN_GLYPHS = 6;

interface Compared {
  a: Box;
  b: Box;
  text: string;
  /** Difference of the smoothed patches, and of the pixels themselves. */
  smooth: number;
  raw: number;
  dx: number;
  dy: number;
}

/** Every same-character, same-size pair of glyphs apart from each other, at its best alignment. */
function comparedPairs(page: Grey, glyphs: Glyph[], shift: number, jpeg: boolean): Compared[] {
  // Boxes read off another rendering are a pixel or two out on each side.
  const slack = shift === LOOSE_SHIFT ? LOOSE_SIZE : SIZE;
  const byText = new Map<string, Glyph[]>();
  for (const g of glyphs) byText.set(g.text, [...(byText.get(g.text) ?? []), g]);
  const pairs: Compared[] = [];
  for (const [text, group] of byText) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!.box;
        const b = group[j]!.box;
        const w = a[2] - a[0];
        const h = a[3] - a[1];
        if (w < 3 || h < 6 || Math.abs(w - (b[2] - b[0])) > slack || Math.abs(h - (b[3] - b[1])) > slack) continue;
        if (Math.abs(a[0] - b[0]) < w && Math.abs(a[1] - b[1]) < h) continue;
        const at = bestAlignment(page, a, b, shift);
        // A multiple of 8 pixels apart both ways, two prints sit alike on a JPEG's block grid and come out alike.
        if (jpeg && (b[0] + at.dx - a[0]) % 8 === 0 && (b[1] + at.dy - a[1]) % 8 === 0) continue;
        if (at.smooth !== Infinity) pairs.push({ a, b, text, ...at });
      }
    }
  }
  return pairs;
}

/** The middle of the values (by sorting a copy). */
function middle(values: number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  return sorted[sorted.length >> 1] ?? 0;
}

/**
 * The most alike pair of glyphs that read the same, against how alike two prints of the same character
 * typically are on this page, with how much grain they share: a clone differs from its source only by
 * what the last save changed, two prints by their grain and where each fell on the pixel grid. Only
 * same-character, same-size pairs apart from each other are compared; `looseBoxes` when the boxes were
 * read off another rendering of the page and may be a few pixels out, `jpeg` when the page carries a
 * JPEG block grid.
 */
export function mostAlikeGlyphs(page: Grey, glyphs: Glyph[], how: { looseBoxes?: boolean; jpeg?: boolean } = {}): ClonePair | undefined {
  const pairs = comparedPairs(page, glyphs, how.looseBoxes ? LOOSE_SHIFT : SHIFT, how.jpeg ?? true);
  if (pairs.length === 0) return undefined;
  const typical = typicalNearest(pairs);
  const alikeOf = (p: Compared) => (typical.has(p.text) ? typical.get(p.text)! / Math.max(0.1, p.smooth) : 0);
  const best = pairs.reduce((x, y) => (alikeOf(y) > alikeOf(x) || (alikeOf(y) === alikeOf(x) && y.raw < x.raw) ? y : x));
  return {
    box: best.b,
    twin: best.a,
    difference: best.raw,
    alike: alikeOf(best),
    grain: grainCorrelation(page, grown(best.a, PAPER_MARGIN), grown(best.b, PAPER_MARGIN), best.dx, best.dy),
  };
}

/**
 * Per character, how far a print typically is from its nearest fellow print: the middle of each glyph's
 * smallest difference, over the character's own glyphs when it has enough, else over the page's.
 * A clone and its source are each other's nearest, far nearer than that.
 */
function typicalNearest(pairs: Compared[]): Map<string, number> {
  const nearest = new Map<Box, { text: string; d: number }>();
  for (const p of pairs)
    for (const box of [p.a, p.b]) if ((nearest.get(box)?.d ?? Infinity) > p.smooth) nearest.set(box, { text: p.text, d: p.smooth });
  const all = [...nearest.values()];
  const out = new Map<string, number>();
  if (all.length < MIN_GLYPHS) return out;
  const pageTypical = middle(all.map((n) => n.d));
  for (const text of new Set(all.map((n) => n.text))) {
    const own = all.filter((n) => n.text === text).map((n) => n.d);
    out.set(text, own.length >= MIN_GLYPHS ? middle(own) : pageTypical);
  }
  return out;
}
