import { expect } from 'chai';
import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { measureWord } from '../../worker/forensics/pixels/measures';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { asPng, HEIGHT, INK, PAPER, ring, soundPage, syntheticWords, WIDTH, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/** The synthetic page's words printed with `stroke`-wide strokes in `ink`, softened by `blur` (0: as crisp as drawn) and grained as `soundPage` grains. */
async function captured(blur: number, { stroke = 3, ink = INK, seed = 5 } = {}): Promise<Buffer> {
  const data = Buffer.alloc(WIDTH * HEIGHT, PAPER);
  for (const w of syntheticWords()) for (const s of w.symbols) ring(data, s.box[0], s.box[1], stroke, ink);
  const image = sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } });
  const { data: soft } = await (blur > 0 ? image.blur(blur) : image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const rng = new Rng(seed);
  for (let i = 0; i < soft.length; i++)
    soft[i] = Math.max(0, Math.min(255, soft[i]! + Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 12)));
  return soft;
}

/** Copies the word's box and 3 px of paper around it from `donor` over the page: a field pasted from another capture. */
function paste(page: SyntheticPage, donor: Buffer, box: readonly number[]): void {
  for (let y = box[1]! - 3; y < box[3]! + 3; y++)
    donor.copy(page.grey, y * WIDTH + box[0]! - 3, y * WIDTH + box[0]! - 3, y * WIDTH + box[2]! + 3);
}

/** The median edge steepness of the page's words. */
function steepness(grey: Buffer): number {
  const page = { data: grey, width: WIDTH, height: HEIGHT };
  const values = syntheticWords().map((w) => measureWord(page, w.box)!.edge);
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

describe('forensics: the edges of print pasted from another capture', () => {
  it('when print is captured softer, then its edges are less steep, however dark its ink and thick its strokes (past the blur)', async () => {
    const crisp = steepness(await captured(0));
    const soft = steepness(await captured(1));
    expect(soft).to.be.below(crisp * 0.8);
    for (const print of [{ stroke: 5 }, { stroke: 8 }, { ink: INK + 60 }]) {
      expect(steepness(await captured(0, print))).to.be.closeTo(crisp, crisp * 0.08);
      expect(steepness(await captured(1, print))).to.be.closeTo(soft, soft * 0.08);
    }
  });

  it('when a field is pasted from a crisper capture of print as dark, then text consistency singles it out by its edges', async () => {
    const page = await soundPage(3);
    const word = wordOf(page, 11, 1);
    // Lighter ink, as crisp print of a lighter face shows: its mean darkness is the blurred page's.
    paste(page, await captured(0, { ink: INK + 30 }), word.box);
    const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
    const text = pixels.findings.find((f) => f.signal === 'text_consistency')!;
    expect(text.box).to.deep.equal(word.box);
    expect(text.measure).to.equal('edge');
    expect(text.value).to.be.greaterThan(pixelForensicsThresholds.text_consistency);
  });
});
