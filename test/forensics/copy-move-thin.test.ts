import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { judgedPairs } from '../../worker/forensics/pixels/copy-move';
import type { Grey } from '../../worker/forensics/pixels/grey';
import type { Box } from '../../worker/ocr/port';
import { INK, PAPER } from './synthetic-page';

/** A "1": 4 px wide, so the paper compared round two prints is the strips above and below their ink. */
const W = 4;
const LINES = 6;
const GLYPHS = 6;
const PITCH_X = 37;
const PITCH_Y = 70;
const MARGIN = 20;
const WIDTH = MARGIN * 2 + GLYPHS * PITCH_X;
/** Where two prints side by side share the grain of the paper above and below them. */
const TWIN: [number, number] = [3, 2];
/** How much of their paper's grain the two share (0.8 squared, 0.64: what two prints of one sort code's 1s shared). */
const TWIN_SHARE = 0.8;

const boxOf = (line: number, k: number, height: number): Box => {
  const [x, y] = [MARGIN + k * PITCH_X, MARGIN + line * PITCH_Y];
  return [x, y, x + W, y + height];
};

/**
 * Thin prints of one glyph on lightly grained paper, `LINES` lines of `GLYPHS`, each `height` px tall: the
 * prints in one place on their lines share most of their ink's grain (each other's nearest fellows), as do the
 * pair at TWIN, side by side (two prints of one digit), which share the grain of the paper round them as well.
 */
function page(height: number): Grey {
  const pageHeight = MARGIN * 2 + LINES * PITCH_Y;
  const rng = new Rng(11);
  const noise = () => (rng.next() + rng.next() + rng.next() - 1.5) * 8;
  const data = new Uint8Array(WIDTH * pageHeight);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(PAPER + noise());
  const reach = PITCH_Y / 2 - 4;
  const field = () => Array.from({ length: (W + 16) * (height + 2 * reach) }, noise);
  const columns = Array.from({ length: GLYPHS }, field);
  const twinPaper = field();
  for (let line = 0; line < LINES; line++)
    for (let k = 0; k < GLYPHS; k++) {
      const [x0, y0] = boxOf(line, k, height);
      const twin = line === TWIN[0] && (k === TWIN[1] || k === TWIN[1] - 1);
      const column = line === TWIN[0] && k === TWIN[1] ? k - 1 : k;
      for (let y = -reach; y < height + reach; y++)
        for (let x = -8; x < W + 8; x++) {
          const j = (y + reach) * (W + 16) + x + 8;
          const i = (y0 + y) * WIDTH + x0 + x;
          if (x >= 0 && x < W && y >= 0 && y < height) data[i] = Math.round(INK + 0.9 * columns[column]![j]! + 0.44 * noise());
          else if (twin) data[i] = Math.round(PAPER + TWIN_SHARE * twinPaper[j]! + 0.6 * noise());
        }
    }
  return { data, width: WIDTH, height: pageHeight };
}

/** Every print paired with its fellows on its line and with the print in its place on the first line. */
function candidates(height: number): [Box, Box][] {
  const pairs: [Box, Box][] = [];
  for (let line = 0; line < LINES; line++)
    for (let k = 0; k < GLYPHS; k++) {
      for (let j = k + 1; j < GLYPHS; j++) pairs.push([boxOf(line, k, height), boxOf(line, j, height)]);
      if (line > 0) pairs.push([boxOf(0, k, height), boxOf(line, k, height)]);
    }
  return pairs;
}

const pairsOf = (height: number) => judgedPairs(page(height), candidates(height));
const same = (a: Box, b: Box) => a.every((v, i) => v === b[i]);
const isTwin = (height: number) => (p: { box: Box; twin: Box }) =>
  [boxOf(...TWIN, height), boxOf(TWIN[0], TWIN[1] - 1, height)].every((t) => same(t, p.box) || same(t, p.twin));

describe('forensics: copy-move on thin glyphs', () => {
  it('when two prints of a thin glyph share grain on the strips of paper above and below them, under 110 pixels in all, then their grain is not compared', () => {
    // 27 px tall: 6 rows of 8 px above and below each, past the ink's 2 px clearance (96 pixels).
    const pairs = pairsOf(27);
    expect(pairs, 'pairs are judged').to.not.be.empty;
    // Named, if at all, for being alike: no pair for the grain it shares (the twins, compared, share 0.6).
    for (const p of pairs) expect(p.shared, JSON.stringify(p)).to.be.below(0.2);
  });

  it('when the same thin prints are tall enough for their strips of paper to hold more, then the grain they share is counted', () => {
    // 44 px tall: 11 rows above and below each (176 pixels).
    const pair = pairsOf(44).find(isTwin(44));
    expect(pair, 'the pair is named').to.not.equal(undefined);
    expect(pair!.grain, JSON.stringify(pair)).to.be.greaterThan(0.4);
  });
});
