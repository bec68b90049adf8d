import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { judgedPairs } from '../../worker/forensics/pixels/copy-move';
import type { Grey } from '../../worker/forensics/pixels/grey';
import type { Box } from '../../worker/ocr/port';
import { INK, PAPER } from './synthetic-page';

const WIDTH = 400;
const LINES = 8;
const GLYPHS = 6;
const W = 14;
const H = 24;
/** A glyph's print with the paper round it: the part two prints may share. */
const PAD_X = 4;
const PAD_Y = 10;
const INK_SHARE = 0.9;

/** Each print's box, one object per print (copy-move knows a glyph by its box). */
const BOXES: Box[][] = Array.from({ length: LINES }, (_, line) =>
  Array.from({ length: GLYPHS }, (_, k): Box => [20 + k * 57, 20 + line * 53, 20 + k * 57 + W, 20 + line * 53 + H]),
);
const boxOf = (line: number, k: number): Box => BOXES[line]![k]!;

/** Grain for one print's region: centred noise. */
function grainField(rng: Rng): number[] {
  return Array.from({ length: (W + 2 * PAD_X) * (H + 2 * PAD_Y) }, () => (rng.next() + rng.next() + rng.next() - 1.5) * 16);
}

/**
 * Blocks of ink on grainy paper, `LINES` lines of `GLYPHS`: the prints of one line share `lineShare` of their
 * paper's grain (a JPEG's ringing, the same on the same rows of its block grid), and the prints in one
 * place on their lines share most of their ink's grain (prints of one glyph at one position on the
 * pixel grid, each other's nearest fellow); so does the print at `twin` with its left neighbour (two
 * prints of one digit side by side). `copied`: that print replaced by its left neighbour, paper and all.
 */
function page(lineShare: number, twin: [number, number], copied = false): Grey {
  const height = 20 + LINES * 53;
  const rng = new Rng(3);
  const data = new Uint8Array(WIDTH * height).fill(PAPER);
  const lines = Array.from({ length: LINES }, () => grainField(rng));
  const columns = Array.from({ length: GLYPHS }, () => grainField(rng));
  const inInk = (x: number, y: number) => x >= 0 && x < W && y >= 0 && y < H;
  for (let line = 0; line < LINES; line++)
    for (let k = 0; k < GLYPHS; k++) {
      const [x0, y0] = boxOf(line, k);
      const own = grainField(rng);
      for (let y = -PAD_Y; y < H + PAD_Y; y++)
        for (let x = -PAD_X; x < W + PAD_X; x++) {
          const j = (y + PAD_Y) * (W + 2 * PAD_X) + x + PAD_X;
          const ink = inInk(x, y);
          const column = line === twin[0] && k === twin[1] ? k - 1 : k;
          const [share, common] = ink ? [INK_SHARE, columns[column]!] : [lineShare, lines[line]!];
          data[(y0 + y) * WIDTH + x0 + x] = Math.round((ink ? INK : PAPER) + share * common[j]! + Math.sqrt(1 - share * share) * own[j]!);
        }
    }
  if (copied) {
    const [x0, y0] = boxOf(...twin);
    const [x1, y1] = boxOf(twin[0], twin[1] - 1);
    for (let y = -PAD_Y; y < H + PAD_Y; y++)
      for (let x = -PAD_X; x < W + PAD_X; x++) data[(y0 + y) * WIDTH + x0 + x] = data[(y1 + y) * WIDTH + x1 + x]!;
  }
  return { data, width: WIDTH, height };
}

/** Every print paired with its fellows on its line and with the print in its place on the first line. */
function candidates(): [Box, Box][] {
  const pairs: [Box, Box][] = [];
  for (let line = 0; line < LINES; line++)
    for (let k = 0; k < GLYPHS; k++) {
      for (let j = k + 1; j < GLYPHS; j++) pairs.push([boxOf(line, k), boxOf(line, j)]);
      if (line > 0) pairs.push([boxOf(0, k), boxOf(line, k)]);
    }
  return pairs;
}

/** Where two prints of one digit stand side by side. */
const TWIN: [number, number] = [4, 3];
/** Grain two prints of one line share (0.77 squared, 0.6): a sound image-only PDF's two 0s side by side shared 0.43. */
const LINE_SHARE = 0.77;
const isTwin = (p: { box: Box; twin: Box }) =>
  [p.box, p.twin].includes(boxOf(...TWIN)) && [p.box, p.twin].includes(boxOf(TWIN[0], TWIN[1] - 1));

describe('forensics: copy-move on the prints of one line', () => {
  it("when two prints of one digit stand side by side on a line whose prints all share their paper grain alike, as a JPEG's ringing makes them, then the pair counts only the grain it shares beyond that", () => {
    const pairs = judgedPairs(page(LINE_SHARE, TWIN), candidates());
    // Named only as the pair most alike, if at all: not for the grain it shares.
    for (const p of pairs.filter(isTwin)) expect(p.grain, JSON.stringify(p)).to.be.below(0.3);
  });

  it('when the prints of one line share their paper grain alike and one of them is a copy of its neighbour, then that pair still counts the grain it shares beyond the others', () => {
    const pair = judgedPairs(page(LINE_SHARE, TWIN, true), candidates()).find(isTwin);
    expect(pair).to.not.equal(undefined);
    expect(pair!.grain, JSON.stringify(pair)).to.be.greaterThan(0.5);
  });
});
