import { expect } from 'chai';
import { lookAlikes, wordGlyphs } from '../../worker/forensics/pixels/copy-move-glyphs';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { INK, soundPage, WIDTH, wordOf, type Printer, type SyntheticPage } from './synthetic-page';

/** A serif face's hairline: printed lighter than half-way from the paper to the ink, as a scan at 200 dpi leaves it. */
const HAIRLINE = 160;
const STEM = 3;

/** Draws a glyph box's outline, its standing sides ink and its lying ones (top and bottom) a hairline. */
function hairlineRing(data: Uint8Array, [x0, y0, x1, y1]: Box): void {
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const side = x < x0 + STEM || x >= x1 - STEM;
      const bar = y < y0 + STEM || y >= y1 - STEM;
      if (side) data[y * WIDTH + x] = INK;
      else if (bar) data[y * WIDTH + x] = HAIRLINE;
    }
}

const hairlines: Printer = (data, word) => {
  for (const s of word.symbols) hairlineRing(data, s.box);
};

const glyphsOf = (page: SyntheticPage, word: OcrWord) =>
  wordGlyphs({ data: new Uint8Array(page.grey), width: page.width, height: page.height }, word.box);

describe('forensics: copy-move finds glyphs as blobs of ink', () => {
  it("when a glyph's hairlines print lighter than half-way to the ink, then it is found whole, not as its two sides", async () => {
    const page = await soundPage(1, hairlines);
    const word = wordOf(page, 4, 1);
    const glyphs = glyphsOf(page, word);
    expect(glyphs, JSON.stringify(glyphs)).to.have.length(word.symbols.length);
    for (const [i, g] of glyphs.entries()) {
      const s = word.symbols[i]!.box;
      expect(g[0], JSON.stringify(g)).to.be.at.most(s[0]);
      expect(g[2], JSON.stringify(g)).to.be.at.least(s[2]);
    }
  });

  it('when two glyphs with faint hairlines stand two pixels apart, then each is found whole and apart from the other', async () => {
    const close = 4;
    // The word's second glyph printed two pixels past its first.
    const page = await soundPage(1, (data, word, index) => {
      if (index !== close) return hairlines(data, word, index);
      const [a, b, ...rest] = word.symbols.map((s) => s.box);
      for (const box of rest) hairlineRing(data, box);
      hairlineRing(data, a!);
      hairlineRing(data, [a![2] + 2, b![1], a![2] + 2 + (b![2] - b![0]), b![3]]);
    });
    const a = page.words[close]!.symbols[0]!.box;
    const glyphs = glyphsOf(page, page.words[close]!);
    expect(
      glyphs.some((g) => g[0] <= a[0] && g[2] > a[2] + 2),
      JSON.stringify(glyphs),
    ).to.equal(false);
    expect(
      glyphs.some((g) => g[0] <= a[0] && g[2] >= a[2]),
      JSON.stringify(glyphs),
    ).to.equal(true);
    expect(glyphs, JSON.stringify(glyphs)).to.have.length(page.words[close]!.symbols.length);
  });

  it('when two glyphs stand a pixel apart, the paper boxed with each overlapping, then the two are compared as a pair', async () => {
    const page = await soundPage();
    const [a, b] = wordOf(page, 4, 1).symbols.map((s) => s.box);
    // Each glyph's ink boxed with a pixel of paper, the second set a pixel past the first's ink, as a clone onto its neighbour may lie.
    const left: Box = [a![0] - 1, a![1] - 1, a![2] + 1, a![3] + 1];
    const right: Box = [a![2], b![1] - 1, a![2] + (a![2] - a![0]) + 2, b![3] + 1];
    const grey = { data: new Uint8Array(page.grey), width: page.width, height: page.height };
    const pairs = lookAlikes(grey, [left, right], 2);
    expect(pairs, JSON.stringify(pairs)).to.deep.equal([[left, right]]);
  });
});
