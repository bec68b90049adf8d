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
  /** Mean absolute difference at the best alignment, in grey levels. */
  difference: number;
  /**
   * Correlation of the two glyphs' paper grain at that alignment (each pixel less its 3x3 mean, on
   * pixels that are paper in both): about zero for two prints, high for a copy even after a JPEG
   * re-save has blurred the difference.
   */
  grain: number;
}

/** OCR boxes of the same glyph agree to a pixel or two. */
const SHIFT = 2;

/** Mean absolute difference of two same-sized patches, the second moved by (dx, dy), on every `step`-th pixel. */
function difference(page: Grey, a: Box, b: Box, dx: number, dy: number, step: number, giveUp: number): number {
  const { data, width, height } = page;
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  const bx = b[0] + dx;
  const by = b[1] + dy;
  if (bx < 0 || by < 0 || bx + w > width || by + h > height) return Infinity;
  let sum = 0;
  let n = 0;
  for (let y = 0; y < h; y += step) {
    const ia = (a[1] + y) * width + a[0];
    const ib = (by + y) * width + bx;
    for (let x = 0; x < w; x += step) sum += Math.abs(data[ia + x]! - data[ib + x]!);
    n += Math.ceil(w / step);
    if (sum > giveUp * n && n > 4 * w) return Infinity;
  }
  return sum / n;
}

/** The best small shift found on a sparse grid of pixels, then measured on all of them. */
function bestAlignment(page: Grey, a: Box, b: Box, giveUp: number): { d: number; dx: number; dy: number } {
  let best = { d: Infinity, dx: 0, dy: 0 };
  for (let dy = -SHIFT; dy <= SHIFT; dy++)
    for (let dx = -SHIFT; dx <= SHIFT; dx++) {
      const d = difference(page, a, b, dx, dy, 2, Math.min(giveUp, best.d) * 1.5);
      if (d < best.d) best = { d, dx, dy };
    }
  return best.d === Infinity ? best : { ...best, d: difference(page, a, b, best.dx, best.dy, 1, Infinity) };
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

/**
 * The most alike pair of glyphs that read the same, with how much grain they share: two prints of a
 * digit never share their grain, a cloned one does. Only same-character, same-size pairs apart from
 * each other are compared.
 */
export function mostAlikeGlyphs(page: Grey, glyphs: Glyph[]): ClonePair | undefined {
  const byText = new Map<string, Glyph[]>();
  for (const g of glyphs) byText.set(g.text, [...(byText.get(g.text) ?? []), g]);
  let best: (Omit<ClonePair, 'grain'> & { dx: number; dy: number }) | undefined;
  for (const group of byText.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!.box;
        const b = group[j]!.box;
        const w = a[2] - a[0];
        const h = a[3] - a[1];
        if (w < 3 || h < 6 || Math.abs(w - (b[2] - b[0])) > 2 || Math.abs(h - (b[3] - b[1])) > 2) continue;
        if (Math.abs(a[0] - b[0]) < w && Math.abs(a[1] - b[1]) < h) continue;
        // A multiple of 8 pixels apart both ways, two prints sit alike on a JPEG's block grid and come out alike.
        if ((b[0] - a[0]) % 8 === 0 && (b[1] - a[1]) % 8 === 0) continue;
        const at = bestAlignment(page, a, b, best ? best.difference * 2 + 1 : Infinity);
        if (at.d !== Infinity && (!best || at.d < best.difference)) best = { box: b, twin: a, difference: at.d, dx: at.dx, dy: at.dy };
      }
    }
  }
  if (!best) return undefined;
  const { dx, dy, ...pair } = best;
  return { ...pair, grain: grainCorrelation(page, grown(pair.twin, PAPER_MARGIN), grown(pair.box, PAPER_MARGIN), dx, dy) };
}
