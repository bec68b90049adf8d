import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { regionFinding } from '../../worker/forensics/pixels/region-scan';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });
const meets = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Adds a JPEG's ringing to the paper within `reach` pixels of a word's print: a block's worth of grain beside each stroke. */
function ringAround(page: SyntheticPage, box: Box, reach: number, rng: Rng): void {
  for (let y = box[1] - reach; y < box[3] + reach; y++)
    for (let x = box[0] - reach; x < box[2] + reach; x++) {
      const i = y * page.width + x;
      if (page.grey[i]! > 150) page.grey[i] = Math.max(0, Math.min(255, page.grey[i]! + Math.round((rng.next() - 0.5) * 90)));
    }
}

describe('forensics: the window scan and the JPEG ringing beside print', () => {
  it('when a JPEG rang the paper beside a few lines of heavy print, then the window scan does not take that paper for a paste', async () => {
    const page = await soundPage();
    const rng = new Rng(7);
    const rung = [8, 9, 10].flatMap((line) => [0, 1, 2].map((column) => wordOf(page, line, column).box));
    for (const box of rung) ringAround(page, box, 7, rng);
    const finding = regionFinding(grey(page))!;
    expect(finding.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a grainier patch of paper lies clear of print, then the window scan still names it', async () => {
    const page = await soundPage();
    const rng = new Rng(7);
    // Between the second and third columns, below the last line: no print within a JPEG block of it.
    const patch: Box = [600, 920, 760, 970];
    ringAround(page, patch, 0, rng);
    const finding = regionFinding(grey(page))!;
    expect(finding.value).to.be.above(pixelForensicsThresholds.region);
    expect(meets(finding.box, patch)).to.equal(true);
  });
});
