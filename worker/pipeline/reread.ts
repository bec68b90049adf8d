import sharp from 'sharp';
import type { UncertainRead } from '../domain';
import { labelSpans, postcodesIn, type PostcodeAt } from '../extraction/layout';
import { companyNumberReadings, sameGlyph } from '../extraction/normalize';
import { fewestRepairs, readAsPrinted, unsurePostcodes, type UnsurePostcode } from '../extraction/unsure';
import { validValues, type TypedField } from '../extraction/values';
import { ocrRows, rowCells } from '../ocr/lines';
import type { Box, OcrEngine, OcrWord } from '../ocr/port';
import type { GreyImage as Grey } from '../images/deskew';
import { otsuThreshold } from '../images/perspective';
import { closestCharacter, decodeGrey, LOOKALIKES, stemsIn } from './glyph-match';

/** Crops read a second time per page: a page holds the business's postcode and seldom more than two others. */
const MAX_REREADS = 3;
/** How much larger the second reading sees the line: tesseract reads small print better at a larger scale. */
const SCALE = 2;
/** White margin around a crop, in the crop's pixels: tesseract misreads letters that touch the image's edge. */
const MARGIN = 24;

/** What each place of an inward code holds: a digit, then two of the letters the format allows. */
const INWARD_CLASSES = ['0123456789', 'ABDEFGHJLNPQRSTUWXYZ', 'ABDEFGHJLNPQRSTUWXYZ'];
/** Tesseract's word confidence from which a word's glyphs serve as the page's own examples of their characters. */
const EXAMPLE_WORD_CONFIDENCE = 90;
/**
 * A house or unit number of two or three characters ending in 8, before a name ("Unit 178 The Old Mill"):
 * OCR reads a number's letter B as 8, and only the glyph can tell which was printed.
 */
const HOUSE_NUMBER = /^\d{1,2}8,?$/;
const NAME_WORD = /^[A-Z][A-Za-z]+,?$/;
/** A month's name after a number makes it a day ("18 August"), not a house number. */
const MONTH = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
/** Tesseract's word confidence from which a labelled value is taken as printed, valid or not (an issuer's own number). */
const SURE_VALUE_CONFIDENCE = 90;
/** Labelled values read a second time per page: a page states each of its few numbers once. */
const MAX_VALUE_REREADS = 2;
/**
 * How many digits OCR printed after a label for a value that read nothing valid to be worth a second
 * look (a digit or two lost or added, a branch's three more): fewer or more are some other number.
 */
const NEAR_DIGITS: Record<TypedField, [number, number]> = {
  vat_number: [9, 14],
  company_number: [5, 9],
  sort_code: [5, 7],
  account_number: [6, 9],
};
/** Words laid out as one string, with which word each character came from. */
interface SpannedText {
  text: string;
  words: Array<{ word: OcrWord; start: number; end: number }>;
}

function spanned(words: OcrWord[]): SpannedText {
  let text = '';
  const out: SpannedText['words'] = [];
  for (const word of words) {
    if (text) text += ' ';
    out.push({ word, start: text.length, end: text.length + word.text.length });
    text += word.text;
  }
  return { text, words: out };
}

const within = (s: SpannedText, start: number, end: number) => s.words.filter((w) => w.end > start && w.start < end);

function lowestConfidence(s: SpannedText, start: number, end: number): number {
  return Math.min(...within(s, start, end).map((w) => w.word.confidence), 100);
}

/** A row's words cut where a column's gutter runs: a crop holds one column's line, not its neighbour's. */
function segments(words: OcrWord[]): OcrWord[][] {
  return rowCells(ocrRows(words)).flat();
}

interface Suspect {
  unsure: UnsurePostcode;
  line: SpannedText;
  confidence: number;
}

const WHY_ORDER: Record<UnsurePostcode['why'], number> = { 'several repairs': 0, repaired: 1, unread: 2, 'low confidence': 3 };

