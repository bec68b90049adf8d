import type { OcrWord } from './port';

/** A gap this many times a line's letter height separates columns or a form's label from its value. */
const COLUMN_GAP = 2;
/** A line starting this far across the page continues a right-hand column. */
const RIGHT_HALF = 0.45;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The page's printed lines rebuilt from the OCR'd words, in the text layer's convention: one line
 * per printed line, a tab where a wide gap separates two words (columns side by side, a table's
 * cells, a label and its value), a leading tab for a line that starts in the right half. The
 * rules then read OCR'd pages and born-digital ones the same way.
 */
export function ocrLines(words: OcrWord[], pageWidth: number): string {
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) if (w.text.trim()) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines: string[] = [];
  for (const [, line] of [...byLine.entries()].sort(([a], [b]) => a - b)) {
    const sorted = line.sort((a, b) => a.box[0] - b.box[0]);
    const height = median(sorted.map((w) => w.box[3] - w.box[1]));
    let text = sorted[0]!.box[0] > pageWidth * RIGHT_HALF ? '\t' : '';
    sorted.forEach((w, i) => {
      const gap = i === 0 ? 0 : w.box[0] - sorted[i - 1]!.box[2];
      text += i === 0 ? w.text : `${gap > height * COLUMN_GAP ? '\t' : ' '}${w.text}`;
    });
    lines.push(text.replace(/(?<![ \t])[ \t]+$/, ''));
  }
  return lines.filter((l) => l.trim()).join('\n');
}
