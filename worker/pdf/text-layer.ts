import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { asPdfError, openPdf, type PDFDocumentProxy } from './document';

export interface TextLayer {
  pageCount: number;
  /** One entry per page, one line per printed line; an empty string means the page has no text layer. */
  pages: string[];
}

/** Letters and digits needed before a page's text layer is trusted instead of OCR. */
const MIN_USABLE_CHARS = 16;

/**
 * Whether a page's text layer can be used as it is. Scans carry no text, and fonts without a
 * Unicode map give strings of symbols, so both need OCR.
 */
export function isUsableText(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  const wordChars = (compact.match(/[A-Za-z0-9]/g) ?? []).length;
  return wordChars >= MIN_USABLE_CHARS && wordChars / Math.max(1, compact.length) >= 0.6;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string';
}

/** A gap this many font sizes wide separates columns or a form's label from its value. */
const COLUMN_GAP = 1.5;
const RIGHT_HALF = 0.45;

/**
 * Rebuilds printed lines from positioned text runs: a new line when the baseline moves, a tab
 * where a wide gap separates two runs on one line (columns, table cells, a label and its value).
 * Runs past `maxItems` are left unread.
 */
export async function pageText(pdf: PDFDocumentProxy, pageNumber: number, maxItems = Infinity): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  try {
    const content = await page.getTextContent();
    const [, , pageWidth = 595] = page.view;
    const lines: string[] = [];
    let line = '';
    let lastY: number | undefined;
    let lastEnd: number | undefined;
    for (const item of content.items.slice(0, maxItems)) {
      if (!isTextItem(item)) continue;
      const [, , , scaleY, x, y] = item.transform as number[];
      const size = Math.abs(scaleY ?? 10) || 10;
      if (lastY !== undefined && Math.abs(y! - lastY) > size * 0.5) {
        lines.push(line);
        line = '';
        lastEnd = undefined;
      } else if (lastEnd !== undefined && x! - lastEnd > size * COLUMN_GAP) {
        line += '\t';
      } else if (lastEnd !== undefined && x! - lastEnd > size * 0.15 && !line.endsWith(' ') && !item.str.startsWith(' ')) {
        line += ' ';
      }
      // A line that starts in the right half of the page continues a right-hand column.
      if (!line && item.str.trim() && x! > pageWidth * RIGHT_HALF) line = '\t';
      // pdf.js stands a blank run in for the gap between two runs; a wide one is a column gap.
      line += !item.str.trim() && item.width > size * COLUMN_GAP ? '\t' : item.str;
      lastY = y;
      lastEnd = x! + item.width;
    }
    lines.push(line);
    return lines
      .map((l) =>
        l
          .replace(/[ \u00a0]+/g, ' ')
          .replace(/ ?\t[\t ]*/g, '\t')
          .replace(/^ +|(?<! ) +$/g, '')
          .replace(/\t$/, ''),
      )
      .filter((l) => l.trim())
      .join('\n');
  } finally {
    page.cleanup();
  }
}

/** Opens a PDF and reads the text layer of every page, refusing encrypted, corrupt and over-long files. */
export async function readTextLayer(bytes: Uint8Array, maxPages: number): Promise<TextLayer> {
  const pdf = await openPdf(bytes, maxPages);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) pages.push(await pageText(pdf, n));
    return { pageCount: pdf.numPages, pages };
  } catch (error) {
    throw asPdfError(error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}
