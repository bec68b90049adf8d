import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { paperMatchFinding } from '../../worker/forensics/pixels/paper-match';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, printedPage, type Page } from './paper-page';
import { HEIGHT, PAPER, ring, WIDTH, wordAt } from './synthetic-page';

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** Lines `from` to `to` (included) of the page cleared to fresh paper of `grain` grey levels (as `printedPage`'s), their words dropped. */
function clearLines(page: Page, from: number, to: number, grain: number, rng: Rng): void {
  const top = wordAt(from, 0).y - 8;
  const bottom = wordAt(to, 0).y + 32;
  for (let y = top; y < bottom; y++)
    for (let x = 0; x < WIDTH; x++) page.grey.data[y * WIDTH + x] = clamp(PAPER + (rng.next() + rng.next() + rng.next() - 1.5) * 2 * grain);
  page.words = page.words.filter((w) => w.word.line === undefined || w.word.line < from || w.word.line > to);
}

/**
 * Grain of `amplitude` grey levels added to the paper of every 8x8 block (of the image's grid) that holds
 * print within `box`: a JPEG's ringing, which it keeps within the print's own blocks.
 */
function ringBlocksOf(page: Page, box: Box, amplitude: number, rng: Rng): void {
  const block = 8;
  for (let by = Math.floor(box[1] / block) * block; by < box[3]; by += block)
    for (let bx = Math.floor(box[0] / block) * block; bx < box[2]; bx += block) {
      const pixels = Array.from({ length: block * block }, (_, k) => (by + Math.floor(k / block)) * WIDTH + bx + (k % block));
      if (!pixels.some((i) => page.grey.data[i]! < 150)) continue;
      for (const i of pixels) if (page.grey.data[i]! > 150) page.grey.data[i] = clamp(page.grey.data[i]! + (rng.next() - 0.5) * amplitude);
    }
}

/** Digits set this far apart: paper between them lies in other JPEG blocks than theirs. */
const SPACING = 34;

/** Prints a four-digit word alone on line 11 (cleared), its digits SPACING apart, and adds it to the page's words. */
function aloneOnItsRow(page: Page): { box: Box } {
  const { x, y } = wordAt(11, 1);
  const glyphs: Box[] = [0, 1, 2, 3].map((g) => [x + g * SPACING, y, x + g * SPACING + 14, y + 24]);
  for (const [gx, gy] of glyphs) ring(page.grey.data, gx, gy, 3);
  const box: Box = [x, y, x + 3 * SPACING + 14, y + 24];
  page.words.push({ box, word: { text: '0000', box, line: 11, confidence: 95, symbols: [] } });
  return { box };
}

describe('forensics: paper match of a word alone on its row', () => {
  it("when a word stands alone with no print in its ring or row and a JPEG rang the paper of its print's blocks, then its paper is not taken for a paste", () => {
    // A heavily compressed page: the JPEG flattened every block of paper and left ringing in the blocks of print.
    const page = printedPage(1, 0);
    const rng = new Rng(5);
    clearLines(page, 9, 13, 0, rng);
    // A company number alone on its row, its digits set apart.
    aloneOnItsRow(page);
    ringBlocksOf(page, [0, 0, WIDTH, HEIGHT], 40, rng);
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.value, JSON.stringify(finding)).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a word alone on its row was pasted with the grainier paper of another document, then its box is still named', () => {
    const page = printedPage(1);
    const rng = new Rng(5);
    clearLines(page, 9, 13, 6, rng);
    const { box } = aloneOnItsRow(page);
    // The donor's paper, twice the page's grain, over the patch a paste covers (3 px around, 6 below), print kept.
    for (let y = box[1] - 3; y < box[3] + 6; y++)
      for (let x = box[0] - 3; x < box[2] + 3; x++) {
        const i = y * WIDTH + x;
        if (page.grey.data[i]! > 150) page.grey.data[i] = clamp(PAPER + (rng.next() + rng.next() + rng.next() - 1.5) * 24);
      }
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, box)).to.equal(true);
  });
});
