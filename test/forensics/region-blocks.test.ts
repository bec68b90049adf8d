import { expect } from 'chai';
import { regionFinding } from '../../worker/forensics/pixels/region-scan';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { INK, PAPER, soundPage, type SyntheticPage } from './synthetic-page';

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });
const meets = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Fills rows `top` to `bottom` (not included) between `left` and `right` with `level`. */
function fill(page: SyntheticPage, [left, top, right, bottom]: Box, level: number): void {
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) page.grey[y * page.width + x] = level;
}

/*
 * The synthetic page is 900 px wide: windows of 16 px, on the 8x8 grid. Beside its third column of words,
 * x 704-736 is paper: two windows wide, on two JPEG block columns each.
 */
const LEFT = 704;
const RIGHT = 736;

describe('forensics: the window scan and JPEG blocks the codec flattened', () => {
  it('when the paper two windows hold beside print lies in one JPEG block row each and the JPEG flattened those blocks, then the window scan does not name it', async () => {
    const page = await soundPage();
    // Print above and below, leaving the windows of rows 400-415 and 416-431 paper in block rows 51 and 52 only.
    fill(page, [LEFT, 400, RIGHT, 406], INK);
    fill(page, [LEFT, 424, RIGHT, 432], INK);
    fill(page, [LEFT, 406, RIGHT, 424], PAPER);
    const finding = regionFinding(grey(page))!;
    expect(finding.value, JSON.stringify(finding)).to.be.below(pixelForensicsThresholds.region);
  });

  it('when the flattened paper between the print spans two JPEG block rows in each window, then the window scan still names it', async () => {
    const page = await soundPage();
    fill(page, [LEFT, 400, RIGHT, 402], INK);
    fill(page, [LEFT, 430, RIGHT, 432], INK);
    const flattened: Box = [LEFT, 402, RIGHT, 430];
    fill(page, flattened, PAPER);
    const finding = regionFinding(grey(page))!;
    expect(finding.value, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(meets(finding.box, flattened)).to.equal(true);
  });
});
