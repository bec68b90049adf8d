import type { Box } from '../../ocr/port';
import type { PlacedWord } from './paper-match';

/** Words beside each other on a line this many word heights apart or less may be one pasted rectangle. */
const SPAN_GAP = 1.5;
/** A paste spans this many words at most ("23 Oct 2026", a postcode's halves). */
const SPAN_WORDS = 3;

const heightOf = (b: Box) => b[3] - b[1];

/**
 * The word with the words beside it on its OCR line that may lie on the same paste: OCR splits a pasted
 * date or postcode into words, and each, a row mate of the others, holds only its own few glyphs.
 */
export function spanOf(word: PlacedWord, words: PlacedWord[]): PlacedWord[] {
  const line = words.filter((w) => w.word.line === word.word.line).sort((a, b) => a.box[0] - b.box[0]);
  const near = (a: PlacedWord, b: PlacedWord) => b.box[0] - a.box[2] <= SPAN_GAP * Math.max(heightOf(a.box), heightOf(b.box));
  let first = line.indexOf(word);
  let last = first;
  while (last - first + 1 < SPAN_WORDS && first > 0 && near(line[first - 1]!, line[first]!)) first--;
  while (last - first + 1 < SPAN_WORDS && last + 1 < line.length && near(line[last]!, line[last + 1]!)) last++;
  return line.slice(first, last + 1);
}

/** The box holding every word of a span. */
export function spanBox(span: readonly PlacedWord[]): Box {
  return [
    Math.min(...span.map((w) => w.box[0])),
    Math.min(...span.map((w) => w.box[1])),
    Math.max(...span.map((w) => w.box[2])),
    Math.max(...span.map((w) => w.box[3])),
  ];
}
