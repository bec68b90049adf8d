import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { resaveMapFinding } from '../../worker/forensics/pixels/resave-map';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps } from './reading-pages';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { printingBold, retype, saveAsScanner, soundPage, syntheticWords, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/** The word made a field of `glyphs` glyphs on its line (an account number): a retype over a few glyphs covers too few blocks to tell from chance. */
function longField(word: OcrWord, glyphs: number): OcrWord {
  const [x, y, , y1] = word.box;
  const symbols = Array.from({ length: glyphs }, (_, i) => ({ text: '0', box: [x + i * 20, y, x + i * 20 + 14, y1] as Box }));
  return { ...word, text: '0'.repeat(glyphs), box: [x, y, x + (glyphs - 1) * 20 + 14, y1], symbols };
}

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height, channels: 1 as const });
const on = (finding: PixelFinding, box: Box) => overlaps(finding.box, { left: box[0], top: box[1], right: box[2], bottom: box[3] });

describe('forensics: one more JPEG save over every block of print', () => {
  it('when a field is retyped a little heavier between two saves and OCR read no word on it, then the compression check names its blocks', async () => {
    const words = syntheticWords();
    const field = longField(words[27]!, 9);
    words[27] = field;
    const page = await soundPage(1, undefined, words);
    await saveAsScanner(page);
    retype(page, field, 4);
    const jpeg = await saveAsScanner(page);
    const read = words.filter((w) => w !== field);
    const { pixels } = await analysePage(
      grey(page),
      read,
      { degrees: 0, width: page.width },
      MAX_PIXELS,
      true,
      read,
      undefined,
      lumaTable(jpeg),
    );
    const finding = pixels.findings.find((f) => f.signal === 'compression')!;
    expect(finding.measure).to.equal('blocks_changed_most_by_one_more_save');
    expect(on(finding, field.box)).to.equal(true);
    expect(finding.value).to.be.greaterThan(pixelForensicsThresholds.compression);
  });

  it('when a sound page, some of its values set bold, is saved twice at one table, then no cluster of blocks reaches the threshold', async () => {
    // Bold print has more edges to a block than body text and moves more: it is held to blocks of its own energy.
    const bold = new Set(Array.from({ length: 11 }, (_, i) => 6 * i + 2));
    for (const page of [await soundPage(1), await soundPage(2), await soundPage(3, printingBold(bold))]) {
      await saveAsScanner(page);
      const jpeg = await saveAsScanner(page);
      expect(resaveMapFinding(grey(page), lumaTable(jpeg)!)?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
    }
  });

  it('when the page carries no JPEG table (an upload, a rendered page), then the blocks are not measured', async () => {
    const page = await soundPage();
    await saveAsScanner(page);
    retype(page, wordOf(page, 9, 1), 3);
    await saveAsScanner(page);
    const { pixels } = await analysePage(grey(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
    expect(pixels.findings.map((f) => f.measure)).not.to.include('blocks_changed_most_by_one_more_save');
  });
});
