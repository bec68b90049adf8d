import { expect } from 'chai';
import { Rng } from '../../fixtures/random';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { gridTrace, MIN_GRID_STRENGTH, outOfStep } from '../../worker/forensics/pixels/grid';
import type { Grey } from '../../worker/forensics/pixels/grey';
import type { PagePixels } from '../../worker/forensics/pixels/types';
import type { Box } from '../../worker/ocr/port';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import { pasteJpegPatch, saveAsScanner, soundPage, wordOf } from './synthetic-page';

const MAX_PIXELS = 10_000_000;
/** A fine quality: the page's own grid shows too faintly to read its phase off the pixels. */
const FINE_QUALITY = 95;
/** Paper around the field the patch covers, so the field's grid is read on the patch alone. */
const PATCH_MARGIN = 24;

/**
 * A sound page whose field row 12 was saved at a coarse quality on blocks `shift` pixels off the
 * page's own, then the whole page saved at a fine quality, as an image-only PDF's embedded JPEG hands it over.
 */
async function pageWithCoarseField(shift: number): Promise<{ pixels: PagePixels; field: Box }> {
  const page = await soundPage();
  const field = wordOf(page, 12, 0).box;
  const [x0, y0] = [field[0], field[1]].map((v) => Math.floor((v - PATCH_MARGIN) / 8) * 8 + shift) as [number, number];
  const blocks = (from: number, to: number) => Math.ceil((to + PATCH_MARGIN - from) / 8) * 8;
  await pasteJpegPatch(page, [x0, y0, x0 + blocks(x0, field[2]), y0 + blocks(y0, field[3])], 30);
  const jpeg = await saveAsScanner(page, FINE_QUALITY);
  const input = { data: page.grey, width: page.width, height: page.height, channels: 1 as const };
  const geometry = { degrees: 0, width: page.width };
  const { pixels } = await analysePage(input, page.words, geometry, MAX_PIXELS, true, page.words, undefined, lumaTable(jpeg));
  return { pixels, field };
}

const compression = (pixels: PagePixels) => pixels.findings.find((f) => f.signal === 'compression')!;

describe("forensics: a field's JPEG grid against the page's own", () => {
  it("when an image-only PDF's page shows its grid too faintly to read and a field's grid lies at the JPEG's own phase, then it is not out of step; at another phase it is", async () => {
    const own = await pageWithCoarseField(0);
    const off = await pageWithCoarseField(3);
    expect(own.pixels.grid_strength).to.be.below(MIN_GRID_STRENGTH);
    expect(compression(off.pixels).box).to.deep.equal(off.field);
    expect(compression(off.pixels).measure).to.equal('misaligned_grid_strength');
    expect(compression(own.pixels).value).to.be.below(compression(off.pixels).value / 2);
  });
});

const RULED = { width: 400, height: 200 };

/**
 * Paper as a coarse JPEG leaves it, each 8x8 block at its own level with grain on it (block edges
 * between pixels 7 and 8), and a table rule across it from row `top`: a soft anti-aliased row above
 * and below its dark core, light enough to pass for paper.
 */
function ruledJpegPaper(top: number): Grey {
  const { width, height } = RULED;
  const rng = new Rng(3);
  const columns = width / 8;
  const levels = Array.from({ length: columns * (height / 8) }, () => Math.round((rng.next() - 0.5) * 8));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = 240 + levels[(y >> 3) * columns + (x >> 3)]! + Math.round((rng.next() - 0.5) * 5);
  for (const [i, level] of [205, 120, 120, 210].entries()) data.fill(level, (top + i) * width, (top + i + 1) * width);
  return { data, width, height };
}

describe("forensics: a straight print edge in a field's grid window", () => {
  it("when a table rule's soft edges cross a region at other phases than the page's blocks, then the region's grid is read at the page's phase, not out of step", () => {
    for (const top of [101, 102, 103, 105, 106]) {
      const region = gridTrace(ruledJpegPaper(top), [100, top - 48, 160, top + 6]);
      expect(region.phaseY, `rule at row ${top}`).to.equal(7);
      expect(outOfStep(region, { phaseX: 7, phaseY: 7 }), `rule at row ${top}`).to.equal(0);
    }
  });
});
