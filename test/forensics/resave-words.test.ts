import { expect } from 'chai';
import { blockUnits, resaveMapFinding, wordFinding } from '../../worker/forensics/pixels/resave-map';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { PAPER, printingBold, ring, saveAsScanner, soundPage, syntheticWords, WIDTH, type SyntheticPage } from './synthetic-page';

/** The word made a field of `glyphs` glyphs on its line (an account number). */
function longField(word: OcrWord, glyphs: number): OcrWord {
  const [x, y, , y1] = word.box;
  const symbols = Array.from({ length: glyphs }, (_, i) => ({ text: '0', box: [x + i * 20, y, x + i * 20 + 14, y1] as Box }));
  return { ...word, text: '0'.repeat(glyphs), box: [x, y, x + (glyphs - 1) * 20 + 14, y1], symbols };
}

/** Paints the word's box flat paper and prints it again bold and crisp, as a text tool does: held to the page's bold values. */
function retypeBold(page: SyntheticPage, word: OcrWord): void {
  const [x0, y0, x1, y1] = word.box;
  for (let y = y0 - 4; y < y1 + 4; y++) for (let x = x0 - 4; x < x1 + 4; x++) page.grey[y * WIDTH + x] = PAPER;
  for (const s of word.symbols) ring(page.grey, s.box[0], s.box[1], 5, 5);
}

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });
const asRead = (words: OcrWord[]) => words.map((w) => ({ box: w.box, word: w.text }));
/** A page's values set bold (every sixth word, and the field's place). */
const BOLD = new Set([...Array.from({ length: 11 }, (_, i) => 6 * i + 2), 27]);

describe('forensics: one more JPEG save over the blocks of each word OCR read', () => {
  it('when a bold value is retyped between two saves, then the word whose blocks moved most together is that value, past the threshold', async () => {
    const words = syntheticWords();
    const field = longField(words[27]!, 12);
    words[27] = field;
    const page = await soundPage(1, printingBold(BOLD), words);
    await saveAsScanner(page);
    retypeBold(page, field);
    const jpeg = await saveAsScanner(page);
    const finding = wordFinding(blockUnits(grey(page), lumaTable(jpeg)!), asRead(words))!;
    expect(finding.measure).to.equal('word_changed_most_by_one_more_save');
    expect(finding.box).to.deep.equal(field.box);
    expect(finding.value).to.be.greaterThan(pixelForensicsThresholds.compression);
  });

  it('when a sound page, some of its values set bold, is saved twice and OCR read every word, then no word reaches the threshold', async () => {
    for (const page of [
      await soundPage(1),
      await soundPage(2),
      await soundPage(3, printingBold(BOLD)),
      await soundPage(4, printingBold(BOLD)),
    ]) {
      await saveAsScanner(page);
      const jpeg = await saveAsScanner(page);
      expect(wordFinding(blockUnits(grey(page), lumaTable(jpeg)!), asRead(page.words))?.value ?? 0).to.be.at.most(
        pixelForensicsThresholds.compression,
      );
    }
  });

  it('when OCR read words on the page, then the finding is the further past sound print of the worst cluster and the worst word', async () => {
    const words = syntheticWords();
    const field = longField(words[27]!, 12);
    words[27] = field;
    const page = await soundPage(2, printingBold(BOLD), words);
    await saveAsScanner(page);
    retypeBold(page, field);
    const table = lumaTable(await saveAsScanner(page))!;
    const blocks = blockUnits(grey(page), table);
    const both = resaveMapFinding(grey(page), table, asRead(words))!;
    expect(both.value).to.equal(Math.max(resaveMapFinding(grey(page), table)!.value, wordFinding(blocks, asRead(words))!.value));
  });
});
