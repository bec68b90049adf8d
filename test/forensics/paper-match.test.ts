import { expect } from 'chai';
import { paperMatchFinding } from '../../worker/forensics/pixels/paper-match';
import { stronger } from '../../worker/forensics/pixels/types';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { eachSoundPage } from './reading-pages';
import { overlaps, pasteFromAnother, printedPage } from './paper-page';

describe('forensics: paper of a field against its surroundings', () => {
  it('when a page is printed and scanned evenly, then no field is judged past the region threshold', () => {
    const page = printedPage(1);
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.measure).to.equal('paper_unlike_its_surroundings');
    expect(finding.value).to.be.below(pixelForensicsThresholds.region);
  });

  for (const { paper, word, grain } of [
    { paper: 'grainier', word: 37, grain: 12 },
    { paper: 'smoother', word: 17, grain: 2 },
  ])
    it(`when a field is pasted from another document with ${paper} paper, then its box is named past the threshold`, () => {
      const page = printedPage(1);
      const patch = pasteFromAnother(page, word, grain);
      const finding = paperMatchFinding(page.grey, page.words)!;
      expect(finding.value).to.be.above(pixelForensicsThresholds.region);
      expect(overlaps(finding.box, patch), JSON.stringify(finding)).to.equal(true);
    });

  it('when a value sits just above a table rule, then its paper is not judged against paper beside the rule', async function () {
    this.timeout(300_000);
    // An image-only PDF statement of the reading corpus (`make forensics-sound`, seed 71): its last
    // balance, 1090.50, reached 1.07 in units of sound reach against row and ring paper whose only print
    // nearby was the closing rule under it.
    const statement = { type: 'bank_statement', layout: 'appStatement', rendering: 'image_pdf', seed: 71102216 } as const;
    await eachSoundPage([statement], async (_, page) => {
      const region = page.pixels.findings.find((f) => f.signal === 'region');
      const onTheValue = region?.measure === 'paper_unlike_its_surroundings' && region.word === '1090.50';
      expect(onTheValue ? region.value : 0, JSON.stringify(region)).to.be.below(0.8);
    });
  });

  it('when the window scan and the paper match both found a region, then the check judges the one further past sound paper', () => {
    const at = (value: number): PixelFinding => ({ signal: 'region', box: [0, 0, 1, 1], word: '', measure: String(value), value });
    expect(stronger(at(1), at(2))!.value).to.equal(2);
    expect(stronger(at(3), at(2))!.value).to.equal(3);
    expect(stronger(undefined, at(2))!.value).to.equal(2);
    expect(stronger(at(1), undefined)!.value).to.equal(1);
  });
});