/** The page's unsure postcodes, the most doubtful first, at most MAX_REREADS. */
function suspects(words: OcrWord[]): Suspect[] {
  return segments(words)
    .flatMap((segment) => {
      const line = spanned(segment);
      return unsurePostcodes(line.text, (s, e) => lowestConfidence(line, s, e)).map((unsure) => ({
        unsure,
        line,
        confidence: lowestConfidence(line, unsure.postcode.start, unsure.postcode.end),
      }));
    })
    .sort((a, b) => WHY_ORDER[a.unsure.why] - WHY_ORDER[b.unsure.why] || a.confidence - b.confidence)
    .slice(0, MAX_REREADS);
}

function union(boxes: Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** The line's pixels, with a little of the page around them, enlarged and given a white margin. */
async function cropLine(png: Buffer, size: { width: number; height: number }, line: SpannedText): Promise<Buffer> {
  return enlarged(png, size, line)
    .extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: '#ffffff' })
    .png()
    .toBuffer();
}

function enlarged(png: Buffer, size: { width: number; height: number }, line: SpannedText): sharp.Sharp {
  const [x0, y0, x1, y1] = union(line.words.map((w) => w.word.box));
  const pad = Math.round((y1 - y0) * 0.5);
  const left = Math.max(0, x0 - pad);
  const top = Math.max(0, y0 - pad);
  const width = Math.min(size.width, x1 + pad) - left;
  const height = Math.min(size.height, y1 + pad) - top;
  return sharp(png)
    .extract({ left, top, width, height })
    .resize({ width: width * SCALE, kernel: 'lanczos3' });
}

/**
 * A value's line cropped as `cropLine` does, its ink split from the paper at the crop's own Otsu
 * threshold: a certificate's patterned ground around a number, left grey, read as noise ("797 2571
 * 77" as "io SA Uetly"); in black and white it read as printed.
 */
async function cropInk(png: Buffer, size: { width: number; height: number }, line: SpannedText): Promise<Buffer> {
  const { data, info } = await enlarged(png, size, line).greyscale().raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .threshold(otsuThreshold(new Uint8Array(data)))
    .extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: '#ffffff' })
    .png()
    .toBuffer();
}

/**
 * Which reading to keep. The second, when it reads a real postcode as printed and the first needed
 * a repair, or had several, or read nothing (when both read one as printed, the one tesseract was
 * surer of); when its one reading needs fewer repairs than any of the first's (each repair is a
 * guess, so fewer guesses are likelier right); when its repairs narrow the first's (fewer, all among
 * them); or when it alone reads one.
 */
function keep(first: Suspect, second: PostcodeAt | undefined, secondConfidence: number): UncertainRead['kept'] {
  if (!second?.readings.length) return 'first';
  const { postcode, why } = first.unsure;
  if (readAsPrinted(second)) return why !== 'low confidence' || secondConfidence > first.confidence ? 'second' : 'first';
  if (second.readings.length === 1 && postcode.readings.length && fewestRepairs(second) < fewestRepairs(postcode)) return 'second';
  const narrows = second.readings.length < postcode.readings.length && second.readings.every((r) => postcode.readings.includes(r));
  return narrows || (why === 'unread' && second.readings.length === 1) ? 'second' : 'first';
}

/** The first reading's words with the postcode's characters replaced by the second reading's. */
function replaced(words: OcrWord[], first: Suspect, second: PostcodeAt): OcrWord[] {
  const { start, end } = first.unsure.postcode;
  const covered = within(first.line, start, end);
  const head = covered[0]!;
  const tail = covered.at(-1)!;
  const text = head.word.text.slice(0, Math.max(0, start - head.start)) + second.printed + tail.word.text.slice(end - tail.start);
  const dropped = new Set(covered.slice(1).map((w) => w.word));
  return words
    .filter((w) => !dropped.has(w))
    .map((w) => (w === head.word ? { ...w, text, box: union(covered.map((c) => c.word.box)) } : w));
}

