import { expect } from 'chai';
import sharp from 'sharp';
import { decodeGrey } from '../../worker/forensics/pixels/grey';
import { cleanImage } from '../../worker/images/clean';

const MAX_PIXELS = 10_000_000;

describe('images: clean-up', () => {
  it('when a JPEG taken on its side is cleaned, then the grey it hands on for the pixel checks is the page exactly as they decode it themselves', async () => {
    const [width, height] = [320, 240];
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) data.fill(((i % width) * 7 + Math.floor(i / width) * 3) % 256, i * 3, i * 3 + 3);
    data.fill(30, 0, 40 * 3);
    const jpeg = await sharp(data, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 70 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { grey } = await cleanImage(jpeg, { maxPixels: MAX_PIXELS });
    const decoded = await decodeGrey(jpeg, MAX_PIXELS);
    expect(grey).to.include({ width: height, height: width });
    expect([decoded.width, decoded.height]).to.deep.equal([grey.width, grey.height]);
    expect(Buffer.from(grey.data).equals(Buffer.from(decoded.data))).to.equal(true);
  });
});
