import { expect } from 'chai';
import sharp from 'sharp';
import { imagePdf } from '../../fixtures/render';
import type { OcrEngine, OcrResult } from '../../worker/ocr/port';
import { readDocument } from './reader';

/** An OCR engine that reads nothing and keeps the page images it was given. */
class RecordingOcr implements OcrEngine {
  readonly size = 1;
  readonly images: Buffer[] = [];

  async recognize(image: Buffer): Promise<OcrResult> {
    this.images.push(image);
    return { text: '', confidence: 0, words: [] };
  }

  async close(): Promise<void> {}
}

/** An A4 page scanned at `dpi`: paper with dark bars where lines of text would be. */
async function scannedPage(dpi: number): Promise<Buffer> {
  const [width, height] = [Math.round(8.27 * dpi), Math.round(11.69 * dpi)];
  const bars = Array.from({ length: 20 }, (_, i) => ({
    input: { create: { width: Math.round(width * 0.6), height: Math.round(dpi / 12), channels: 3 as const, background: '#202020' } },
    left: Math.round(width * 0.1),
    top: Math.round(height * 0.1) + i * Math.round(dpi / 4),
  }));
  return sharp({ create: { width, height, channels: 3, background: '#f8f8f8' } })
    .composite(bars)
    .greyscale()
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe('reading: image-only PDF pages', () => {
  it("when a PDF page is one full-page scan, then it is read off the scan's own pixels at the scan's resolution, not a rendering", async () => {
    const ocr = new RecordingOcr();
    const state = await readDocument(await imagePdf([await scannedPage(150)], 150), { ocr });
    expect(state.pages).to.have.length(1);
    expect(state.pages[0]).to.include({ source: 'ocr', dpi: 150 });
    // 1240 scan pixels across, upscaled to the 2000 OCR wants; a 200 dpi rendering would have said 200 dpi.
    expect((await sharp(ocr.images[0]).metadata()).width).to.equal(2000);
  });
});
