import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import { Rng } from '../../fixtures/random';
import type { Grey } from '../../worker/forensics/pixels/grey';
import { paperMatchFinding, type PlacedWord } from '../../worker/forensics/pixels/paper-match';
import { stronger } from '../../worker/forensics/pixels/types';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { eachSoundPage } from './reading-pages';
import { HEIGHT, PAPER, ring, WIDTH, wordAt } from './synthetic-page';

/**
 * A page of 22 lines of three four-digit words (rings of ink), on paper with white grain of `grain` grey
 * levels, drawn here pixel by pixel in one channel so that each document's grain is exactly as set.
 */
interface Page {
  grey: Grey;
  words: PlacedWord[];
}

function printedPage(seed: number, grain = 6): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  const words: PlacedWord[] = [];
  for (let line = 0; line < 22; line++)
    for (let column = 0; column < 3; column++) {
      const { x, y } = wordAt(line, column);
      for (let g = 0; g < 4; g++) ring(data, x + g * 20, y, 3);
      const box: Box = [x, y, x + 74, y + 24];
      words.push({ box, word: { text: '0000', box, line, confidence: 95, symbols: [] } });
    }
  const rng = new Rng(seed);
  for (let i = 0; i < data.length; i++) data[i] = clamp(data[i]! + (rng.next() + rng.next() + rng.next() - 1.5) * 2 * grain);
  return { grey: { data, width: WIDTH, height: HEIGHT }, words };
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Pastes the same word of another document over the word at `index`, with `margin` pixels of its paper, grained `grain`. */
function pasteFromAnother(page: Page, index: number, grain: number, margin = 3): Box {
  const donor = printedPage(7, grain);
  const [x0, y0, x1, y1] = page.words[index]!.box;
  const patch: Box = [x0 - margin, y0 - margin, x1 + margin, y1 + margin + 4];
  for (let y = patch[1]; y < patch[3]; y++)
    for (let x = patch[0]; x < patch[2]; x++) page.grey.data[y * WIDTH + x] = donor.grey.data[y * WIDTH + x]!;
  return patch;
}

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
