import { expect } from 'chai';
import sharp from 'sharp';
import { median3x3 } from '../../worker/images/median';

/** A grainy grey page: paper around 200 with grain (±20), ink lines and single dark specks. */
function grainyPage(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height);
  let seed = 11;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 41) - 20;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      data[y * width + x] = y % 17 < 4 && x % 40 < 30 ? 60 + noise() : (x * y) % 97 === 0 ? 10 : 200 + noise();
  }
  return data;
}

describe('images: 3x3 median', () => {
  for (const height of [203, 202])
    it(`when a grainy page ${height} rows high is smoothed, then every pixel, edges included, is what sharp's median(3) gives`, async () => {
      const width = 301;
      const data = grainyPage(width, height);
      const expected = await sharp(data, { raw: { width, height, channels: 1 } })
        .median(3)
        .toColourspace('b-w')
        .raw()
        .toBuffer();
      const specks = data.filter((v) => v === 10).length;
      const smoothed = median3x3({ data: Buffer.from(data), width, height });
      expect(smoothed).to.include({ width, height });
      expect(Buffer.from(smoothed.data).equals(expected)).to.equal(true);
      expect(smoothed.data.filter((v) => v === 10).length).to.be.below(specks);
    });
});
