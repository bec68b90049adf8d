import { expect } from 'chai';
import { typefaceFinding, type PrintedWord } from '../../worker/forensics/pixels/typeface';
import type { OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { contrastRing, soundPage, syntheticWords, wordAt, wordOf, type SyntheticPage } from './synthetic-page';

const printed = (page: SyntheticPage): PrintedWord[] =>
  page.words.map((word) => ({ word, box: word.box, glyphs: word.symbols, matters: true }));

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });

/** Prints the words `picked` with `stem`-wide standing strokes and `bar`-thick lying ones, the rest as body text (3 and 3). */
const printing =
  (picked: (w: OcrWord) => boolean, stem: number, bar: number) =>
  (data: Uint8Array, w: OcrWord): void => {
    const [s, b] = picked(w) ? [stem, bar] : [3, 3];
    for (const g of w.symbols) contrastRing(data, g.box[0], g.box[1], s, b);
  };

const at = (line: number, column: number) => (w: OcrWord) => w.box[0] === wordAt(line, column).x && w.box[1] === wordAt(line, column).y;

/** The page's words, the one at (line, column) read as `text` (one character a glyph). */
function reading(line: number, column: number, text: string, words = syntheticWords()): OcrWord[] {
  const word = words.find(at(line, column))!;
  word.text = text;
  word.symbols = word.symbols.map((s, i) => ({ ...s, text: text[i]! }));
  return words;
}

describe('pixel forensics: print from another typeface', () => {
  it('when one field is printed in a face of thick stems and thin bars among even strokes, then the region check flags that field', async () => {
    const page = await soundPage(5, printing(at(9, 1), 5, 2));
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.box).to.deep.equal(wordOf(page, 9, 1).box);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when a row of values is set bold (every stroke thicker) in the body face, then no field is flagged', async () => {
    const page = await soundPage(
      5,
      printing((w) => w.line === 9, 5, 5),
    );
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a value on a row of bold print is printed heavier than body text, and its digits nowhere else so, then it is not flagged', async () => {
    // A closing balance beside its bold label and note: its digits' only other prints are body text.
    const words = reading(9, 0, 'ABCD', reading(9, 2, 'EFGH'));
    const page = await soundPage(
      5,
      (data, w) => {
        const [stem, bar] = at(9, 1)(w) ? [5, 3] : w.line === 9 ? [7, 3] : [3, 3];
        for (const g of w.symbols) contrastRing(data, g.box[0], g.box[1], stem, bar);
      },
      words,
    );
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });

  it('when the same heavier value stands on a row of body print, then the region check flags it', async () => {
    const page = await soundPage(5, printing(at(9, 1), 5, 3));
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.box).to.deep.equal(wordOf(page, 9, 1).box);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when a year in running text holds digits printed elsewhere only once, in a bold heading, then it is not flagged', async () => {
    // "2916" in body print; its digits appear once more each, in a bold heading.
    const words = reading(3, 0, '2916', reading(12, 1, '2916'));
    const page = await soundPage(5, printing(at(3, 0), 5, 5), words);
    const finding = typefaceFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });
});
