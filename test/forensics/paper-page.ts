/** Synthetic pages for the paper match: words of rings on white grain, and a word pasted from another such page. */
import type { Box } from '../../worker/ocr/port';
import { Rng } from '../../fixtures/random';
import type { Grey } from '../../worker/forensics/pixels/grey';
import type { PlacedWord } from '../../worker/forensics/pixels/field-spans';
import { HEIGHT, INK, PAPER, ring, WIDTH, wordAt } from './synthetic-page';

/**
 * A page of 22 lines of three four-digit words (rings of ink), on paper with white grain of `grain` grey
 * levels, drawn here pixel by pixel in one channel so that each document's grain is exactly as set.
 */
export interface Page {
  grey: Grey;
  words: PlacedWord[];
}

export function printedPage(seed: number, grain = 6): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  const words: PlacedWord[] = [];
  for (let line = 0; line < 22; line++)
    for (let column = 0; column < 3; column++) {
      const { x, y } = wordAt(line, column);
      for (let g = 0; g < 4; g++) ring(data, x + g * 20, y, 3);
      const box: Box = [x, y, x + 74, y + 24];
      words.push({ box, word: { text: '0000', box, line, confidence: 95, symbols: [] } });
    }
  addGrain(data, seed, grain);
  return { grey: { data, width: WIDTH, height: HEIGHT }, words };
}

/** Adds white grain of `grain` grey levels (a sum of three uniforms) to every pixel, in place. */
export function addGrain(data: Uint8Array, seed: number, grain: number): void {
  const rng = new Rng(seed);
  for (let i = 0; i < data.length; i++) data[i] = clamp(data[i]! + (rng.next() + rng.next() + rng.next() - 1.5) * 2 * grain);
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
export const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Pastes the same word of another document over the word at `index`, with `margin` pixels of its paper, grained `grain`. */
export function pasteFromAnother(page: Page, index: number, grain: number, margin = 3): Box {
  const donor = printedPage(7, grain);
  const [x0, y0, x1, y1] = page.words[index]!.box;
  const patch: Box = [x0 - margin, y0 - margin, x1 + margin, y1 + margin + 4];
  for (let y = patch[1]; y < patch[3]; y++)
    for (let x = patch[0]; x < patch[2]; x++) page.grey.data[y * WIDTH + x] = donor.grey.data[y * WIDTH + x]!;
  return patch;
}

/** Prints `count` glyphs (rectangles' outlines `stroke` px wide) of `width` by `height`, `step` apart, from `x`, `top`; their box. */
export function printOutlines(
  page: Page,
  x: number,
  top: number,
  glyph: { count: number; width: number; height: number; step: number; stroke: number },
): Box {
  const { count, width, height, step, stroke } = glyph;
  for (let g = 0; g < count; g++)
    for (let y = top; y < top + height; y++)
      for (let gx = x + g * step; gx < x + g * step + width; gx++) {
        const edge = gx - x - g * step < stroke || x + g * step + width - gx <= stroke || y - top < stroke || top + height - y <= stroke;
        if (edge) page.grey.data[y * WIDTH + gx] = INK;
      }
  return [x, top, x + (count - 1) * step + width, top + height];
}
