import { expect } from 'chai';
import { generateForgery, type Technique } from '../../fixtures/forgeries';
import { decodeGrey } from '../../worker/forensics/pixels/grey';
import { gridTrace } from '../../worker/forensics/pixels/grid';
import { blockHistory, regionHistory } from '../../worker/forensics/pixels/jpeg-history';
import type { Box } from '../../worker/ocr/port';

/** A generated bank statement photo; seed 11 re-saves its forgery at a finer quality than the photo's. */
async function photo(technique: Technique): Promise<{ mean: number; box: Box }> {
  const doc = await generateForgery({ type: 'bank_statement', rendering: 'photo_jpeg', technique, seed: 11 });
  const page = await decodeGrey(doc.bytes, 40_000_000);
  const grid = gridTrace(page, [0, 0, page.width, page.height], 4);
  const history = blockHistory(page, (grid.phaseX + 1) & 7, (grid.phaseY + 1) & 7);
  const forged = (await generateForgery({ type: 'bank_statement', rendering: 'photo_jpeg', technique: 'resave_quality', seed: 11 })).box!;
  return { mean: regionHistory(history, forged).mean, box: forged };
}

describe('forensics: JPEG history of a page', function () {
  this.timeout(120_000);

  it('when a photo is saved once more at its own quality, then its fields read as saved with the page (log-likelihood ratio below zero)', async () => {
    expect((await photo('sound')).mean).to.be.below(0);
  });

  it('when a field is retyped on a photo saved again at a finer quality, then that field reads as saved once (ratio above 0.3, more than a field of a sound page reached)', async () => {
    expect((await photo('resave_quality')).mean).to.be.above(0.3);
  });
});
