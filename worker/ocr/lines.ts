import type { OcrWord } from './port';

/** A gap this many times a line's letter height separates columns or a form's label from its value. */
const COLUMN_GAP = 2;
/** A line starting this far across the page continues a right-hand column. */
const RIGHT_HALF = 0.45;
/** Two lines whose letters share this much of the shorter one's height are printed on one row. */
const SAME_ROW = 0.5;
/** A gap under this share of the letter height is narrower than a space: the letters either side are one word. */
const WORD_GAP = 0.35;
/** A gap at least this many times the letter height, and as many of the row's spaces, may be a column's gutter. */
const GUTTER_GAP = 1;
const GUTTER_SPACES = 3;
/** Words whose left edges stand within this share of the letter height start one column. */
const ALIGNED = 0.6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A line's words left to right, with where its letters stand. */
export interface WordLine {
  words: OcrWord[];
  top: number;
  bottom: number;
  height: number;
}

function wordLine(words: OcrWord[]): WordLine {
  const sorted = [...words].sort((a, b) => a.box[0] - b.box[0]);
  const top = median(sorted.map((w) => w.box[1]));
  const bottom = median(sorted.map((w) => w.box[3]));
  return { words: sorted, top, bottom, height: median(sorted.map((w) => w.box[3] - w.box[1])) };
}

/** Whether line `b` goes on line `a` on the same printed row, closer than a column's gap. */
function continues(a: WordLine, b: WordLine): boolean {
  const shared = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  if (shared < Math.min(a.bottom - a.top, b.bottom - b.top) * SAME_ROW) return false;
  const gap = b.words[0]!.box[0] - a.words.at(-1)!.box[2];
  return gap >= -a.height && gap <= Math.max(a.height, b.height) * COLUMN_GAP;
}

/**
 * The words of two pieces of one line. Tesseract chose where the words of each piece break, not
 * where one piece's last word meets the other's first: nearer than half the spaces between the
 * first piece's words (and a third of its letter height), they are one word.
 */
function joinedWords(left: WordLine, right: WordLine): OcrWord[] {
  const last = left.words.at(-1)!;
  const [first, ...rest] = right.words;
  const gap = first!.box[0] - last.box[2];
  const spaces = left.words
    .slice(1)
    .map((w, i) => w.box[0] - left.words[i]!.box[2])
    .filter((g) => g > 0);
  const space = spaces.length ? median(spaces) : Infinity;
  if (gap >= Math.max(left.height, right.height) * WORD_GAP || gap >= space / 2) return [...left.words, ...right.words];
  const word: OcrWord = {
    ...last,
    text: last.text + first!.text,
    box: [last.box[0], Math.min(last.box[1], first!.box[1]), first!.box[2], Math.max(last.box[3], first!.box[3])],
    confidence: Math.min(last.confidence, first!.confidence),
    symbols: [...last.symbols, ...first!.symbols],
  };
  return [...left.words.slice(0, -1), word, ...rest];
}

/**
 * Tesseract sometimes ends a line early and reads its last word or two as a line of another block
 * ("Bill date 7 November 202" and, apart, "6"). Lines that go on one another on the same row,
 * nearer than a column's gap, are joined back into one, where the first of them stood.
 */
function rejoinRows(lines: WordLine[]): WordLine[] {
  const group = lines.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  lines.forEach((a, i) =>
    lines.forEach((b, j) => {
      if (i !== j && continues(a, b)) group[Math.max(root(i), root(j))] = Math.min(root(i), root(j));
    }),
  );
  return lines.flatMap((_, i) => {
    if (root(i) !== i) return [];
    const pieces = lines.filter((_, j) => root(j) === i).sort((a, b) => a.words[0]!.box[0] - b.words[0]!.box[0]);
    return [pieces.slice(1).reduce((joined, piece) => wordLine(joinedWords(joined, piece)), pieces[0]!)];
  });
}

/** The page's printed rows of words, in reading order, a row tesseract broke in two joined again. */
export function ocrRows(words: OcrWord[]): WordLine[] {
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) if (w.text.trim()) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  return rejoinRows([...byLine.entries()].sort(([a], [b]) => a - b).map(([, line]) => wordLine(line)));
}

/** The gap before each of a row's words (none before the first). */
const gapsOf = (words: OcrWord[]) => words.map((w, i) => (i === 0 ? 0 : w.box[0] - words[i - 1]!.box[2]));

/** The row's words (by index) after a gap that is, or may be, a column's gutter. */
function gutterGaps({ words, height }: WordLine): Set<number> {
  const gaps = gapsOf(words);
  // The narrowest gap is the row's space: a column's gap beside it is several spaces wide.
  const space = Math.min(...gaps.slice(1).filter((g) => g > 0));
  const wide = (g: number) => g > height * COLUMN_GAP || (g >= height * GUTTER_GAP && g >= space * GUTTER_SPACES);
  return new Set(gaps.flatMap((g, i) => (i > 0 && wide(g) ? [i] : [])));
}

/**
 * Each row's words cut into cells where a column's gutter runs. A gap wider than a column's gap is
 * one; so is a narrower one (still several spaces wide) whose far side starts where a gutter's far
 * side starts on the row above or below: two columns side by side, a long line of the left one
 * running close to the right one, which tesseract reads as one line.
 */
export function rowCells(rows: WordLine[]): OcrWord[][][] {
  const candidates = rows.map(gutterGaps);
  return rows.map((row, r) => {
    const starts = (n: number) => [...(candidates[n] ?? [])].map((i) => rows[n]!.words[i]!.box[0]);
    const neighbours = [...starts(r - 1), ...starts(r + 1)];
    const aligned = (i: number) => neighbours.some((x) => Math.abs(x - row.words[i]!.box[0]) <= row.height * ALIGNED);
    const gaps = gapsOf(row.words);
    const cuts = new Set([...candidates[r]!].filter((i) => gaps[i]! > row.height * COLUMN_GAP || aligned(i)));
    const cells: OcrWord[][] = [[]];
    row.words.forEach((w, i) => {
      if (cuts.has(i)) cells.push([]);
      cells.at(-1)!.push(w);
    });
    return cells;
  });
}

/**
 * The page's printed lines rebuilt from the OCR'd words, in the text layer's convention: one line
 * per printed line, a tab where a column's gutter separates two words (columns side by side, a
 * table's cells, a label and its value), a leading tab for a line that starts in the right half.
 * The rules then read OCR'd pages and born-digital ones the same way.
 */
export function ocrLines(words: OcrWord[], pageWidth: number): string {
  return rowCells(ocrRows(words))
    .map((cells) => {
      const lead = cells[0]![0]!.box[0] > pageWidth * RIGHT_HALF ? '\t' : '';
      return lead + cells.map((cell) => cell.map((w) => w.text).join(' ')).join('\t');
    })
    .map((text) => text.replace(/(?<![ \t])[ \t]+$/, ''))
    .filter((l) => l.trim())
    .join('\n');
}
