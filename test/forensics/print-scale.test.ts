import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { printScaleFinding } from '../../worker/forensics/pixels/print-scale';
import { paperFloor } from '../../worker/forensics/pixels/region-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, printedPage, printOutlines, type Page } from './paper-page';
import { INK, PAPER, ring, WIDTH } from './synthetic-page';

/** Clears the print of the row at `y` from `x0` to `x1` and drops its words there: room to set a field by hand. */
function clearRow(page: Page, y: number, x0: number, x1: number): void {
  for (let row = y - 2; row < y + 34; row++) page.grey.data.fill(PAPER, row * WIDTH + x0, row * WIDTH + x1);
  page.words = page.words.filter((w) => w.box[3] <= y - 2 || w.box[1] >= y + 34 || w.box[2] <= x0 || w.box[0] >= x1);
}

/** A page whose field's row is cleared from the row's start (or from the field on): `x`, `y` are the field's top left. */
function fieldAloneOnItsRow(keepLeftOfField = false): { page: Page; x: number; y: number } {
  const page = printedPage(1);
  const [x, y] = page.words[FIELD]!.box;
  clearRow(page, y, keepLeftOfField ? x : 0, WIDTH);
  return { page, x, y };
}

/** A word OCR read on line 12 (the field's), boxed over `box`. */
function readAs(page: Page, text: string, confidence: number, box: Box): void {
  page.words.push({ box, word: { text, box, line: 12, confidence, symbols: [] } });
}

/** `count` glyphs of body size (14 by 24) from `x`, 20 apart, as the page prints its words; their box. */
function bodyGlyphs(page: Page, x: number, y: number, count: number): Box {
  for (let g = 0; g < count; g++) ring(page.grey.data, x + g * 20, y, 3);
  return [x, y, x + (count - 1) * 20 + 14, y + 24];
}

/** `count` glyphs at 2/3 of body size (9 by 16) from `x`, 13 apart: print pasted from a capture at 2/3 of the page's resolution. */
const smallGlyphs = (page: Page, x: number, y: number, count: number): Box =>
  printOutlines(page, x, y, { count, width: 9, height: 16, step: 13, stroke: 2 });

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

/** Print scale raises the page past its threshold, naming a box over `pasted`. */
function expectNamed(page: Page, pasted: Box): void {
  const finding = judge(page);
  expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
  expect(overlaps(finding!.box, pasted)).to.equal(true);
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
    expectNamed(page, pasted);
  });

  it('when a field is pasted from a capture at 3/2 of the page resolution, then its glyphs sink below the baseline and the paste is named', () => {
    const page = printedPage(1);
    const pasted = printAt(page, 21, 36);
    readBadly(page, pasted);
    expectNamed(page, pasted);
  });

  it('when a field is pasted from a donor printed a fifth larger than the row, then its glyphs sink below the baseline and the paste is named', () => {
    const page = printedPage(1);
    const pasted = printAt(page, 17, 29);
    readBadly(page, pasted);
    expectNamed(page, pasted);
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
    expectNamed(page, pasted);
  });

  it('when a field with no row mates is printed at one size, then nothing is raised', () => {
    const page = printedPage(1);
    page.words.splice(FIELD + 1, 1);
    page.words.splice(FIELD - 1, 1);
    expect(judge(page)).to.equal(undefined);
  });

  it('when a postcode alone on its line is pasted smaller over its first half, and OCR reads the paste and what is left as two words, then the glyphs left standing set its lines and the paste is named', () => {
    const { page, x, y } = fieldAloneOnItsRow();
    const pasted = smallGlyphs(page, x, y, 4);
    const left = bodyGlyphs(page, pasted[2] + 4, y, 2);
    // The paste reads well alone; what it left standing reads as a word of no known kind.
    readAs(page, '1848', 93, pasted);
    readAs(page, 'LNDP', 25, [pasted[2] + 4, y, left[2], left[3]]);
    expectNamed(page, pasted);
  });

  it('when a postcode alone on its line is read as two words of one size, then nothing is raised', () => {
    const { page, x, y } = fieldAloneOnItsRow();
    readAs(page, '1848', 93, bodyGlyphs(page, x, y, 4));
    readAs(page, '3LN', 91, bodyGlyphs(page, x + 90, y, 3));
    expect(judge(page)).to.equal(undefined);
  });

  it('when a smaller paste is read as three words that fill most of its row, then the row is read off the print beyond the field and the paste is named', () => {
    const { page, x, y } = fieldAloneOnItsRow(true);
    // Three words of three small glyphs, 12 px apart (one field to OCR's spacing), then a label of body print.
    const parts = [0, 1, 2].map((i) => smallGlyphs(page, x + i * 45, y, 3));
    parts.forEach((box, i) => readAs(page, ['184', '201', '899'][i]!, 95, box));
    readAs(page, 'Date', 95, bodyGlyphs(page, parts[2]![2] + 50, y, 4));
    expectNamed(page, parts[1]!);
  });

  it('when the last glyph left standing hangs a tail below the others, then the other standing glyphs still set its size and the paste is named', () => {
    const { page, x, y } = fieldAloneOnItsRow();
    const pasted = smallGlyphs(page, x, y, 4);
    bodyGlyphs(page, pasted[2] + 6, y, 2);
    // A Q: a body glyph with a tail 6 px below the baseline.
    ring(page.grey.data, pasted[2] + 46, y, 3, INK, [14, 30]);
    readAs(page, 'AB109GH2ZQ', 20, [x, y, pasted[2] + 60, y + 30]);
    expectNamed(page, pasted);
  });

  it('when a smaller paste is read as one word of no field at middling confidence, then its glyphs are still judged and the paste is named', () => {
    const page = printedPage(1);
    const word = page.words[FIELD]!;
    const pasted = printAt(page, 9, 16);
    // Read as letters with a digit read wrong, at 61: no field's reading, and not so bad as to be unread.
    word.word = { ...word.word, text: 'ECIVAJU', confidence: 61 };
    expectNamed(page, pasted);
  });

  it('when words printed at their rows size are read at middling confidence, then nothing is raised', () => {
    const page = printedPage(1);
    for (const w of page.words) w.word = { ...w.word, text: 'ECIVAJU', confidence: 61 };
    expect(judge(page)).to.equal(undefined);
  });

  it('when a postcode beside its town in capitals is pasted smaller, and nothing beyond the two shares the row, then the town sets the field size and the paste is named', () => {
    const { page, x, y } = fieldAloneOnItsRow();
    const town = bodyGlyphs(page, x, y, 4);
    const pasted = smallGlyphs(page, town[2] + 20, y, 4);
    readAs(page, 'YORK', 96, town);
    readAs(page, 'LS11', 93, pasted);
    expectNamed(page, pasted);
  });
});
