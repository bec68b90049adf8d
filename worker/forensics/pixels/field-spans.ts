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

const heightOf = (b: Box) => b[3] - b[1];

/**
 * The word with the words beside it on its OCR line that may lie on the same paste, whatever they read
 * as (paper and print scale judge a paste's remnants, which often read as no field; `fieldSpan` keeps
 * field-like words only, for the print measures): OCR splits a pasted date or postcode into words, and
 * each, a row mate of the others, holds only its own few glyphs.
 */
export function spanOf(word: PlacedWord, words: PlacedWord[]): PlacedWord[] {
  const line = words.filter((w) => w.word.line === word.word.line).sort((a, b) => a.box[0] - b.box[0]);
  const near = (a: PlacedWord, b: PlacedWord) => b.box[0] - a.box[2] <= SAME_FIELD_GAP * Math.max(heightOf(a.box), heightOf(b.box));
  let first = line.indexOf(word);
  let last = first;
  while (last - first + 1 < SPAN_WORDS && first > 0 && near(line[first - 1]!, line[first]!)) first--;
  while (last - first + 1 < SPAN_WORDS && last + 1 < line.length && near(line[last]!, line[last + 1]!)) last++;
  return line.slice(first, last + 1);
}

/** The box holding every one of `boxes` (a span's words, a paste's glyphs). */
export function boxAround(boxes: readonly Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}
