import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { printScaleFinding } from '../../worker/forensics/pixels/print-scale';
import { paperFloor } from '../../worker/forensics/pixels/region-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, printedPage, printOutlines, type Page } from './paper-page';
import { INK, PAPER, ring, WIDTH } from './synthetic-page';

/** The word a paste lands on: a four-digit field in the middle column, two row mates beside it. */
const FIELD = 37;

/** Clears the field's print and prints four glyphs (outlined rectangles) of `w` by `h` from its top left. */
function printAt(page: Page, w: number, h: number, dropBy = 0): Box {
  const [x0, y0, x1, y1] = page.words[FIELD]!.box;
  for (let y = y0 - 2; y < y1 + 2; y++) page.grey.data.fill(PAPER, y * WIDTH + x0 - 2, y * WIDTH + x1 + 2);
  return printOutlines(page, x0, y0 + dropBy, { count: 4, width: w, height: h, step: Math.round(w * 1.45), stroke: 2 });
}

/** OCR reads the print there as one word of no known kind, boxed over its ink. */
function readBadly(page: Page, box: Box): void {
  const word = page.words[FIELD]!;
  word.box = box;
  word.word = { ...word.word, text: 'PgERTEY', confidence: 0, box };
}

const judge = (page: Page) =>
  printScaleFinding(page.grey, page.words, paperFloor(page.grey, pageLevels(page.grey)), { degrees: 0, width: WIDTH });

describe('forensics: print of another scale than its row', () => {
  it('when a field is pasted from a capture at 2/3 of the page resolution, then its glyphs float above the baseline and the paste is named', () => {
    const page = printedPage(1);
    const field = page.words[FIELD]!.box;
    const pasted = printAt(page, 9, 16);
    // OCR boxes the paste and what is left of the field below it as one word.
    readBadly(page, field);
    const finding = judge(page)!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted)).to.equal(true);
  });

  it('when a field is pasted from a capture at 3/2 of the page resolution, then its glyphs sink below the baseline and the paste is named', () => {
    const page = printedPage(1);
    const pasted = printAt(page, 21, 36);
    readBadly(page, pasted);
    const finding = judge(page)!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted)).to.equal(true);
  });

  it('when a value is set smaller than its row but on the row baseline, then nothing is raised', () => {
    const page = printedPage(1);
    // Small print standing near the row's baseline, its top within reach of the cap line: a smaller size, not a paste.
    const field = page.words[FIELD]!.box;
    printAt(page, 9, 16, 6);
    readBadly(page, field);
    const finding = judge(page);
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.below(pixelForensicsThresholds.region);
  });

  it('when the row beside a field is two short words, one glyph merged with a descender, then the sound field is not read as floating', () => {
    const page = printedPage(1);
    const [, y] = page.words[FIELD]!.box;
    // Only the words just left of the field share its row ("14 July" before "2010").
    page.words.splice(FIELD + 1, 1);
    const [x0, , x1, y1] = page.words[FIELD - 1]!.box;
    for (let row = y - 2; row < y1 + 2; row++) page.grey.data.fill(PAPER, row * WIDTH + x0 - 2, row * WIDTH + x1 + 2);
    const glyphAt = (x: number, hang = 0) => {
      ring(page.grey.data, x, y, 3);
      for (let row = y + 24; row < y + 24 + hang; row++) page.grey.data.fill(INK, row * WIDTH + x + 8, row * WIDTH + x + 11);
    };
    [226, 242].forEach((x) => glyphAt(x));
    [268, 284].forEach((x) => glyphAt(x));
    glyphAt(302, 8);
    page.words[FIELD - 1]!.box = [226, y, 256, y + 24];
    page.words.splice(FIELD - 1, 0, {
      box: [268, y, 316, y + 32],
      word: { text: 'July', box: [268, y, 316, y + 32], line: 12, confidence: 95, symbols: [] },
    });
    const finding = judge(page);
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.below(pixelForensicsThresholds.region);
  });

  it('when every row is printed at one size, then nothing is raised', () => {
    expect(judge(printedPage(1))).to.equal(undefined);
  });

  it('when smaller print is pasted over the first glyphs of a field with no row mates, then the whole glyphs of the field set its lines and the paste is named', () => {
    const page = printedPage(1);
    // An amount alone in its column: no word of its row is read.
    page.words.splice(FIELD + 1, 1);
    page.words.splice(FIELD - 1, 1);
    const field = page.words[FIELD - 1]!;
    const [x0, y0] = field.box;
    // The paste covers the top of the first two glyphs (their stumps stay below it); the last two stand whole.
    for (let y = y0 - 2; y < y0 + 17; y++) page.grey.data.fill(PAPER, y * WIDTH + x0 - 2, y * WIDTH + x0 + 37);
    const pasted = printOutlines(page, x0, y0, { count: 4, width: 7, height: 16, step: 9, stroke: 2 });
    field.word = { ...field.word, text: '21898.92.00', confidence: 37 };
    const finding = judge(page)!;
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted)).to.equal(true);
  });

  it('when a field with no row mates is printed at one size, then nothing is raised', () => {
    const page = printedPage(1);
    page.words.splice(FIELD + 1, 1);
    page.words.splice(FIELD - 1, 1);
    expect(judge(page)).to.equal(undefined);
  });
});
