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
function bestDifference(page: Grey, a: Box, b: Box, giveUp: number): number {
  let best = { d: Infinity, dx: 0, dy: 0 };
  for (let dy = -SHIFT; dy <= SHIFT; dy++)
    for (let dx = -SHIFT; dx <= SHIFT; dx++) {
      const d = difference(page, a, b, dx, dy, 2, Math.min(giveUp, best.d) * 1.5);
      if (d < best.d) best = { d, dx, dy };
    }
  return best.d === Infinity ? Infinity : difference(page, a, b, best.dx, best.dy, 1, Infinity);
}

/**
 * The most alike pair of glyphs that read the same: two prints of a digit never share their grain,
 * a cloned one does. Only same-character, same-size pairs apart from each other are compared.
 */
export function mostAlikeGlyphs(page: Grey, glyphs: Glyph[]): ClonePair | undefined {
  const byText = new Map<string, Glyph[]>();
  for (const g of glyphs) byText.set(g.text, [...(byText.get(g.text) ?? []), g]);
  let best: ClonePair | undefined;
  for (const group of byText.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!.box;
        const b = group[j]!.box;
        const w = a[2] - a[0];
        const h = a[3] - a[1];
        if (w < 3 || h < 6 || Math.abs(w - (b[2] - b[0])) > 2 || Math.abs(h - (b[3] - b[1])) > 2) continue;
        if (Math.abs(a[0] - b[0]) < w && Math.abs(a[1] - b[1]) < h) continue;
        const d = bestDifference(page, a, b, best ? best.difference * 2 + 1 : Infinity);
        if (d !== Infinity && (!best || d < best.difference)) best = { box: b, twin: a, difference: d };
      }
    }
  }
  return best;
}
