import { expect } from 'chai';
import sharp from 'sharp';
import type { Box } from '../../worker/ocr/port';
import { evidenceCrop } from '../../worker/forensics/pixels/crop';
import type { Grey } from '../../worker/forensics/pixels/grey';

/** A light grey page, 1200 by 400 pixels. */
const page: Grey = { data: new Uint8Array(1200 * 400).fill(230), width: 1200, height: 400 };

/** The picture's size and the colour of its pixel at (x, y). */
async function look(png: Buffer, x: number, y: number) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { width: info.width, height: info.height, pixel: [data[at], data[at + 1], data[at + 2]] };
}

describe('forensics: evidence crops', () => {
  it('when the flagged word is narrow, then the picture shows it at full size with the word outlined in red', async () => {
    const box: Box = [500, 200, 600, 230];
    const seen = await look(await evidenceCrop(page, box), 30, 45);
    // The box grown by 30 pixels (its height, 24 at least) each way.
    expect([seen.width, seen.height]).to.deep.equal([160, 90]);
    const [red, green, blue] = seen.pixel as number[];
    expect(red).to.be.above(200);
    expect(green).to.be.below(60);
    expect(blue).to.be.below(60);
  });

  it('when the flagged region is wider than a check can show, then the picture is shrunk to 480 pixels wide, its proportions kept', async () => {
    const box: Box = [100, 100, 1100, 300];
    const seen = await look(await evidenceCrop(page, box), 240, 80);
    expect(seen.width).to.equal(480);
    expect(seen.height).to.be.closeTo((400 * 480) / 1200, 1);
    expect(seen.pixel).to.deep.equal([230, 230, 230]);
  });
});
