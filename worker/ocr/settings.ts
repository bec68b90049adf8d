import { PSM } from 'tesseract.js';

/**
 * What tesseract is told about every page, by the pool and by the bench's like-for-like CLI run.
 * Cleaned pages are A4 at roughly 300 dpi: stating it spares tesseract a wrong guess from the PNG.
 * Reading each line across the page keeps a form's labels beside their values.
 */
export const PAGE_READING = { pageSegMode: PSM.SINGLE_COLUMN, dpi: 300 } as const;
