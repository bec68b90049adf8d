import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { cloneGlyph, namesPair, saveAsScanner, soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;
/** The low end of the qualities image-only PDF pages are saved at: the save's rounding there is as large as the paper's grain. */
const QUALITY = 60;

/** A sound page as a forger opens it: an image-only PDF's JPEG, decoded. */
async function openedPage(): Promise<SyntheticPage> {
  const page = await soundPage();
  await saveAsScanner(page, QUALITY);
  return page;
}

/** Copy-move's finding on the page saved again as the PDF's JPEG, read with that JPEG's own table as the pipeline reads it. */
async function copyMoveOf(page: SyntheticPage): Promise<PixelFinding> {
  const jpeg = await saveAsScanner(page, QUALITY);
  const geometry = { degrees: 0, width: page.width };
  const { pixels } = await analysePage(jpeg, page.words, geometry, MAX_PIXELS, true, page.words, undefined, lumaTable(jpeg));
  return pixels.findings.find((f) => f.signal === 'copy_move')!;
}

describe('forensics: copy-move on a JPEG page saved again', () => {
  it('when no glyph was copied and the page was saved twice, then no pair of prints looks like a copy', async () => {
    const finding = await copyMoveOf(await openedPage());
    expect(finding.value, JSON.stringify(finding)).to.be.at.most(pixelForensicsThresholds.copy_move);
  });

  it('when a digit of a saved JPEG page is copied onto another phase of its block grid and the page saved again, then the copy and its source are named', async () => {
    const page = await openedPage();
    // Half a block apart across: the second save rounds the copy unlike its source.
    const from = wordOf(page, 3, 0).symbols[1]!.box;
    const to = wordOf(page, 15, 2).symbols[2]!.box;
    cloneGlyph(page, from, to);
    const finding = await copyMoveOf(page);
    expect(finding.value, JSON.stringify(finding)).to.be.greaterThan(pixelForensicsThresholds.copy_move);
    expect(namesPair(finding, from, to), JSON.stringify(finding)).to.equal(true);
  });
});
