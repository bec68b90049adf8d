import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { asPng, INK, namesPair, ring, soundPage, WIDTH, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

async function copyMoveOf(page: SyntheticPage): Promise<PixelFinding> {
  const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
  return pixels.findings.find((f) => f.signal === 'copy_move')!;
}

/** The word whose third glyph a forger changes, and the word its source glyph is copied from. */
const [CHANGED, SOURCE] = [40, 12];
/** The source glyph's strokes: another digit than the page's others, so that the copy's likest fellow is its source. */
const SOURCE_STROKE = 5;
/** The changed word's third glyph printed this much wider than the page's: a wider digit. */
const WIDER = 2;

describe('forensics: copy-move on a clone whose rectangle is not its glyph', () => {
  it('when a clone leaves the edge of the wider digit it covered showing beside it, then the copy and its source are named', async () => {
    const page = await soundPage(1, (data, word, index) => {
      for (const [i, s] of word.symbols.entries())
        if (index === CHANGED && i === 2) ring(data, s.box[0], s.box[1], 3, INK, [s.box[2] - s.box[0] + WIDER, s.box[3] - s.box[1]]);
        else ring(data, s.box[0], s.box[1], index === SOURCE && i === 1 ? SOURCE_STROKE : 3);
    });
    const from = page.words[SOURCE]!.symbols[1]!.box;
    const to = page.words[CHANGED]!.symbols[2]!.box;
    // The source's glyph with 2 px of paper above, below and before it, cut at its own right edge: the covered digit's last columns stay.
    const copied: Box = [from[0] - 2, from[1] - 2, from[2], from[3] + 2];
    for (let y = copied[1]; y < copied[3]; y++)
      for (let x = copied[0]; x < copied[2]; x++)
        page.grey[(to[1] - from[1] + y) * WIDTH + to[0] - from[0] + x] = page.grey[y * WIDTH + x]!;
    const finding = await copyMoveOf(page);
    expect(finding.value, JSON.stringify(finding)).to.be.greaterThan(pixelForensicsThresholds.copy_move);
    expect(namesPair(finding, from, to), JSON.stringify(finding)).to.equal(true);
  });
});
