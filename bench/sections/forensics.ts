import { generateForgery } from '../../fixtures/forgeries';
import { ocrPage } from '../../worker/pipeline/read-page';
import { OcrPool } from '../../worker/ocr/pool';
import { percentile, row, type Row } from '../report';
import type { Section } from '../section';

const FIGURE = 'Pixel forensics time on a one-page scan';
const RUNS = 3;
const MAX_PIXELS = 60_000_000;

/**
 * What the pixel forensic measures add to reading a one-page scan (clean + OCR): timed in process
 * on a generated 200-300 dpi bank statement scan, after one warm-up page.
 */
export const forensicsSection: Section = {
  name: 'forensics',
  figures: [FIGURE],
  async run({ log }): Promise<Row[]> {
    const scan = await generateForgery({ type: 'bank_statement', rendering: 'scan_png', technique: 'sound', seed: 42 });
    const ocr = new OcrPool({ size: 1, recycleAfter: 100 });
    const totals: number[] = [];
    const pixels: number[] = [];
    try {
      await ocrPage(ocr, scan.bytes, { maxPixels: MAX_PIXELS });
      for (let i = 0; i < RUNS; i++) {
        log(`forensics: page ${i + 1}/${RUNS}`);
        const started = performance.now();
        const page = await ocrPage(ocr, scan.bytes, { maxPixels: MAX_PIXELS });
        totals.push(performance.now() - started);
        pixels.push(page.pixels_ms ?? NaN);
      }
    } finally {
      await ocr.close();
    }
    const pixelMs = Math.round(percentile(pixels, 50));
    const readingMs = Math.round(percentile(totals, 50)) - pixelMs;
    return [
      row({
        section: 'forensics',
        figure: FIGURE,
        measured: { value: pixelMs, unit: 'ms/page' },
        baseline: { name: 'reading the page without them (clean + OCR)', value: readingMs, unit: 'ms/page' },
        aim: { kind: 'ratio_at_most', max: 0.25, text: '<= 0.25x reading' },
        note: `median of ${RUNS} pages, one OCR worker; decoding the original again, word measures with their paper rings, grid, glyph pairs and evidence crops`,
        ifMissed:
          'the glyph-pair search grows with the square of the digits on a page; sampling pairs or hashing glyphs first would bound it',
      }),
    ];
  },
};
