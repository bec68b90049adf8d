import { expect } from 'chai';
import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { PAPER, soundPage, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/**
 * A photo's warp, kept to a scale and a shear so the page stays at the origin: every glyph lands on
 * its own phase of the pixel grid (glyphs 300 px apart across fall half a pixel apart both ways).
 */
const SCALE = 1.025;
const SHEAR = 1 / 600;
const warped = (x: number, y: number): [number, number] => [SCALE * x, SHEAR * x + SCALE * y];

function warpedBox(b: Box): Box {
  const corners = [warped(b[0], b[1]), warped(b[2], b[1]), warped(b[0], b[3]), warped(b[2], b[3])];
  return [
    Math.floor(Math.min(...corners.map((c) => c[0]))),
    Math.floor(Math.min(...corners.map((c) => c[1]))),
    Math.ceil(Math.max(...corners.map((c) => c[0]))),
    Math.ceil(Math.max(...corners.map((c) => c[1]))),
  ];
}

const warpedWord = (w: OcrWord): OcrWord => ({
  ...w,
  box: warpedBox(w.box),
  symbols: w.symbols.map((s) => ({ ...s, box: warpedBox(s.box) })),
});

/** The page photographed: warped (bicubic), blurred by the lens, the sensor's own noise added, saved as a JPEG at `quality`. */
async function photographed(page: SyntheticPage, quality: number): Promise<{ jpeg: Buffer; width: number; words: OcrWord[] }> {
  const { data, info } = await sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } })
    .affine([SCALE, 0, SHEAR, SCALE], { background: { r: PAPER, g: PAPER, b: PAPER }, interpolator: 'bicubic' })
    .blur(1)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rng = new Rng(quality);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rng.next() + rng.next() - 1) * 6)));
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  return { jpeg, width: info.width, words: page.words.map(warpedWord) };
}

describe('forensics: copy-move on a photographed page', () => {
  for (const quality of [90, 75, 60])
    it(`when no glyph was copied and the page is photographed and saved at JPEG quality ${quality}, then copy-move stays below the threshold`, async () => {
      const { jpeg, width, words } = await photographed(await soundPage(3), quality);
      const { pixels } = await analysePage(jpeg, words, { degrees: 0, width }, MAX_PIXELS);
      const finding = pixels.findings.find((f) => f.signal === 'copy_move')!;
      expect(finding.value, JSON.stringify(finding)).to.be.at.most(pixelForensicsThresholds.copy_move);
    });
});
