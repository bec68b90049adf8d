import { expect } from 'chai';
import { flattenIllumination } from '../../worker/images/illumination';

/** A page lit from the left: paper fading from 230 to 110 across it, with dark strokes of print (a third as bright as the paper under them). */
function shadowedPage(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const paper = 230 - (120 * x) / width;
      const ink = y % 40 < 4 && x % 50 < 30;
      data[y * width + x] = Math.round(ink ? paper / 3 : paper);
    }
  return data;
}

describe('images: illumination flattening', () => {
  it('when a page is lit unevenly, then its paper comes out evenly near white and its print stays dark across it', async () => {
    const [width, height] = [800, 600];
    const page = shadowedPage(width, height);
    const flat = await flattenIllumination({ data: page, width, height });
    expect(flat).to.include({ width, height });
    for (const x of [60, 400, 740]) {
      expect(flat.data[20 * width + x], `paper at x=${x}`).to.be.within(245, 255);
      expect(flat.data[81 * width + x - (x % 50) + 10], `print at x=${x}`).to.be.below(100);
    }
  });

  it('when a page is a thin strip, a single row of samples high once shrunk, then every pixel still gets a level', async () => {
    const [width, height] = [640, 8];
    const flat = await flattenIllumination({ data: new Uint8Array(width * height).fill(200), width, height });
    expect(flat.data.every((v) => v >= 250)).to.equal(true);
  });

  it('when the width is no multiple of the shrink, then the last pixels of every row are flattened as the rest', async () => {
    const [width, height] = [803, 121];
    const page = shadowedPage(width, height);
    const flat = await flattenIllumination({ data: page, width, height });
    for (const y of [20, 60, 100]) {
      // The paper there was 110: it comes out near white as the middle of the row does.
      expect(flat.data[y * width + width - 1], `last pixel of row ${y}`).to.be.within(235, 255);
    }
  });

  it('when a page is flattened into its own pixels, then it comes out as flattened into a new array', async () => {
    const [width, height] = [803, 121];
    const page = shadowedPage(width, height);
    const fresh = await flattenIllumination({ data: page, width, height });
    const own = await flattenIllumination({ data: page, width, height }, page);
    expect(own.data).to.equal(page);
    expect(Buffer.from(own.data).equals(Buffer.from(fresh.data))).to.equal(true);
  });
});