/** The postcode's printed characters (punctuation aside, case as printed) with the boxes OCR drew them in, or undefined when its symbols do not spell its words. */
function glyphsOf(first: Suspect): Array<{ char: string; box: Box; at: number }> | undefined {
  const { start, end } = first.unsure.postcode;
  const out: Array<{ char: string; box: Box; at: number }> = [];
  for (const w of within(first.line, start, end)) {
    if (w.word.symbols.map((c) => c.text).join('') !== w.word.text) return undefined;
    let at = w.start;
    for (const symbol of w.word.symbols) {
      if (at >= start && at < end && /^[A-Za-z0-9]$/.test(symbol.text)) out.push({ char: symbol.text, box: symbol.box, at });
      at += symbol.text.length;
    }
  }
  return out;
}

/**
 * The postcode as the page's pixels read it where its format fixes what a place holds and OCR's
 * reading left that place in doubt (an inward code's digit printed as a letter, or repairs that
 * disagree there): each such glyph is read as the character of that place's class its page's own
 * examples most resemble. Undefined when a doubtful glyph cannot be told, or nothing changes.
 */
async function readByGlyphs(page: () => Promise<Grey>, words: OcrWord[], first: Suspect): Promise<PostcodeAt | undefined> {
  const { postcode } = first.unsure;
  const glyphs = glyphsOf(first);
  const length = glyphs?.length ?? 0;
  if (!glyphs || length < 5 || !postcode.readings.every((r) => r.replace(' ', '').length === length)) return undefined;
  const covered = new Set(within(first.line, postcode.start, postcode.end).map((w) => w.word));
  const examples = words.filter((w) => w.confidence >= EXAMPLE_WORD_CONFIDENCE && !covered.has(w));
  let text = first.line.text.slice(postcode.start, postcode.end);
  for (const [k, chars] of INWARD_CLASSES.entries()) {
    const glyph = glyphs[length - 3 + k]!;
    const printed = glyph.char.toUpperCase();
    const read = new Set(postcode.readings.map((r) => r.replace(' ', '')[length - 3 + k]));
    if (read.size === 1 && read.has(printed) && chars.includes(printed)) continue;
    const char = closestCharacter(await page(), glyph.box, chars, examples);
    if (!char) return undefined;
    const at = glyph.at - postcode.start;
    text = text.slice(0, at) + char + text.slice(at + 1);
  }
  const second = postcodesIn(text)[0];
  return second?.readings.length && text !== postcode.printed ? { ...second, printed: text } : undefined;
}

/** What OCR prints for a 1's lone stroke: the digit, a small l, a capital I. */
const STROKE = /^[1lI]$/;

/**
 * The runs of strokes in a postcode's outward code after its area's first letter (CFl1's l1), each as the
 * glyphs OCR printed for it, where OCR's characters may not count its glyphs: a run of more than one, or
 * one stroke printed as something other than a 1.
 */
function strokeRuns(glyphs: Array<{ char: string; box: Box; at: number }>): Array<Array<{ char: string; box: Box; at: number }>> {
  const runs: Array<Array<{ char: string; box: Box; at: number }>> = [];
  glyphs.slice(1, -3).forEach((g, k) => {
    if (!STROKE.test(g.char)) return;
    const last = runs.at(-1);
    if (last && last.at(-1) === glyphs[k]) last.push(g);
    else runs.push([g]);
  });
  return runs.filter((run) => run.length > 1 || run[0]!.char !== '1');
}

/**
 * The postcode with each run of strokes in its outward code read as as many 1s as its ink holds stems: OCR
 * draws one printed 1 as 1 and l side by side ("EH1l" for EH1) as readily as it prints two 1s as l and 1
 * ("CFl1" for CF11), so its characters cannot count the glyphs, and the text leaves both readings open.
 * Undefined when a run's stems cannot be counted, or the count reads none of the first reading's postcodes.
 */
