import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { printScaleFinding } from '../../worker/forensics/pixels/print-scale';
import { paperFloor } from '../../worker/forensics/pixels/region-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, printedPage, type Page } from './paper-page';
import { INK, PAPER, WIDTH } from './synthetic-page';

/** A four-digit field in the middle column; the word left of it on its row is where the paste lands. */
const FIELD = 37;
const LEFT = FIELD - 1;

/** Clears a word's print and prints six outlined glyphs of 2/3 scale (16 px tall) from its top left; their box. */
function smallPrintAt(page: Page, index: number): Box {
  const [x0, y0, x1, y1] = page.words[index]!.box;
  for (let y = y0 - 2; y < y1 + 2; y++) page.grey.data.fill(PAPER, y * WIDTH + x0 - 2, y * WIDTH + x1 + 2);
  for (let g = 0; g < 6; g++)
    for (let y = y0; y < y0 + 16; y++)
      for (let x = x0 + g * 14; x < x0 + g * 14 + 9; x++) {
        const edge = x - x0 - g * 14 < 2 || x0 + g * 14 + 9 - x <= 2 || y - y0 < 2 || y0 + 16 - y <= 2;
        if (edge) page.grey.data[y * WIDTH + x] = INK;
      }
  return [x0, y0, x0 + 5 * 14 + 9, y0 + 16];
}

const judge = (page: Page) => printScaleFinding(page.grey, page.words, paperFloor(page.grey, pageLevels(page.grey)));

describe('forensics: print scale when the paste is the row', () => {
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
});
