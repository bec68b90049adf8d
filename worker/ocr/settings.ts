import { createHash } from 'node:crypto';
import { PSM } from 'tesseract.js';

/**
 * What tesseract is told about every page, by the pool and by the bench's like-for-like CLI run.
 * - Cleaned pages are A4 at roughly 300 dpi: stating it spares tesseract a wrong guess from the PNG.
 * - One uniform block (PSM 6), not a column (PSM 4): a cleaned page is already upright and evened
 *   out, so the column and picture finding PSM 4 runs first only costs time, about 90 ms of a
 *   page's 1 s of CPU (a tenth), while lines are still read across the page, a form's labels beside
 *   their values. On the reading corpus (scale 0.5, seeds 101 and 202) it missed no field PSM 4 read.
 * - The resolution is left as cleaned: tesseract scales each line to a fixed height before the
 *   LSTM reads it, so fewer pixels save only the layout pass (none measurable from 2000 to 1654 px).
 */
export const PAGE_READING = { pageSegMode: PSM.SINGLE_BLOCK, dpi: 300 } as const;

/**
 * A cache's name for what tesseract answers on `image`: the image's SHA-256 and a tag of the
 * settings it is read with, so answers read under other settings are never taken for these.
 */
export function readingKey(image: Buffer): string {
  const digest = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
  return `${digest(image)}-${digest(JSON.stringify(PAGE_READING)).slice(0, 12)}`;
}
