import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { regionFinding } from '../../worker/forensics/pixels/region-scan';
import type { Box } from '../../worker/ocr/port';
import { soundPage, type SyntheticPage } from './synthetic-page';

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });

/** A page larger than the synthetic one, striped with print and grained: it leaves marks and counts everywhere. */
function busyPage(rng: Rng) {
  const width = 1300;
  const height = 1400;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (i % width) % 23 < 4 ? 30 : 200 + Math.round(rng.next() * 50);
  return { data, width, height };
}

describe('forensics: the window scan page after page', () => {
  it('when a larger, busier page was scanned just before, then a page with a grainy patch gets the same finding as when scanned first', async () => {
    const page = await soundPage();
    const rng = new Rng(7);
    const patch: Box = [600, 920, 760, 970];
    for (let y = patch[1]; y < patch[3]; y++)
      for (let x = patch[0]; x < patch[2]; x++) page.grey[y * page.width + x] = Math.round(190 + rng.next() * 80);
    const first = regionFinding(grey(page));
    regionFinding(busyPage(rng));
    const after = regionFinding(grey(page));
    expect(first).to.not.equal(undefined);
    expect(after).to.deep.equal(first);
  });
});
