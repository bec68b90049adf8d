import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { cloneCandidates, cloneWords } from '../../worker/forensics/pixels/copy-move-glyphs';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { asPng, cloneGlyph, namesPair, soundPage, syntheticWords, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

async function copyMoveOf(page: SyntheticPage): Promise<PixelFinding> {
  const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
  return pixels.findings.find((f) => f.signal === 'copy_move')!;
}

/** The page's words with one of them read otherwise: the print stays, only what OCR made of it changes. */
const misread = (page: SyntheticPage, word: OcrWord, as: Partial<OcrWord>): SyntheticPage => ({
  ...page,
  words: page.words.map((w) => (w === word ? { ...w, ...as } : w)),
});

/** Line 9's first two words, the second set a word space after the first, as a postcode's halves are. */
const POSTCODE_HALVES = [27, 28] as const;

/** The synthetic page's words with line 9's first two set as a postcode's halves, read as `first` and `second`. */
function halvesRead(first: string, second: string): OcrWord[] {
  const [a, b] = POSTCODE_HALVES;
  return syntheticWords().map((w, i, all) => {
    if (i === a) return { ...w, text: first };
    if (i !== b) return w;
    const shift = w.box[0] - (all[a]!.box[2] + 12);
    const moved = (box: OcrWord['box']): OcrWord['box'] => [box[0] - shift, box[1], box[2] - shift, box[3]];
    return { ...w, text: second, box: moved(w.box), symbols: w.symbols.map((sym) => ({ ...sym, box: moved(sym.box) })) };
  });
}

describe('forensics: copy-move on the words OCR misread', () => {
  for (const [how, as] of [
    ['with one digit, not as a field', { text: 'YCZ0' }],
    ['with little confidence', { confidence: 40 }],
  ] as const)
    it(`when a digit is cloned within a word OCR read ${how}, then the copy and its source are named`, async () => {
      const page = await soundPage();
      const word = wordOf(page, 9, 1);
      const from = word.symbols[0]!.box;
      const to = word.symbols[2]!.box;
      cloneGlyph(page, from, to);
      const finding = await copyMoveOf(misread(page, word, as));
      expect(finding.value, JSON.stringify(finding)).to.be.greaterThan(pixelForensicsThresholds.copy_move);
      expect(namesPair(finding, from, to), JSON.stringify(finding)).to.equal(true);
    });

  it("when a digit is cloned from a postcode's half OCR read with no digit into its other half, then the copy and its source are named", async () => {
    // Line 9's second word set a space after its first, as a postcode's halves are; the first read "YOlA".
    const [first, second] = POSTCODE_HALVES;
    const words = halvesRead('YOlA', '1GZ0');
    const page = await soundPage(1, undefined, words);
    const from = words[first]!.symbols[0]!.box;
    const to = words[second]!.symbols[2]!.box;
    cloneGlyph(page, from, to);
    const finding = await copyMoveOf(page);
    expect(finding.value, JSON.stringify(finding)).to.be.greaterThan(pixelForensicsThresholds.copy_move);
    expect(namesPair(finding, from, to), JSON.stringify(finding)).to.equal(true);
  });

  for (const [text, compared] of [
    ['YOl', true],
    ['per', false],
  ] as const)
    it(`when a short word read "${text}" stands a space before a number on its line, then its glyphs are ${compared ? '' : 'not '}compared with the number's`, () => {
      // A postcode's half OCR misread keeps a capital; a lowercase word is running text ("per" before "35.18p").
      const { beside } = cloneWords(halvesRead(text, '35.18').map((word) => ({ word, box: word.box })));
      expect(beside.map((w) => w.word.text)).to.deep.equal(compared ? [text] : []);
    });

  it("when two glyphs of a word beside a number are alike, then they are paired only with the number's glyphs, not with each other", async () => {
    const page = await soundPage();
    const beside = wordOf(page, 9, 1);
    // The word's first glyph copied onto its third: the likest pair the page holds, as two letters of a month's name may be.
    cloneGlyph(page, beside.symbols[0]!.box, beside.symbols[2]!.box);
    const grey = { data: new Uint8Array(page.grey), width: page.width, height: page.height };
    const numbers = page.words.filter((w) => w !== beside).map((w) => w.box);
    const pairs = cloneCandidates(grey, numbers, { beside: [beside.box] });
    const inBeside = (b: Box) =>
      b[0] >= beside.box[0] - 2 && b[2] <= beside.box[2] + 2 && b[1] >= beside.box[1] - 2 && b[3] <= beside.box[3] + 2;
    expect(pairs.length, JSON.stringify(pairs)).to.be.greaterThan(0);
    expect(
      pairs.some((p) => inBeside(p.box) && inBeside(p.twin)),
      JSON.stringify(pairs),
    ).to.equal(false);
  });

  it('when no glyph was copied and some words were read with one digit or little confidence, then copy-move raises nothing', async () => {
    const page = await soundPage();
    let read = page;
    for (const [i, word] of page.words.entries())
      if (i % 4 === 0) read = misread(read, word, i % 8 === 0 ? { text: 'B5T' } : { confidence: 30 });
    const finding = await copyMoveOf(read);
    expect(finding.value, JSON.stringify(finding)).to.be.at.most(pixelForensicsThresholds.copy_move);
  });
});
