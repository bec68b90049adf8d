import { expect } from 'chai';
import sharp from 'sharp';
import { OcrPool, OcrPoolClosedError } from '../../worker/ocr/pool';

/** A word on a white image: a line's crop by default, a cleaned A4 page at 300 dpi with `page`. */
async function wordImage(text: string, size = { width: 900, height: 160 }): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"><rect width="100%" height="100%" fill="white"/><text x="30" y="100" font-family="sans-serif" font-size="64">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const PAGE = { width: 2480, height: 3508 };

describe('reading: OCR pool', () => {
  it('when workers reach their limit of pages, then they are replaced and pages keep being read', async function () {
    this.timeout(120_000);
    const pool = new OcrPool({ size: 1, recycleAfter: 2 });
    try {
      const image = await wordImage('INVOICE 2024', PAGE);
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await pool.recognize(image));
      for (const r of results) {
        expect(r.text).to.match(/INVOICE/);
        expect(r.confidence).to.be.greaterThan(50);
      }
      expect(pool.stats().workersStarted).to.equal(2);
    } finally {
      await pool.close();
    }
  });

  it('when a worker reads line crops, then each counts as the sliver of a page it is and the worker is kept', async function () {
    this.timeout(120_000);
    const pool = new OcrPool({ size: 1, recycleAfter: 1 });
    try {
      const line = await wordImage('INVOICE 2024');
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await pool.recognize(line));
      expect(results.map((r) => r.text)).to.satisfy((texts: string[]) => texts.every((t) => /INVOICE/.test(t)));
      expect(pool.stats().workersStarted).to.equal(1);
    } finally {
      await pool.close();
    }
  });

  it('when the pool is warmed before any page, then every worker starts then and the pages that follow start none', async function () {
    this.timeout(120_000);
    const pool = new OcrPool({ size: 2, recycleAfter: 10 });
    try {
      pool.warm();
      pool.warm();
      expect(pool.stats().workersStarted).to.equal(2);
      const image = await wordImage('INVOICE 2024');
      const results = await Promise.all([pool.recognize(image), pool.recognize(image)]);
      expect(results.map((r) => r.text)).to.satisfy((texts: string[]) => texts.every((t) => /INVOICE/.test(t)));
      expect(pool.stats().workersStarted).to.equal(2);
    } finally {
      await pool.close();
    }
  });

  it('when the pool is closed, then further pages are refused instead of waiting forever', async () => {
    const pool = new OcrPool({ size: 1, recycleAfter: 2 });
    await pool.close();
    let error: unknown;
    try {
      await pool.recognize(await wordImage('x'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(OcrPoolClosedError);
  });
});
