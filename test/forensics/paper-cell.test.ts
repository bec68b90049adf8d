import { expect } from 'chai';
import { paperMatchFinding } from '../../worker/forensics/pixels/paper-match';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { addGrain, overlaps, pasteFromAnother, type Page } from './paper-page';
import { HEIGHT, INK, PAPER, ring, WIDTH, wordAt } from './synthetic-page';

/** How far a scanner's blur reaches from print (pixels), and how much darker it makes paper ringed by ink. */
const BLUR_REACH = 5;
const HALO_DEPTH = 8;

/**
 * A page printed as `printedPage` prints one, scanned with a blur: paper is darkened by the share of ink
 * within BLUR_REACH, so paper between a word's glyphs sits darker than paper at a lone glyph's foot.
 */
function scanned(ink: (data: Uint8Array) => PlacedBoxes): { page: Page; boxes: PlacedBoxes } {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  const boxes = ink(data);
  blur(data);
  addGrain(data, 1, 3);
  const words = boxes.words.map(({ box, line }) => ({ box, word: { text: '0000', box, line, confidence: 95, symbols: [] } }));
  return { page: { grey: { data, width: WIDTH, height: HEIGHT }, words }, boxes };
}

interface PlacedBoxes {
  words: { box: Box; line: number }[];
  /** The field in the ruled cell. */
  field: Box;
}

/** Darkens each paper pixel by HALO_DEPTH times the share of ink within BLUR_REACH (a box sum over an integral image). */
function blur(data: Uint8Array): void {
  const stride = WIDTH + 1;
  const sum = new Float64Array(stride * (HEIGHT + 1));
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++)
      sum[(y + 1) * stride + x + 1] =
        (data[y * WIDTH + x] === INK ? 1 : 0) + sum[y * stride + x + 1]! + sum[(y + 1) * stride + x]! - sum[y * stride + x]!;
  const side = 2 * BLUR_REACH + 1;
  for (let y = BLUR_REACH; y < HEIGHT - BLUR_REACH; y++)
    for (let x = BLUR_REACH; x < WIDTH - BLUR_REACH; x++) {
      const i = y * WIDTH + x;
      if (data[i] === INK) continue;
      const [x0, y0, x1, y1] = [x - BLUR_REACH, y - BLUR_REACH, x + BLUR_REACH + 1, y + BLUR_REACH + 1];
      const ink = sum[y1 * stride + x1]! - sum[y0 * stride + x1]! - sum[y1 * stride + x0]! + sum[y0 * stride + x0]!;
      data[i] = Math.round(data[i]! - (HALO_DEPTH * ink) / (side * side));
    }
}

/** A four-glyph word (rings of ink) at `x`, `y`; its box. */
function word(data: Uint8Array, x: number, y: number): Box {
  for (let g = 0; g < 4; g++) ring(data, x + g * 20, y, 3);
  return [x, y, x + 74, y + 24];
}

/** A rule 2 px thick from `x0` to `x1` at `y`, as a table prints between its rows. */
function rule(data: Uint8Array, x0: number, x1: number, y: number): void {
  for (let dy = 0; dy < 2; dy++) for (let x = x0; x < x1; x++) data[(y + dy) * WIDTH + x] = INK;
}

/**
 * Words on lines 0-8 and 14-21 as `printedPage` prints them, and between them the last row of a ruled table:
 * one field in its cell, rules 8 px above and below it, the only print near its ring one glyph of the row
 * above (its foot just inside the ring, the rest of its paper under the upper rule's clearance).
 */
function fieldInRuledCell(data: Uint8Array): PlacedBoxes {
  const words: { box: Box; line: number }[] = [];
  for (let line = 0; line < 22; line++) {
    if (line >= 9 && line <= 13) continue;
    for (let column = 0; column < 3; column++) {
      const { x, y } = wordAt(line, column);
      words.push({ box: word(data, x, y), line });
    }
  }
  const { x, y } = wordAt(11, 1);
  const field = word(data, x, y);
  rule(data, x - 60, x + 140, y - 8);
  rule(data, x - 60, x + 140, y + 32);
  ring(data, x + 30, y - 67, 3);
  return { words: [...words, { box: field, line: 11 }], field };
}

describe('forensics: paper match of a field in a ruled cell', () => {
  it("when a field's ring holds paper near print only at one glyph's foot, then that handful of pixels does not decide its paper", () => {
    const { page } = scanned(fieldInRuledCell);
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.value, JSON.stringify(finding)).to.be.below(pixelForensicsThresholds.region);
  });

  it('when another field of that page was pasted with the grainier paper of another document, then its box is still named', () => {
    const { page } = scanned(fieldInRuledCell);
    const patch = pasteFromAnother(page, 37, 12);
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, patch)).to.equal(true);
  });
});
