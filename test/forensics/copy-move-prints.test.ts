import { expect } from 'chai';
import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { HEIGHT, PAPER, WIDTH, ring, syntheticWords } from './synthetic-page';

const MAX_PIXELS = 10_000_000;
const GLYPH = { w: 14, h: 24 };
/** The two prints of one glyph in word 36 (line 12), side by side. */
const PAIR_WORD = 36;
const PAIR = [1, 2];

/** Each print's own damage: pixels of its ring left unprinted at random, so no two prints are alike. */
function damaged(data: Uint8Array, x: number, y: number, rng: Rng, ink: number): void {
  ring(data, x, y, 3, ink);
  for (let k = 0; k < 80; k++) data[(y + rng.int(0, GLYPH.h - 1)) * WIDTH + x + rng.int(0, GLYPH.w - 1)] = PAPER;
}

/**
 * A sound page of damaged prints on lightly grained paper, whose two prints of one glyph side by side
 * share their damage and a faint hairline above them (lighter than the paper floor, as a photo's
 * blur leaves a serif), one printed a good deal darker than the other.
 */
async function pageWithTwoPrints(): Promise<{ data: Buffer; words: OcrWord[] }> {
  const words = syntheticWords();
  const data = Buffer.alloc(WIDTH * HEIGHT, PAPER);
  const rng = new Rng(5);
  for (const [i, w] of words.entries())
    for (const [j, s] of w.symbols.entries()) {
      const [x, y] = s.box;
      const shared = i === PAIR_WORD && PAIR.includes(j);
      damaged(data, x, y, shared ? new Rng(9) : rng, shared && j === PAIR[1] ? 70 : 40);
      if (shared) for (let dx = 3; dx < 11; dx++) data[(y - 4) * WIDTH + x + dx] = PAPER - 22;
    }
  const { data: soft } = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .blur(0.6)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < soft.length; i++) soft[i] = Math.max(0, Math.min(255, soft[i]! + Math.round((rng.next() + rng.next() - 1) * 2)));
  return { data: soft, words };
}

describe('forensics: two prints of one glyph sharing their shape', () => {
  it('when two prints share a faint stroke of their shape but differ by several times the grain, then copy-move does not read them as a copy', async () => {
    const { data, words } = await pageWithTwoPrints();
    const input = { data, width: WIDTH, height: HEIGHT, channels: 1 as const };
    const { pixels } = await analysePage(input, words, { degrees: 0, width: WIDTH }, MAX_PIXELS);
    const finding = pixels.findings.find((f) => f.signal === 'copy_move')!;
    expect(finding.value, JSON.stringify(finding)).to.be.at.most(pixelForensicsThresholds.copy_move);
  });
});
