import { expect } from 'chai';
import { printBody } from '../../worker/forensics/pixels/field-paper';
import type { Box } from '../../worker/ocr/port';

/** Glyphs boxed as OCR boxes a printed "54.93p": digits standing on row 40, the "p"'s tail down to 47, the point small. */
const glyphs = (tail: number) => [
  { text: '5', box: [10, 20, 22, 40] as Box },
  { text: '4', box: [24, 20, 36, 41] as Box },
  { text: '.', box: [38, 37, 41, 40] as Box },
  { text: '9', box: [43, 20, 55, 40] as Box },
  { text: '3', box: [57, 20, 69, 40] as Box },
  { text: 'p', box: [71, 25, 83, tail] as Box },
];

describe('pixel forensics: the paper of a field read on its print body', () => {
  it("when a field's box hangs below its digits with a descender's tail, then its paper is read down to its digits' feet only", () => {
    expect(printBody([10, 20, 83, 47], glyphs(47))).to.deep.equal([10, 20, 83, 40]);
  });

  it("when nothing hangs below a field's digits, or it holds too few digits to tell its baseline, then its box is read whole", () => {
    expect(printBody([10, 20, 69, 41], glyphs(40).slice(0, 5))).to.equal(undefined);
    expect(printBody([71, 20, 95, 47], [glyphs(47)[0]!, glyphs(47)[5]!])).to.equal(undefined);
  });
});
