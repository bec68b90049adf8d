import { expect } from 'chai';
import sharp from 'sharp';
import { toPgm } from '../../worker/images/pgm';
import { OcrPool } from '../../worker/ocr/pool';

/** A grey line of print whose first pixels are bytes a PGM reader could take for the header's whitespace (tab, newline, space). */
async function printedLine(): Promise<{ data: Uint8Array; width: number; height: number }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="901" height="160"><rect width="100%" height="100%" fill="white"/><text x="30" y="100" font-family="sans-serif" font-size="64">INVOICE 2024</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  data.set([9, 10, 13, 32, 11, 12], 0);
  return { data, width: info.width, height: info.height };
}

describe('images: pages handed to OCR as PGM', () => {
  it('when a page is handed over as PGM rather than PNG, then tesseract reads the same words in the same places', async function () {
    this.timeout(120_000);
    const page = await printedLine();
    const png = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
      .png()
      .toBuffer();
    const pool = new OcrPool({ size: 1, recycleAfter: 10 });
    try {
      const fromPng = await pool.recognize(png);
      const fromPgm = await pool.recognize(toPgm(page));
      expect(fromPgm.text).to.match(/INVOICE 2024/);
      expect(fromPgm).to.deep.equal(fromPng);
    } finally {
      await pool.close();
    }
  });
});
