import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../processes';
import type { Row } from '../report';
import type { Section } from '../section';

const OCR_BENCH = path.join(ROOT, 'bench', 'ocr.ts');

const FIGURES = ['OCR time per page vs tesseract CLI', 'OCR pages/s, 1 worker', 'OCR pages/s, N workers vs 1'];

/** The OCR figures come from bench/ocr.ts (the reading side's own bench, `make bench-ocr`), run in this process. */
export const ocrSection: Section = {
  name: 'ocr',
  figures: FIGURES,
  async run(): Promise<Row[]> {
    if (!existsSync(OCR_BENCH)) throw new Error('bench/ocr.ts (make bench-ocr, owned by the reading side) is not in the tree yet');
    throw new Error('bench/ocr.ts exists but its measurements are not wired into make bench yet');
  },
};
