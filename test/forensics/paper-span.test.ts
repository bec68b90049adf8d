import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { paperMatchFinding } from '../../worker/forensics/pixels/paper-match';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, printedPage, type Page } from './paper-page';
import { PAPER, ring, WIDTH, wordAt } from './synthetic-page';

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
const grainAt = (rng: Rng, grain: number) => clamp(PAPER + (rng.next() + rng.next() + rng.next() - 1.5) * 2 * grain);

/** The paper of `box` (print, darker than 150, kept) replaced by another document's, of `grain` grey levels. */
function pastePaper(page: Page, box: Box, grain: number, rng: Rng): void {
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++) {
      const i = y * WIDTH + x;
      if (page.grey.data[i]! > 150) page.grey.data[i] = grainAt(rng, grain);
    }
}

/** Prints four glyphs from `x` on `line` and adds them to the page's words as one, its box `reach` px wider than its print. */
function printWord(page: Page, line: number, x: number, reach = 0): Box {
  const { y } = wordAt(line, 0);
  for (let g = 0; g < 4; g++) ring(page.grey.data, x + g * 20, y, 3);
  const box: Box = [x, y, x + 74 + reach, y + 24];
  page.words.push({ box, word: { text: '0000', box, line, confidence: 95, symbols: [] } });
  return box;
}

const LINE = 10;

/**
 * `printedPage` with a second word on each line, its paper's rows holding print as a statement's do, and
 * line LINE cleared to fresh paper of the page's grain (its words dropped).
 */
function denserPage(rng: Rng): Page {
  const page = printedPage(1);
  for (let line = 0; line < 22; line++) if (line !== LINE) printWord(page, line, wordAt(line, 0).x + 120);
  page.words = page.words.filter((w) => w.word.line !== LINE);
  const { y } = wordAt(LINE, 0);
  pastePaper(page, [0, y - 4, WIDTH, y + 30], 6, rng);
  return page;
}

/** Pastes another document's paper of `grain` grey levels over `patch` and expects the paper match to name it past the threshold. */
function expectPasteNamed(page: Page, patch: Box, grain: number, rng: Rng): void {
  pastePaper(page, patch, grain, rng);
  const finding = paperMatchFinding(page.grey, page.words)!;
  expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
  expect(overlaps(finding.box, patch)).to.equal(true);
}

/**
 * A page whose line LINE holds two halves of a field beside each other (as a postcode's) and a word further
 * along (the row the field is compared with holds print), and the patch a paste over the first half, or both, covers.
 */
function halvesPage(both: boolean): { page: Page; patch: Box; rng: Rng } {
  const rng = new Rng(3);
  const page = denserPage(rng);
  const first = printWord(page, LINE, wordAt(LINE, 0).x);
  const second = printWord(page, LINE, first[2] + 16);
  printWord(page, LINE, second[2] + 40);
  return { page, patch: [first[0] - 3, first[1] - 3, (both ? second : first)[2] + 3, second[3] + 6], rng };
}

/** The paper match's finding once another document's paper of `grain` grey levels is pasted over the first half, or both. */
function halvesPasted(grain: number, both: boolean) {
  const { page, patch, rng } = halvesPage(both);
  pastePaper(page, patch, grain, rng);
  return paperMatchFinding(page.grey, page.words)!;
}

describe('forensics: paper match of a pasted span', () => {
  it('when two halves of a field beside each other on a line are pasted in one rectangle of grainier paper, then the paste is named', () => {
    const { page, patch, rng } = halvesPage(true);
    expectPasteNamed(page, patch, 9, rng);
  });

  it('when a pasted field reads as a field half and a piece OCR could not read, then the paste is named', () => {
    const rng = new Rng(5);
    const page = denserPage(rng);
    const { x, y } = wordAt(LINE, 0);
    const first = printWord(page, LINE, x);
    // Two glyphs OCR boxed taller than wide and read at 12 ("78%"): no field, and no line of print on its own.
    const pieceX = first[2] + 16;
    for (let g = 0; g < 2; g++) ring(page.grey.data, pieceX + g * 20, y, 3);
    const piece: Box = [pieceX, y - 6, pieceX + 34, y + 34];
    page.words.push({ box: piece, word: { text: '78%', box: piece, line: LINE, confidence: 12, symbols: [] } });
    printWord(page, LINE, piece[2] + 70);
    const patch: Box = [first[0] - 3, first[1] - 3, piece[2] + 3, first[3] + 6];
    // Paper twice as grainy as the page's (pastes missed on the corpus held 1.5-2.7 times their page's by their glyphs).
    expectPasteNamed(page, patch, 12, rng);
  });

  it('when both halves of a field are pasted with the paper that named one half pasted alone, then the span is named about as far, not further for its twice as many pixels', () => {
    const half = halvesPasted(9, false);
    const span = halvesPasted(9, true);
    expect(span.word, JSON.stringify(span)).to.equal('0000 0000');
    expect(span.value).to.be.above(pixelForensicsThresholds.region);
    // Counted as known better for its pixels, the span went half again as far (sqrt of 2.25 times a word's pixels).
    expect(span.value / half.value, JSON.stringify({ half, span })).to.be.within(0.8, 1.25);
  });
});
