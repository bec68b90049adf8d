import type { Box, OcrWord } from '../../ocr/port';

/** A word as OCR read it, boxed on the page. */
export interface PlacedWord {
  word: OcrWord;
  box: Box;
}

/** A word this near the next on its line (in word heights) may be the same field's (a postcode's halves, a date's day, month and year). */
const SAME_FIELD_GAP = 1.5;
/** Share of the shorter box's height two words must share to be printed on one row (OCR joins columns set at other heights into a line). */
const ROW_OVERLAP = 0.5;
/** A span holds this many words at most, those before the field first. */
const SPAN_WORDS = 3;

/**
 * A word that may be part of a field: a field-like word, a short code of capitals and digits (a
 * postcode half OCR misread, "6ALN"), or a month's full name (a date's, "26 November 2026": pasted
 * whole, and its year alone too short to lean). Other running words ("Nottingham,") are not: their
 * superscripts and descenders, and a line's slow bend over a sentence, lean a span on sound pages. A
 * month's short name is not either: a statement's "07 Nov" column is too short a span to lean surely.
 */
const CODE = /^[A-Z0-9]{2,4}$/;
const MONTH = /^(?:january|february|march|april|may|june|july|august|september|october|november|december),?$/i;

/**
 * The field at `index` with the words beside it on its line that may belong to it, in reading order:
 * a pasted or retyped field is one rectangle whatever OCR split it into. `fieldLike` says which words
 * read as fields; `words` are in OCR's reading order.
 */
export function fieldSpan<T extends PlacedWord>(words: readonly T[], index: number, fieldLike: (w: OcrWord) => boolean): T[] {
  const partOfField = (w: T) => fieldLike(w.word) || CODE.test(w.word.text) || MONTH.test(w.word.text);
  const near = (a: T, b: T | undefined) =>
    b !== undefined &&
    b.word.line === a.word.line &&
    b.box[0] > a.box[0] &&
    b.box[0] - a.box[2] <= SAME_FIELD_GAP * (a.box[3] - a.box[1]) &&
    Math.min(a.box[3], b.box[3]) - Math.max(a.box[1], b.box[1]) >= ROW_OVERLAP * Math.min(a.box[3] - a.box[1], b.box[3] - b.box[1]);
  let [first, last] = [index, index];
  while (last - first + 1 < SPAN_WORDS && first > 0 && near(words[first - 1]!, words[first]) && partOfField(words[first - 1]!)) first--;
  while (last - first + 1 < SPAN_WORDS && near(words[last]!, words[last + 1]) && partOfField(words[last + 1]!)) last++;
  return words.slice(first, last + 1);
}
