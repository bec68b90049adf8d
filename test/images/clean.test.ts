import { expect } from 'chai';
import sharp from 'sharp';
import { decodeGrey } from '../../worker/forensics/pixels/grey';
import { cleanImage, greyVariance } from '../../worker/images/clean';

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

  it("when a photo's table shows along the page's edges, then the page OCR reads is white there and its print inside the margins is kept", async () => {
    const [width, height] = [2000, 2800];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="white"/>
      <rect x="${width - 8}" width="8" height="100%" fill="#202020" stroke-dasharray="20 10"/>
      <rect y="${height - 12}" width="100%" height="12" fill="#303030"/>
      <text x="200" y="400" font-family="sans-serif" font-size="60">Registered office</text>
    </svg>`;
    const cleaned = await cleanImage(await sharp(Buffer.from(svg)).png().toBuffer(), { maxPixels: MAX_PIXELS });
    const { data, info } = await sharp(cleaned.png).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    const darkest = (xs: number[], ys: number[]) => Math.min(...xs.flatMap((x) => ys.map((y) => at(x, y))));
    const rows = Array.from({ length: info.height }, (_, y) => y);
    const columns = Array.from({ length: info.width }, (_, x) => x);
    expect(darkest([info.width - 1, info.width - 4, info.width - 8], rows)).to.equal(255);
    expect(darkest(columns, [info.height - 1, info.height - 6, info.height - 12])).to.equal(255);
    expect(darkest(columns.slice(200, 700), rows.slice(340, 410))).to.be.below(60);
  });

  it("when a page's quality is measured, then its blur figure is the grey variance sharp's stats report, to one decimal", async () => {
    const [width, height] = [401, 297];
    const data = new Uint8Array(width * height);
    let seed = 5;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 7 === 0 ? 40 : 180 + (seed % 50);
    const stats = await sharp(data, { raw: { width, height, channels: 1 } }).stats();
    const stdev = stats.channels[0]!.stdev;
    expect(greyVariance(data)).to.equal(Math.round(stdev * stdev * 10) / 10);
    expect(greyVariance(new Uint8Array(100).fill(200))).to.equal(0);
  });
});
