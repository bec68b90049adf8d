import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import type { PlacedWord } from '../../worker/forensics/pixels/field-spans';
import { estimateSkew } from '../../worker/images/deskew';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { printScaleFinding } from '../../worker/forensics/pixels/print-scale';
import { paperFloor } from '../../worker/forensics/pixels/region-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { addGrain, overlaps, printedPage, printOutlines, type Page } from './paper-page';
import { HEIGHT, INK, PAPER, ring, WIDTH } from './synthetic-page';

/** A four-digit field in the middle column; the word left of it on its row is where the paste lands. */
const FIELD = 37;
const LEFT = FIELD - 1;

/** Clears a word's print and prints six outlined glyphs of 2/3 scale (16 px tall) from its top left; their box. */
function smallPrintAt(page: Page, index: number): Box {
  const [x0] = page.words[index]!.box;
  return printOutlines(page, x0, clearWord(page, index), { count: 6, width: 9, height: 16, step: 14, stroke: 2 });
}

/** Clears the print of the word at `index`; its top. */
function clearWord(page: Page, index: number): number {
  const [x0, y0, x1, y1] = page.words[index]!.box;
  for (let y = y0 - 2; y < y1 + 2; y++) page.grey.data.fill(PAPER, y * WIDTH + x0 - 2, y * WIDTH + x1 + 2);
  return y0;
}

/** Prints `count` outlined glyphs of 3/2 scale (21 by 36 px) from `x`, `top`; their box. */
const largePrintAt = (page: Page, x: number, top: number, count: number) =>
  printOutlines(page, x, top, { count, width: 21, height: 36, step: 30, stroke: 3 });

/** Pastes four glyphs of 3/2 scale over the field, read as `text`; their box. */
function pasteLargeOverField(page: Page, text: string): Box {
  const [fx] = page.words[FIELD]!.box;
  const pasted = largePrintAt(page, fx, clearWord(page, FIELD), 4);
  page.words[FIELD] = readAs(pasted, text);
  return pasted;
}

/**
 * Widens the word left of the field to eight glyphs, a label long enough to read the row's slope off,
 * and reads the row's other words as words, not fields: only the paste is judged.
 */
function labelledRow(page: Page): void {
  const [x0, y0] = page.words[LEFT]!.box;
  for (let g = 4; g < 8; g++) ring(page.grey.data, x0 + g * 20, y0, 3);
  page.words[LEFT] = readAs([x0, y0, x0 + 7 * 20 + 14, y0 + 24], 'Postcode');
  page.words[FIELD + 1] = readAs(page.words[FIELD + 1]!.box, 'Limited');
}

/** Reads the print in `box` as one word of the field's line. */
const readAs = (box: Box, text: string) => ({ box, word: { text, box, line: 12, confidence: 95, symbols: [] } });

/** A page OCR read as it lay, unturned. */
const UPRIGHT = { degrees: 0, width: WIDTH };

const judge = (page: Page, geometry = UPRIGHT) =>
  printScaleFinding(page.grey, page.words, paperFloor(page.grey, pageLevels(page.grey)), geometry);

/**
 * A sound page scanned turned so that its rows fall `slope` px per px (rising to the right when
 * negative, about the page's centre), each row two short words and a six-digit field: their four
 * glyphs (24 px tall, as lower case with ascenders) give too few glyph pairs two heights apart to read
 * the row's slope off, and the field's glyphs (21 px, as capitals and digits, their tops 3 px lower)
 * stand on the same baseline 100 px further on.
 */
function turnedPage(slope: number): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  const words: PlacedWord[] = [];
  const glyphsAt = (xs: number[], top: number, height: number): Box => {
    const at = xs.map((x) => [x, top + Math.round(slope * (x - WIDTH / 2))] as const);
    for (const [x, y] of at) ring(data, x, y, 3, INK, [14, height]);
    return [xs[0]!, Math.min(...at.map(([, y]) => y)), xs.at(-1)! + 14, Math.max(...at.map(([, y]) => y)) + height];
  };
  const read = (box: Box, text: string, line: number) => words.push({ box, word: { text, box, line, confidence: 95, symbols: [] } });
  for (let line = 0; line < 18; line++) {
    const top = 80 + line * 48;
    read(glyphsAt([100, 120, 140], top, 24), 'Hill', line);
    read(glyphsAt([200], top, 24), 'B', line);
    read(glyphsAt([300, 320, 340, 360, 380, 400], top + 3, 21), '462296', line);
  }
  addGrain(data, 1, 6);
  return { grey: { data, width: WIDTH, height: HEIGHT }, words };
}

