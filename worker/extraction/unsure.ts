import { distance } from 'fastest-levenshtein';
import { postcodesIn, type PostcodeAt } from './layout';
import { ISSUER_CUES } from './lexicon';

/** Tesseract's word confidence (0..100) under which a postcode read as printed is still unsure. */
const SURE_WORD_CONFIDENCE = 90;

/**
 * Two words shaped like a postcode no repair could read: an outward code (a letter, then one to
 * three characters with a digit among them) and an inward code opening with a digit ("BS2 41S").
 */
const POSTCODE_SHAPE = /(?<![\w])([A-Z][A-Z0-9]?[0-9][A-Z0-9]?)\s+([0-9][A-Z0-9)\]|]{2,3})(?![\w])/gi;
/**
 * An outward code in capitals and an inward code's two letters, its digit lost ("M4 NU" for
 * M4 9NU): no repair can put back a digit OCR never printed, but a second look may read it.
 */
const LOST_DIGIT_SHAPE = /(?<![\w])([A-Z]{1,2}[0-9][A-Z0-9]?)\s+([A-Z]{2})(?![\w])/g;
/**
 * Two words of capitals shaped like a postcode whose digits OCR read as letters ("EST SYZ" for
 * LS1 5YZ): an outward code's two to four characters, then an inward code's digit or a letter that
 * looks like one and its two letters. Capitals alone are as often a word, so only OCR's own doubt
 * (under DOUBTED_WORD_CONFIDENCE) makes them worth a second look.
 */
const DOUBTED_SHAPE = /(?<![\w])([A-Z][A-Z0-9]{1,3})\s+([0-9SOIZBG][A-Z]{2})(?![\w])/g;
/** Tesseract's word confidence under which it barely read the word at all: its letters are as likely wrong as right. */
const DOUBTED_WORD_CONFIDENCE = 40;

/** A postcode-shaped piece of OCR'd text, and why its reading is unsure. */
export interface UnsurePostcode {
  postcode: PostcodeAt;
  why: 'several repairs' | 'repaired' | 'unread' | 'low confidence';
}

const compact = (text: string) => text.replace(/[^A-Za-z0-9]/g, '').toUpperCase();

/**
 * How few characters of what OCR printed (punctuation aside) must be repaired, swapped, dropped or
 * added, to make one of the postcode's readings: each repair is a guess at what OCR misread.
 */
export function fewestRepairs(postcode: PostcodeAt): number {
  return Math.min(...postcode.readings.map((r) => distance(compact(r), compact(postcode.printed))));
}

/**
 * fewestRepairs, where a reading whose outward code does not end where OCR printed the space counts
 * that moved space as one repair more ("BS1 SN" read as B5 1SN moves it and swaps S for 5: two).
 */
export function fewestRepairsWithSpace(postcode: PostcodeAt): number {
  const words = postcode.printed.trim().toUpperCase().split(/\s+/);
  const moved = (r: string) => (words.length === 2 && words[0] !== r.split(' ')[0] ? 1 : 0);
  return Math.min(...postcode.readings.map((r) => distance(compact(r), compact(postcode.printed)) + moved(r)));
}

/** Whether the postcode's one reading is what OCR printed, character for character (punctuation aside). */
export function readAsPrinted(postcode: PostcodeAt): boolean {
  return postcode.readings.length === 1 && fewestRepairs(postcode) === 0;
}

/** Postcode-shaped words the format could not read at all, or capitals OCR barely read where one could stand: a second look may. */
function unreadShapes(text: string, read: PostcodeAt[], confidenceAt: (start: number, end: number) => number): PostcodeAt[] {
  const doubted = [...text.matchAll(DOUBTED_SHAPE)].filter((m) => confidenceAt(m.index, m.index + m[0].length) < DOUBTED_WORD_CONFIDENCE);
  return [...text.matchAll(POSTCODE_SHAPE), ...text.matchAll(LOST_DIGIT_SHAPE), ...doubted]
    .map((m) => ({ readings: [], start: m.index, end: m.index + m[0].length, printed: `${m[1]} ${m[2]}` }))
    .filter(
      (shape, i, all) =>
        !read.some((p) => p.start < shape.end && shape.start < p.end) && all.findIndex((o) => o.start === shape.start) === i,
    );
}

/**
 * The postcodes in a piece of OCR'd text whose reading is unsure: several repairs the format
 * allows, a repair of look-alike characters, a postcode's shape no repair reads (or capitals in
 * one's shape OCR barely read), or a code read as
 * printed whose words OCR itself doubted (`confidenceAt` gives the lowest word confidence over a
 * span of the text). The issuer's own (on a line with its cues, or in a non-geographic BX area) are
 * not the business's, so they are passed over.
 */
export function unsurePostcodes(text: string, confidenceAt: (start: number, end: number) => number): UnsurePostcode[] {
  if (ISSUER_CUES.test(text)) return [];
  const read = postcodesIn(text).filter((p) => !p.readings.every((r) => r.startsWith('BX')));
  const unread = unreadShapes(text, postcodesIn(text), confidenceAt).map((postcode): UnsurePostcode => ({ postcode, why: 'unread' }));
  return [
    ...read.flatMap((postcode): UnsurePostcode[] => {
      if (postcode.readings.length > 1) return [{ postcode, why: 'several repairs' }];
      if (!readAsPrinted(postcode)) return [{ postcode, why: 'repaired' }];
      return confidenceAt(postcode.start, postcode.end) < SURE_WORD_CONFIDENCE ? [{ postcode, why: 'low confidence' }] : [];
    }),
    ...unread,
  ];
}
