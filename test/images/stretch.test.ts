import { expect } from 'chai';
import sharp from 'sharp';
import { stretchContrast } from '../../worker/images/stretch';

/** A faded grey page: paper around 190 with grain (±12), ink strokes around 120. */
function fadedPage(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height);
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 25) - 12;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = (y % 20 < 3 && x % 50 < 35 ? 120 : 190) + noise();
  }
  return data;
}

describe('images: contrast stretch', () => {
  it("when a grey page is stretched, then every pixel is what sharp's normalise gives the whole page", async () => {
    const width = 400;
    const height = 300;
    const data = fadedPage(width, height);
    const expected = await sharp(data, { raw: { width, height, channels: 1 } })
      .normalise({ lower: 0, upper: 60 })
      .toColourspace('b-w')
      .raw()
      .toBuffer();
    const darkest = Math.min(...data);
    const stretched = await stretchContrast({ data, width, height }, 60);
    expect(stretched).to.include({ width, height });
    expect(Buffer.from(stretched.data).equals(expected)).to.equal(true);
    expect(Math.min(...stretched.data)).to.be.below(darkest);
  });
});
