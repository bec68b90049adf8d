import { expect } from 'chai';
import { degrees, PDFDocument, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { decodeGrey, type Grey } from '../../worker/forensics/pixels/grey';
import { pageScan } from '../../worker/forensics/pixels/page-scan';
import { openPdf, type PDFDocumentProxy } from '../../worker/pdf/document';
import { embeddedScan } from '../../worker/pdf/embedded-scan';
import { renderPage } from '../../worker/pdf/render';
import { pageImage } from '../../worker/pipeline/text';

const MAX_PIXELS = 50_000_000;
const RENDER = { dpi: 200, maxPixels: MAX_PIXELS };

/** A grainy page with dark bars for print, saved as a scanner saves it. */
async function scanJpeg(width: number, height: number, space: 'srgb' | 'cmyk' = 'srgb'): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < width * height; i++) {
    const [x, y] = [i % width, Math.floor(i / width)];
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const level = y % 40 < 12 && x % 60 < 45 ? 40 : 225 + (seed % 21) - 10;
    data.fill(level, i * 3, i * 3 + 2);
    data[i * 3 + 2] = Math.min(255, level + 15);
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .toColourspace(space)
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A one-page PDF that draws `jpeg` over the page, sized so the image stands for `dpi`; `extra` adds to the page. */
async function scannedPdf(jpeg: Buffer, dpi: number, extra?: (page: ReturnType<PDFDocument['addPage']>) => void): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await doc.embedJpg(jpeg);
  const [width, height] = [(image.width / dpi) * 72, (image.height / dpi) * 72];
  const page = doc.addPage([width, height]);
  page.drawImage(image, { x: 0, y: 0, width, height });
  extra?.(page);
  return Buffer.from(await doc.save());
}

async function withPdf<T>(bytes: Buffer, read: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const pdf = await openPdf(bytes, 5, MAX_PIXELS);
  try {
    return await read(pdf);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

function largestDifference(a: Grey, b: Grey): number {
  let largest = 0;
  for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, Math.abs(a.data[i]! - b.data[i]!));
  return largest;
}

describe('pdf: an image-only page read off its embedded JPEG', () => {
  it('when a page is one JPEG drawn over all of it, then OCR and the pixel checks get its own pixels, as pdf.js decodes and paints them to within two grey levels', async () => {
    const bytes = await scannedPdf(await scanJpeg(600, 840), 200);
    await withPdf(bytes, async (pdf) => {
      const reserved: number[] = [];
      const { image, scan } = await pageImage(pdf, 1, { renderDpi: RENDER.dpi, maxImagePixels: MAX_PIXELS }, (p) => reserved.push(p));
      expect(scan).to.include({ width: 600, height: 840, channels: 1 });
      expect(image).to.equal(scan);
      expect(reserved).to.deep.equal([600 * 840]);
      const painted = await decodeGrey(await renderPage(pdf, 1, RENDER), MAX_PIXELS);
      const decoded = await decodeGrey(scan!, MAX_PIXELS);
      expect([decoded.width, decoded.height]).to.deep.equal([painted.width, painted.height]);
      // libjpeg and pdf.js round, and upsample the colour, a little differently.
      expect(largestDifference(decoded, await decodeGrey((await pageScan(pdf, 1, MAX_PIXELS))!, MAX_PIXELS))).to.be.at.most(2);
    });
  });

  it('when the scan is finer than pages render at, then OCR and the pixel checks get it at its own resolution, and its resolution is told', async () => {
    const bytes = await scannedPdf(await scanJpeg(900, 1260), 300);
    await withPdf(bytes, async (pdf) => {
      const { image, scan } = await pageImage(pdf, 1, { renderDpi: RENDER.dpi, maxImagePixels: MAX_PIXELS });
      expect(scan).to.include({ width: 900, height: 1260, channels: 1 });
      expect(image).to.equal(scan);
      expect((image as { dpi: number }).dpi).to.be.closeTo(300, 0.5);
    });
  });

  const others: [string, () => Promise<Buffer>][] = [
    ['the scan is coarser than pages render at', async () => scannedPdf(await scanJpeg(450, 630), 150)],
    ['text is drawn over the scan', async () => scannedPdf(await scanJpeg(300, 420), 200, (p) => p.drawText('PAID', { x: 10, y: 10 }))],
    [
      'a box is painted over the scan',
      async () =>
        scannedPdf(await scanJpeg(300, 420), 200, (p) => p.drawRectangle({ x: 5, y: 5, width: 20, height: 20, color: rgb(0, 0, 0) })),
    ],
    ['the page is turned', async () => scannedPdf(await scanJpeg(300, 420), 200, (p) => p.setRotation(degrees(90)))],
    ['the JPEG is in CMYK', async () => scannedPdf(await scanJpeg(300, 420, 'cmyk'), 200)],
    [
      'the image covers half the page',
      async () => {
        const doc = await PDFDocument.create();
        const image = await doc.embedJpg(await scanJpeg(300, 420));
        doc.addPage([216, 302]).drawImage(image, { x: 0, y: 0, width: 108, height: 151 });
        return Buffer.from(await doc.save());
      },
    ],
  ];
  for (const [what, make] of others) {
    it(`when ${what}, then the page is rendered as pdf.js paints it`, async () => {
      await withPdf(await make(), async (pdf) => {
        expect(await embeddedScan(pdf, 1, RENDER)).to.equal(undefined);
        const { image } = await pageImage(pdf, 1, { renderDpi: RENDER.dpi, maxImagePixels: MAX_PIXELS });
        expect(image).to.include({ channels: 4 });
      });
    });
  }
});
