import type { Box, OcrWord } from './port';

/**
 * A page's words from tesseract's TSV and box outputs instead of its JSON block tree. All three walk
 * the same result iterator, but the JSON also writes every block's, paragraph's and line's text
 * again, each word's alternative readings and each symbol's flags: some 30 ms of a page's 600 ms of
 * CPU (5%), where TSV and box together cost nothing measurable.
 * - TSV: a level-1 row with the page's size; a level-4 row opening each line, in the JSON's reading
 *   order; a level-5 row per word with its box (left, top, width, height), its confidence as a float
 *   with six decimals (the JSON truncates it to a whole number) and its text, written symbol by symbol.
 * - Box: a row per symbol, `text left bottom right top page`, y counted up from the page's foot, a
 *   space written as '~'. A word's symbols are the next rows that spell its text.
 * Returns null where the two do not line up (a symbol the box output left out, or one without text),
 * so that the caller reads the page the JSON way instead.
 */
export function wordsFromTsv(tsv: string, boxText: string): OcrWord[] | null {
  const rows = tsv.split('\n').map((row) => row.split('\t'));
  const page = rows.find((fields) => fields[0] === '1' && fields.length >= 10);
  if (!page) return null;
  const symbols = symbolRows(boxText, Number(page[9]));
  // A symbol with no text could belong to the word before it or the one after.
  if (symbols.some((s) => s.text === '')) return null;
  const words: OcrWord[] = [];
  let line = -1;
  let next = 0;
  for (const fields of rows) {
    if (fields[0] === '4') line += 1;
    if (fields[0] !== '5' || fields.length < 12) continue;
    const [left, top, width, height] = fields.slice(6, 10).map(Number) as [number, number, number, number];
    const text = fields.slice(11).join('\t');
    const own: OcrWord['symbols'] = [];
    let spelled = 0;
    while (spelled < text.length && next < symbols.length) {
      const symbol = symbols[next++]!;
      // The word's own text, since the box output writes a space as '~'.
      own.push({ text: text.slice(spelled, spelled + symbol.text.length), box: symbol.box });
      spelled += symbol.text.length;
    }
    const written = symbols.slice(next - own.length, next).map((s) => s.text);
    if (written.join('') !== text.replaceAll(' ', '~')) return null;
    words.push({ text, box: [left, top, left + width, top + height], line, confidence: Math.trunc(Number(fields[10])), symbols: own });
  }
  return next === symbols.length ? words : null;
}

/** The box output's rows as symbols in the page's coordinates, y counted down from its top. */
function symbolRows(boxText: string, pageHeight: number): Array<{ text: string; box: Box }> {
  const rows: Array<{ text: string; box: Box }> = [];
  for (const row of boxText.split('\n')) {
    const fields = row.split(' ');
    if (fields.length < 6) continue;
    const [left, bottom, right, top] = fields.slice(-5, -1).map(Number) as [number, number, number, number];
    rows.push({ text: fields.slice(0, -5).join(' '), box: [left, pageHeight - top, right, pageHeight - bottom] });
  }
  return rows;
}
