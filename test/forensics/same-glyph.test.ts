import { expect } from 'chai';
import { sameGlyphFinding } from '../../worker/forensics/pixels/same-glyph';
import { typefaceFinding, type PrintedWord } from '../../worker/forensics/pixels/typeface';
import type { OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { INK, WIDTH, ring, soundPage, syntheticWords, wordAt, wordOf, type SyntheticPage } from './synthetic-page';

const printed = (page: SyntheticPage): PrintedWord[] =>
  page.words.map((word) => ({ word, box: word.box, glyphs: word.symbols, matters: true }));

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });

const at = (line: number, column: number) => (w: OcrWord) => w.box[0] === wordAt(line, column).x && w.box[1] === wordAt(line, column).y;

/**
 * Draws the glyph another face gives the same character: the page's ring of the same stroke left open
 * at the top, `height` pixels tall and standing on the ring's baseline (a donor face's digits printed
 * shorter than the page's at one point size).
 */
function otherFace(data: Uint8Array, x: number, y: number, height: number): void {
  for (let dy = 24 - height; dy < 24; dy++)
    for (let dx = 0; dx < 14; dx++) if (dx < 3 || dx >= 11 || dy >= 21) data[(y + dy) * WIDTH + x + dx] = INK;
}

/** Prints the words `picked` in the other face at `height`, the rest as `soundPage` does. */
const printing =
  (picked: (w: OcrWord) => boolean, height: number) =>
  (data: Uint8Array, w: OcrWord): void => {
    for (const g of w.symbols)
      if (picked(w)) otherFace(data, g.box[0], g.box[1], height);
      else ring(data, g.box[0], g.box[1], 3);
  };

describe('pixel forensics: the same character printed in another shape', () => {
  it('when one field prints its characters in another shape, 15% shorter than the same characters elsewhere, then the region check flags that field', async () => {
    const page = await soundPage(5, printing(at(9, 1), 21));
    const finding = sameGlyphFinding(grey(page), printed(page));
    expect(finding?.box).to.deep.equal(wordOf(page, 9, 1).box);
    expect(finding!.measure).to.equal('glyphs_unlike_the_same_characters');
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when such a field is 15% shorter than every other print of its characters, then the typeface measure finds it no fair fellows and leaves it to this one', async () => {
    const page = await soundPage(5, printing(at(9, 1), 21));
    const typeface = typefaceFinding(grey(page), printed(page));
    expect(typeface?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });

  it('when every print of the page is alike, then no field reaches the threshold', async () => {
    const page = await soundPage(5);
    const finding = sameGlyphFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a row of values is set bold, then its glyphs are held to each other, not to body print, and no field is flagged', async () => {
    const bold = (w: OcrWord) => w.line === 9;
    const page = await soundPage(5, (data, w) => {
      for (const g of w.symbols) ring(data, g.box[0], g.box[1], bold(w) ? 6 : 3);
    });
    const finding = sameGlyphFinding(grey(page), printed(page));
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a field in another shape is read as characters printed nowhere else on the page, then it is not judged', async () => {
    const words = syntheticWords();
    const field = words.find(at(9, 1))!;
    field.text = 'ABCD';
    field.symbols = field.symbols.map((s, i) => ({ ...s, text: 'ABCD'[i]! }));
    const page = await soundPage(5, printing(at(9, 1), 21), words);
    const finding = sameGlyphFinding(grey(page), printed(page));
    expect(finding?.box).to.not.deep.equal(field.box);
  });
});
