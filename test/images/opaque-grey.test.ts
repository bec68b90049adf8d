import { expect } from 'chai';
import sharp from 'sharp';
import { opaqueGrey } from '../../worker/images/opaque-grey';

/** A grey scan as the canvas renders it: every grey level somewhere, opaque RGBA. */
function renderedGreyPage(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) data.fill((i * 37) % 256, i * 4, i * 4 + 3);
  return data;
}

const throughLibvips = (data: Buffer, width: number, height: number) =>
  sharp(data, { raw: { width, height, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer();

describe('images: a rendered page in grey', () => {
  it('when every pixel of a rendered page is an opaque grey, then its grey is what libvips makes of it, level for level', async () => {
    const [width, height] = [123, 45];
    const data = renderedGreyPage(width, height);
    const grey = await opaqueGrey({ data, width, height, channels: 4 });
    expect(grey).to.include({ width, height });
    expect(Buffer.from(grey!.data).equals(await throughLibvips(data, width, height))).to.equal(true);
  });

  it('when one pixel has colour, then the page is left to libvips', async () => {
    const [width, height] = [64, 32];
    const data = renderedGreyPage(width, height);
    data[(20 * width + 30) * 4 + 2] = 7;
    expect(await opaqueGrey({ data, width, height, channels: 4 })).to.equal(undefined);
  });

  it('when one pixel is transparent, then the page is left to libvips', async () => {
    const [width, height] = [64, 32];
    const data = renderedGreyPage(width, height);
    data[(31 * width + 63) * 4 + 3] = 0;
    expect(await opaqueGrey({ data, width, height, channels: 4 })).to.equal(undefined);
  });
});
