import { expect } from 'chai';
import sharp from 'sharp';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { cloneGlyph, namesPair, soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/** The page as a photo saved at `quality`: the JPEG blurs any copy's difference from its source. */
async function copyMoveOf(page: SyntheticPage, quality: number): Promise<PixelFinding> {
  const jpeg = await sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  const { pixels } = await analysePage(jpeg, page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
  return pixels.findings.find((f) => f.signal === 'copy_move')!;
}

describe('forensics: copy-move on a re-saved photo', () => {
  it('when no glyph was copied, then no pair of prints shares its grain beyond the threshold', async () => {
    const finding = await copyMoveOf(await soundPage(), 85);
    expect(finding.value).to.be.at.most(pixelForensicsThresholds.copy_move);
  });

  for (const margin of [6, 2])
    it(`when a digit is cloned with ${margin} px of paper round it and the page saved as a JPEG, then the copy and its source are named`, async () => {
      const page = await soundPage();
      const from = wordOf(page, 3, 0).symbols[1]!.box;
      const to = wordOf(page, 15, 2).symbols[2]!.box;
      // 6 px: the paper above and below the digit comes with it, as with a rectangle selection (the words' rows are 16 pixels apart); 2 px: a tight selection.
      cloneGlyph(page, from, to, margin);
      const finding = await copyMoveOf(page, 85);
      expect(finding.value, JSON.stringify(finding)).to.be.greaterThan(pixelForensicsThresholds.copy_move);
      expect(namesPair(finding, from, to), JSON.stringify(finding)).to.equal(true);
    });
});
