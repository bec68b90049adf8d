import { expect } from 'chai';
import { typefaceFinding, type PrintedWord } from '../../worker/forensics/pixels/typeface';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const printed = (page: SyntheticPage): PrintedWord[] =>
  page.words.map((word) => ({ word, box: word.box, glyphs: word.symbols, matters: true }));
const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });

describe('pixel forensics: a typeface read only on glyphs OCR boxed apart', () => {
  it("when OCR boxes three of a sound field's glyphs over their neighbours' print, then the field is not taken for another typeface", async () => {
    const page = await soundPage(5);
    const field = wordOf(page, 9, 1);
    const [a, b, c, d] = field.symbols.map((s) => s.box);
    // As OCR boxed a sound "9504": the "0" over "504", the "4" and the "5" reaching into their neighbours.
    const boxes: Box[] = [a!, [b![0], b![1], c![2], b![3]], [b![0], c![1], d![2], c![3]], [c![0], d![1], d![2], d![3]]];
    field.symbols = field.symbols.map((s, i) => ({ ...s, box: boxes[i]! }));
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });
});
