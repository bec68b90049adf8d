import { expect } from 'chai';
import sharp from 'sharp';
import { cleanImage, greyVariance } from '../../worker/images/clean';

const MAX_PIXELS = 10_000_000;

describe('images: clean-up', () => {
  it('when a JPEG taken on its side is cleaned, then the grey it hands on for the pixel checks is the page exactly as libvips orients and greys it', async () => {
    const [width, height] = [320, 240];
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) data.fill(((i % width) * 7 + Math.floor(i / width) * 3) % 256, i * 3, i * 3 + 3);
    data.fill(30, 0, 40 * 3);
    const jpeg = await sharp(data, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 70 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { grey } = await cleanImage(jpeg, { maxPixels: MAX_PIXELS });
    const { data: decodedData, info } = await sharp(jpeg).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
    const decoded = { data: decodedData, width: info.width, height: info.height };
    expect(grey).to.include({ width: height, height: width });
    expect([decoded.width, decoded.height]).to.deep.equal([grey.width, grey.height]);
    expect(Buffer.from(grey.data).equals(Buffer.from(decoded.data))).to.equal(true);
  });

  it("when a PDF's grey scan or a page rendered in grey is cleaned, then the grey it hands on is the page exactly as libvips greys it", async () => {
    const [width, height] = [300, 200];
    const levels = Buffer.alloc(width * height);
    for (let i = 0; i < levels.length; i++) levels[i] = ((i % width) * 5 + Math.floor(i / width) * 11) % 256;
    const rgba = Buffer.alloc(width * height * 4, 255);
    for (let i = 0; i < levels.length; i++) rgba.fill(levels[i]!, i * 4, i * 4 + 3);
    for (const input of [
      { data: levels, width, height, channels: 1 as const },
      { data: rgba, width, height, channels: 4 as const },
    ]) {
      const { grey } = await cleanImage(input, { maxPixels: MAX_PIXELS });
      // The same pixels as a lossless PNG, which clean-up hands to libvips whole.
      const png = await sharp(input.data, { raw: { width, height, channels: input.channels } })
        .png()
        .toBuffer();
      const { grey: decoded } = await cleanImage(png, { maxPixels: MAX_PIXELS });
      expect(grey, `${input.channels} channels`).to.include({ width, height });
      expect(Buffer.from(grey.data).equals(Buffer.from(decoded.data)), `${input.channels} channels`).to.equal(true);
    }
  });

  /** The cleaned page as OCR reads it, with the darkest grey over the given columns and rows. */
  async function cleanedPage(image: Buffer) {
    const cleaned = await cleanImage(image, { maxPixels: MAX_PIXELS });
    const { data, info } = await sharp(cleaned.png).raw().toBuffer({ resolveWithObject: true });
    const darkest = (xs: number[], ys: number[]) => {
      let least = 255;
      for (const y of ys) for (const x of xs) least = Math.min(least, data[(y * info.width + x) * info.channels]!);
      return least;
    };
    const span = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    return { cleaned, width: info.width, height: info.height, darkest, span };
  }

  it("when a photo's page has a dark edge left on its margin, then the page OCR reads is white there and its print inside the margins is kept", async () => {
    const [width, height] = [1800, 2400];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="#2a2a2a"/>
      <polygon points="150,120 1650,160 1620,2300 120,2260" fill="#dedede"/>
      <line x1="1640" y1="170" x2="1612" y2="2290" stroke="#202020" stroke-width="6" stroke-dasharray="20 10"/>
      <text x="400" y="700" font-family="sans-serif" font-size="70">Registered office</text>
    </svg>`;
    const page = await cleanedPage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(page.cleaned.perspective, "the photo's page was expected to be found").to.not.equal(undefined);
    const band = Math.round(page.width * 0.01);
    expect(page.darkest(page.span(page.width - band, page.width), page.span(0, page.height))).to.equal(255);
    expect(page.darkest(page.span(0, page.width), page.span(page.height - band, page.height))).to.equal(255);
    expect(page.darkest(page.span(0, page.width), page.span(band, page.height - band))).to.be.below(60);
  });

  it('when an image with no page found in it has print right up to its edge, then that print is kept for OCR', async () => {
    const [width, height] = [2000, 2800];
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="white"/>
      <rect x="${width - 8}" width="8" height="100%" fill="#202020"/>
    </svg>`;
    const page = await cleanedPage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(page.cleaned.perspective).to.equal(undefined);
    expect(page.darkest(page.span(page.width - 4, page.width), page.span(0, page.height))).to.be.below(60);
  });

  it('when a small scan lies at a slant, then it is turned level and brought to 2000 px wide in the page OCR reads', async () => {
    const [width, height] = [1400, 1980];
    const rules = Array.from({ length: 12 }, (_, i) => `<rect x="200" y="${300 + i * 120}" width="1000" height="10" fill="#202020"/>`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="100%" height="100%" fill="white"/>
      <g transform="rotate(2 700 990)">${rules.join('')}</g>
    </svg>`;
    const page = await cleanedPage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(page.width).to.equal(2000);
    expect(Math.abs(page.cleaned.deskew_degrees)).to.be.within(1.8, 2.2);
    // The top rule starts on the same row near both of its ends.
    const topRule = (x: number) => page.span(0, page.height).find((y) => page.darkest([x], [y]) < 100);
    const [left, right] = [topRule(Math.round(page.width * 0.3)), topRule(Math.round(page.width * 0.7))];
    expect(left).to.be.a('number');
    expect(Math.abs(left! - right!)).to.be.at.most(3);
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
