import fs from 'node:fs/promises';
import sharp from 'sharp';
import { openPdf } from './worker/pdf/document';
import { renderPage } from './worker/pdf/render';
import { cleanImage } from './worker/images/clean';
import { OcrPool } from './worker/ocr/pool';
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
async function main() {
  const mode = process.argv[2];
  if (mode === 'nocache') { sharp.cache(false); }
  if (mode === 'conc1') { sharp.cache(false); sharp.concurrency(1); }
  const bytes = await fs.readFile('/tmp/exp/scan20.pdf');
  const pdf = await openPdf(bytes, 50);
  console.log('start', mb());
  const pngs: Buffer[] = [];
  for (let n = 1; n <= 6; n++) {
    const r = await renderPage(pdf, n, { dpi: 200, maxPixels: 50e6 });
    const c = await cleanImage(r, { maxPixels: 50e6 });
    pngs.push(c.png);
  }
  console.log('after render+clean x6', mb(), 'max', process.resourceUsage().maxRSS / 1024 | 0);
  if (mode === 'ocr' ) {
    const pool = new OcrPool({ size: 1, recycleAfter: 100 });
    for (const p of pngs) { await pool.recognize(p); console.log('ocr', mb()); }
    await pool.close();
  }
  console.log('max', process.resourceUsage().maxRSS / 1024 | 0);
}
main();