/**
 * Widens the word left of the field to an eight-glyph label whose last four glyphs stand a pixel lower
 * (its feet rounded to the pixel either side of a row that is level), and reads the word right of the
 * field as a word: the label tips the row by a pixel over its short spans, which the row's far word is read along.
 */
function labelAPixelOff(page: Page): void {
  const [x0] = page.words[LEFT]!.box;
  const top = clearWord(page, LEFT);
  for (let g = 0; g < 8; g++) ring(page.grey.data, x0 + g * 20, top + (g < 4 ? 0 : 1), 3);
  page.words[LEFT] = readAs([x0, top, x0 + 7 * 20 + 14, top + 25], 'Statement');
  page.words[FIELD + 1] = readAs(page.words[FIELD + 1]!.box, 'Limited');
}

describe('forensics: print scale when the paste is the row', () => {
  it("when a sound page is turned by a degree or more and a row's feet cannot resolve its slope, then no glyph is print-scaled", () => {
    const page = turnedPage(-Math.tan((1.6 * Math.PI) / 180));
    // The turn as clean-up measures it, in its own frame: the rows are then read along the page's skew.
    const geometry = { degrees: estimateSkew(page.grey), width: WIDTH };
    expect(geometry.degrees).to.be.at.least(1);
    const finding = judge(page, geometry);
    expect(finding, JSON.stringify(finding)).to.equal(undefined);
  });

  it("when the row's label has feet a pixel apart over its short spans, then the row is read level and a larger paste between it and a far word is named", () => {
    const page = printedPage(1);
    labelAPixelOff(page);
    const pasted = pasteLargeOverField(page, '01/11/2026');
    const finding = judge(page);
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding!.box, pasted)).to.equal(true);
  });

  it('when smaller print is pasted beside a field left standing, then the finding names the paste as well as the field', () => {
    const page = printedPage(1);
    // The field's only row mate is the word to its left (the one to its right is gone from the row).
    page.words.splice(FIELD + 1, 1);
    const pasted = smallPrintAt(page, LEFT);
    page.words[LEFT] = { box: pasted, word: { text: 'January', box: pasted, line: 12, confidence: 95, symbols: [] } };
    const finding = judge(page)!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted), JSON.stringify(finding.box)).to.equal(true);
  });

  it('when a field whose only row mate is a four-digit year is pasted at 2/3 scale, then the paste is named', () => {
    const page = printedPage(1);
    // "27th October 2026" with its first two words pasted over: the year alone is left on the row to read it against.
    page.words.splice(LEFT, 1);
    const field = FIELD - 1;
    const box = page.words[field]!.box;
    const pasted = smallPrintAt(page, field);
    page.words[field] = { box, word: { text: '241112025ctober', box, line: 12, confidence: 15, symbols: [] } };
    const finding = judge(page)!;
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted)).to.equal(true);
  });

  it('when a paste of larger print is read as two words, one the row mate of the other, then the row is not tilted onto the paste and the paste is named', () => {
    const page = printedPage(1);
    labelledRow(page);
    // The field and the word right of it pasted at 3/2: "6PP" beside "G2", both read well, each the other's row mate.
    const pasted = pasteLargeOverField(page, '2465');
    const [rx] = page.words[FIELD + 1]!.box;
    page.words[FIELD + 1] = readAs(largePrintAt(page, rx, clearWord(page, FIELD + 1), 3), '6PP');
    const finding = judge(page)!;
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, pasted)).to.equal(true);
  });

  it('when a paste of larger print is split by OCR into words of two glyphs each, then their glyphs are counted together and the paste is named', () => {
    const page = printedPage(1);
    labelledRow(page);
    // "G2 6PP" read as two words side by side on one paste, two sinking glyphs each (one word's two are not enough).
    const [fx] = page.words[FIELD]!.box;
    const top = clearWord(page, FIELD);
    const first = largePrintAt(page, fx, top, 2);
    const second = largePrintAt(page, first[2] + 20, top, 2);
    page.words.splice(FIELD, 1, readAs(first, 'G2'), readAs(second, '6PP'));
    const finding = judge(page)!;
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, first) && overlaps(finding.box, second)).to.equal(true);
  });
});