async function readByStems(page: () => Promise<Grey>, first: Suspect): Promise<PostcodeAt | undefined> {
  const { postcode } = first.unsure;
  const runs = strokeRuns(glyphsOf(first) ?? []);
  if (!runs.length || postcode.readings.length < 2) return undefined;
  let text = first.line.text.slice(postcode.start, postcode.end);
  for (const run of runs.reverse()) {
    const stems = stemsIn(await page(), union(run.map((g) => g.box)));
    if (!stems) return undefined;
    const [from, to] = [run[0]!.at - postcode.start, run.at(-1)!.at - postcode.start + 1];
    text = text.slice(0, from) + '1'.repeat(stems) + text.slice(to);
  }
  const second = postcodesIn(text)[0];
  return second?.readings.length === 1 && postcode.readings.includes(second.readings[0]!) ? { ...second, printed: text } : undefined;
}

/**
 * House numbers ending in an 8, before a name on their line, however sure OCR was: its word confidence
 * does not tell the look-alikes apart ("Unit 17B" read "178" at 92).
 */
function eightEndedHouseNumbers(words: OcrWord[]): OcrWord[] {
  return segments(words).flatMap((segment) =>
    segment.filter(
      (w, i) =>
        HOUSE_NUMBER.test(w.text) &&
        NAME_WORD.test(segment[i + 1]?.text ?? '') &&
        !MONTH.test(segment[i + 1]!.text) &&
        w.symbols.map((c) => c.text).join('') === w.text,
    ),
  );
}

/**
 * The page's words with each house number's closing 8 read as B where its glyph resembles the
 * page's own Bs, not its 8s ("Unit 17B" read as "178"); where the page cannot tell, the 8 stands.
 */
async function readHouseLetters(page: () => Promise<Grey>, words: OcrWord[]): Promise<OcrWord[]> {
  let out = words;
  for (const number of eightEndedHouseNumbers(words)) {
    const at = number.text.lastIndexOf('8');
    const examples = words.filter((w) => w.confidence >= EXAMPLE_WORD_CONFIDENCE && w !== number);
    if (closestCharacter(await page(), number.symbols[at]!.box, '8B', examples, LOOKALIKES) !== 'B') continue;
    const text = `${number.text.slice(0, at)}B${number.text.slice(at + 1)}`;
    const symbols = number.symbols.map((c, i) => (i === at ? { ...c, text: 'B' } : c));
    out = out.map((w) => (w === number ? { ...w, text, symbols } : w));
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The company number a word reads as once one symbol of a doubled glyph is dropped, where its boxes tell
 * which: the one pair of look-alikes side by side that together span less than the word's digit pitch
 * (from one digit's left edge to the next's, the same for every digit of a type) is one glyph read
 * twice, since two printed glyphs span a pitch and the second one's width (NI1249233's I and 1, 17
 * pixels at a pitch of 19, are its I; its two 3s, 34 pixels, were both printed). Undefined when no
 * pair or several fit.
 */
function withoutGlyphReadTwice(word: OcrWord): { text: string; drop: number } | undefined {
  const value = /^[A-Za-z0-9]*/.exec(word.text)![0];
  const readings = companyNumberReadings(value);
  if (readings.length < 2 || word.symbols.map((c) => c.text).join('') !== word.text) return undefined;
  const boxes = word.symbols.slice(0, value.length).map((c) => c.box);
  // The pitch from the steps between digits away from the pair, whose own boxes may be one glyph's.
  const pitch = (pair: number) =>
    median(
      boxes.flatMap((b, k) => (k > 0 && Math.abs(k - pair) > 1 && /\d\d/.test(value.slice(k - 1, k + 1)) ? [b[0] - boxes[k - 1]![0]] : [])),
    );
  const pairs = [...value].flatMap((c, i) => {
    if (i === 0 || !sameGlyph(value[i - 1]!, c)) return [];
    return boxes[i]![2] - boxes[i - 1]![0] < pitch(i) ? [i] : [];
  });
  if (pairs.length !== 1) return undefined;
  const drops = [pairs[0]! - 1, pairs[0]!].map((drop) => ({ drop, kept: value.slice(0, drop) + value.slice(drop + 1) }));
  const read = drops.filter(({ kept }) => {
    const [only, ...others] = companyNumberReadings(kept);
    return only && !others.length && readings.includes(only);
  });
  const best = read.find(({ kept }) => companyNumberReadings(kept)[0] === kept) ?? read[0];
  return best && { text: best.kept + word.text.slice(value.length), drop: best.drop };
}

/**
 * The page's words with each company number OCR printed a doubled glyph too long read without it,
 * where the glyphs' boxes tell which pair was read twice; elsewhere its readings stay candidates.
 */
function dropGlyphsReadTwice(words: OcrWord[]): OcrWord[] {
  return words.map((word) => {
    const one = withoutGlyphReadTwice(word);
    return one ? { ...word, text: one.text, symbols: word.symbols.filter((_, i) => i !== one.drop) } : word;
  });
}

const TYPED_FIELDS = new Set<string>(Object.keys(NEAR_DIGITS));
const isTyped = (field: string): field is TypedField => TYPED_FIELDS.has(field);
const tidyValue = (text: string) => text.replace(/^[\s:.\-–|]+/, '').trim();

/** A labelled value of fixed form that read nothing valid: the line it stands on, and where in it. */
interface UnreadValue {
  fields: TypedField[];
  line: SpannedText;
  start: number;
  end: number;
  /** Printed after its label in the label's cell (else alone in the next cell, or the one below). */
  afterLabel: boolean;
}

/** The text after each label of a field of fixed form on a line, to the next label. */
function labelledValues(line: SpannedText): Array<{ fields: TypedField[]; label: OcrWord[]; start: number; end: number }> {
  const spans = labelSpans(line.text);
  return spans.flatMap((span, k) => {
    const fields = span.fields.filter(isTyped);
    const label = within(line, span.start, span.end).map((w) => w.word);
    return fields.length ? [{ fields, label, start: span.end, end: spans[k + 1]?.start ?? line.text.length }] : [];
  });
}

/**
 * The value with only the fields it was printed for with about their digits, OCR unsure of them, that
 * read no value passing their rules; undefined when there are none.
 */
function doubted(value: UnreadValue): UnreadValue | undefined {
  const words = value.line.words.filter((w) => w.start >= value.start && w.start < value.end);
  const text = value.line.text.slice(value.start, value.end);
  const digits = text.replace(/\D/g, '').length;
  if (!words.some((w) => w.word.confidence < SURE_VALUE_CONFIDENCE)) return undefined;
  const fields = value.fields.filter((f) => digits >= NEAR_DIGITS[f][0] && digits <= NEAR_DIGITS[f][1] && !validValues(f, text).length);
  return fields.length ? { ...value, fields } : undefined;
}

/** The cell of the row below that stands under a label's words: a form's value printed under its label. */
function cellBelow(row: OcrWord[][] | undefined, label: OcrWord[]): OcrWord[] | undefined {
  const [x0, , x1] = union(label.map((w) => w.box));
  return row?.find((cell) => cell[0]!.box[0] < x1 && cell.at(-1)!.box[2] > x0);
}

/**
 * Labels of fields of fixed form whose value, after the label or alone beside or below it, OCR printed with
 * about the field's digits, unsure of them, yet read nothing valid (a VAT number failing its check
 * digits, a company number of no valid shape, a sort code or account number of the wrong length),
 * at most MAX_VALUE_REREADS a page.
 */
function unreadValues(words: OcrWord[]): UnreadValue[] {
  const rows = rowCells(ocrRows(words));
  return rows
    .flatMap((row, r) =>
      row.flatMap((cell, c) => {
        const line = spanned(cell);
        return labelledValues(line).flatMap(({ fields, label, start, end }): UnreadValue[] => {
          if (line.words.some((w) => w.start >= start && w.start < end)) return [{ fields, line, start, end, afterLabel: true }];
          const beside = row[c + 1];
          const value = beside && !labelSpans(spanned(beside).text).length ? beside : cellBelow(rows[r + 1], label);
          return value ? [{ fields, line: spanned(value), start: 0, end: Infinity, afterLabel: false }] : [];
        });
      }),
    )
    .flatMap((value) => doubted(value) ?? [])
    .slice(0, MAX_VALUE_REREADS);
}

/** The first value a second reading of a value's line gives that passes one of its label's fields' rules. */
function valueReadAgain(line: SpannedText, first: UnreadValue): { field: TypedField; text: string } | undefined {
  const places = first.afterLabel ? labelledValues(line) : [{ fields: first.fields, start: 0, end: line.text.length }];
  for (const { fields, start, end } of places) {
    const text = tidyValue(line.text.slice(start, end));
    const field = first.fields.find((f) => fields.includes(f) && validValues(f, text).length);
    if (field) return { field, text };
  }
  return undefined;
}

/** The first reading's words with a value replaced by the second reading's, in one word over the value's place. */
function withValue(words: OcrWord[], first: UnreadValue, text: string): OcrWord[] {
  const covered = first.line.words.filter((w) => w.start >= first.start && w.start < first.end).map((w) => w.word);
  const dropped = new Set(covered.slice(1));
  return words
    .filter((w) => !dropped.has(w))
    .map((w) => (w === covered[0] ? { ...w, text, box: union(covered.map((c) => c.box)), symbols: [] } : w));
}

/**
 * Reads each labelled value that read nothing valid a second time, closer up (its line cropped from
 * the cleaned page, enlarged and made black and white), and keeps the second reading only where it passes the field's
 * rules; the first stands otherwise.
 */
async function rereadValues(ocr: OcrEngine, page: { png: Buffer; width: number; height: number }, words: OcrWord[]): Promise<Reread> {
  let out = words;
  const reads: UncertainRead[] = [];
  for (const first of unreadValues(words)) {
    const result = await ocr.recognize(await cropInk(page.png, page, first.line));
    const again = valueReadAgain(spanned(ocrRows(result.words).flatMap((r) => r.words)), first);
    const printed = tidyValue(first.line.text.slice(first.start, first.end));
    reads.push({
      field: again?.field ?? first.fields[0]!,
      first: printed,
      ...(again ? { second: again.text } : {}),
      kept: again ? 'second' : 'first',
    });
    if (again) out = withValue(out, first, again.text);
  }
  return { words: out, reads };
}

export interface Reread {
  /** The page's words with every second reading that was kept in place of the first. */
  words: OcrWord[];
  reads: UncertainRead[];
}

/**
 * Reads a page's unsure postcodes a second time and keeps the better reading of each: by their
 * glyphs, where the format fixes what a doubtful place holds and the page's own examples of its
 * characters tell which it is (no OCR at all), else by OCR of their line, cropped from the cleaned
 * page and enlarged. A house number's closing 8 is read by its glyph too, and a company
 * number's glyph read twice is dropped where its boxes tell which. The page's words are otherwise
 * left as read.
 */
export async function rereadUnsure(
  ocr: OcrEngine,
  page: { png: Buffer; width: number; height: number },
  words: OcrWord[],
): Promise<Reread> {
  let out = words;
  const reads: UncertainRead[] = [];
  let grey: Promise<Grey> | undefined;
  const pixels = () => (grey ??= decodeGrey(page.png));
  for (const first of suspects(words)) {
    const glyphs = (await readByStems(pixels, first)) ?? (await readByGlyphs(pixels, words, first));
    if (glyphs) {
      reads.push({ field: 'postcode', first: first.unsure.postcode.printed, second: glyphs.printed, kept: 'second' });
      out = replaced(out, first, glyphs);
      continue;
    }
    const result = await ocr.recognize(await cropLine(page.png, page, first.line));
    const again = spanned(ocrRows(result.words).flatMap((r) => r.words));
    const second = postcodesIn(again.text)[0];
    const kept = keep(first, second, second ? lowestConfidence(again, second.start, second.end) : 0);
    reads.push({ field: 'postcode', first: first.unsure.postcode.printed, ...(second ? { second: second.printed } : {}), kept });
    if (kept === 'second') out = replaced(out, first, second!);
  }
  const values = await rereadValues(ocr, page, out);
  return { words: dropGlyphsReadTwice(await readHouseLetters(pixels, values.words)), reads: [...reads, ...values.reads] };
}
