import { distance } from 'fastest-levenshtein';
import { ISSUER_CUES, LABELS, OTHER_LABELS, type LabelledField } from './lexicon';
import { postcodeReadings, withoutDoubledGlyph } from './normalize';

/** One printed line of a page. */
export interface Line {
  text: string;
  page: number;
  /** The line stands in the page's right half alone: a right-hand column's line between a left-hand block's. */
  right?: true;
}

/** Where a label sits in a line, and which field it names ('other' for labels of things we do not read). */
export interface LabelSpan {
  /** Several when one label serves more than one field ("Registration number"). */
  fields: Array<LabelledField | 'other'>;
  start: number;
  end: number;
}

/** A place a label points to: the text after it on its line, or the line below it. */
export interface LabelHit {
  text: string;
  page: number;
  /** Where the value was found, for the field's reasons. */
  how: 'after label' | 'below label' | 'in grid under label';
  label: string;
  /** In a grid (several labels over one row of values): this label's place among the row's date labels. */
  dateOrdinal?: number;
}

const MAX_ADDRESS_LINE = 60;
/** The most digits a postcode prints (M15 1NT): the swaps a code whose every digit OCR misread needs. */
const ALL_DIGITS = 3;
/** Company suffixes, with OCR's usual readings of LTD and LIMITED (LID, LT0, LlMITED). */
export const COMPANY_SUFFIX =
  /\b(?:LIMITED|L[I1l]M[I1l]TED|LTD\.?|L[I1]D|LT[O0]|PLC|P\.L\.C\.|LLP|L\.L\.P\.|CIC|COMMUNITY INTEREST COMPANY|UNLIMITED)(?=\s|,|$)/i;
/** Words that mark a line as a heading or a sentence, not part of a postal address. */
const NOT_ADDRESS =
  /:|\b(?:statement|certificate|bill|invoice|account|period|date|page|tel|telephone|email|www|vat|number|sort code|balance|banking|customer|dear|your|summary|details)\b/i;
const DATE_LABEL = /date|period|pay\s+by|effective|from/i;
/**
 * A cell OCR made of a printed rule, a frame's or the paper's edge, or a speck beside the text
 * ("|", ":"): not a column.
 */
const RULE_GLYPH = /^[|¦:;.,'`‘’]+$/;

function globalOf(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
}

const SPAN_PATTERNS: Array<[LabelledField | 'other', RegExp]> = [
  ...(Object.entries(LABELS) as Array<[LabelledField, RegExp]>).map(([f, p]): [LabelledField, RegExp] => [f, globalOf(p)]),
  ['other', globalOf(OTHER_LABELS)],
];

/** Every label in a line, left to right, overlaps resolved in favour of the earlier and longer. */
export function labelSpans(text: string): LabelSpan[] {
  const spans: LabelSpan[] = [];
  for (const [field, pattern] of SPAN_PATTERNS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) spans.push({ fields: [field], start: m.index, end: m.index + m[0].length });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: LabelSpan[] = [];
  for (const s of spans) {
    const last = kept.at(-1);
    if (last && s.start === last.start && s.end === last.end) last.fields.push(...s.fields);
    else if (!last || s.start >= last.end) kept.push(s);
  }
  return kept;
}

function tidyValue(text: string): string {
  return text.replace(/^[\s:.\-–|]+/, '').trim();
}

/** The part of a line before any label: in merged columns, the left column's text. */
export function leadText(text: string): string {
  const first = labelSpans(text)[0];
  return (first ? text.slice(0, first.start) : text).trim();
}

function tidyLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether rows of cells are a form's "label    value" pairs (read across) rather than columns or a
 * grid (read down): most rows open with a label, and they are not a row of labels over a row of values.
 */
function arePairs(run: string[][]): boolean {
  if (isGrid(run)) return false;
  return run.filter((row) => isLabelCell(row[0] ?? '')).length * 2 >= run.length;
}

/**
 * A table cell that stands for its label alone: a bare word such as "Name" or "Address" in a
 * label column reads as "Name:" would, since the column gap does what the colon does.
 */
function isBareLabelCell(cell: string): boolean {
  return labelSpans(cell).length === 0 && cell.length <= 30 && !/\d/.test(cell) && labelSpans(`${cell}:`).length > 0;
}

function isLabelCell(cell: string): boolean {
  return labelSpans(cell).length > 0 || isBareLabelCell(cell);
}

/** A label/value row as one line, a bare label given the colon its column gap stood for. */
function pairLine(row: string[]): string {
  const [first = '', ...rest] = row.filter(Boolean);
  return [isBareLabelCell(first) ? `${first}:` : first, ...rest].join(' ');
}

/** A row of labels over one row of their values: a summary grid. */
function isGrid(run: string[][]): boolean {
  return run.length === 2 && run[0]!.every((c) => labelSpans(c).length > 0) && labelSpans(run[1]![0] ?? '').length === 0;
}

/** A short line with no label under a block of columns: the longer column going on. */
function continuesColumn(row: string[]): boolean {
  return row.length === 1 && row[0]!.length <= 40 && labelSpans(row[0]!).length === 0;
}

/**
 * A page's printed lines. Where the text layer marks wide gaps (tabs), consecutive rows with the
 * same number of cells are columns and are read down each column in turn (two blocks side by
 * side, or a grid's labels over its values); label/value pairs are read across.
 */
function pageLines(text: string, page: number): Line[] {
  // A row OCR made of nothing but a frame's edges is no line: dropped, it leaves the columns either side one run.
  const rows = text
    .split('\n')
    .map((l) => l.split('\t').map(tidyLine))
    .filter((cells) => !cells.some((c) => RULE_GLYPH.test(c)) || cells.some((c) => c && !RULE_GLYPH.test(c)))
    .map((cells) => cells.filter((cell) => !RULE_GLYPH.test(cell)));
  const out: Line[] = [];
  const emit = (t: string, right = false) => t && out.push(right ? { text: t, page, right } : { text: t, page });
  for (let i = 0; i < rows.length;) {
    const width = rows[i]!.length;
    let j = i + 1;
    while (width > 1 && j < rows.length && rows[j]!.length === width) j++;
    const run = rows.slice(i, j);
    if (width > 1 && run.length > 1 && !arePairs(run)) {
      const tail: string[] = [];
      // A grid's row of values is complete; under side-by-side blocks the left one may go on.
      const leftGoesOn = !!run.at(-1)![0] && !isGrid(run);
      while (leftGoesOn && tail.length < 3 && j < rows.length && continuesColumn(rows[j]!)) tail.push(rows[j++]![0]!);
      for (let c = 0; c < width; c++) {
        for (const row of run) emit(row[c]!);
        if (c === 0) tail.forEach((t) => emit(t));
      }
    } else for (const row of run) emit(width > 1 ? pairLine(row) : row.filter(Boolean).join(' '), width > 1 && !row[0]);
    i = j;
  }
  return out;
}

/** The part of a line after its last label. */
export function afterLabels(text: string): string {
  const last = labelSpans(text).at(-1);
  return last ? tidyValue(text.slice(last.end)) : text;
}

function isLabelOnly(text: string): boolean {
  const spans = labelSpans(text);
  return spans.length === 1 && spans[0]!.start === 0 && !tidyValue(text.slice(spans[0]!.end));
}

/**
 * OCR reads a form's label column and its value column as separate blocks: a run of bare labels
 * with as many unlabelled lines just before (or after) it. Pairs them again, in order.
 */
function rejoinSplitColumns(lines: Line[]): Line[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    let j = i;
    while (j < out.length && out[j]!.page === out[i]!.page && isLabelOnly(out[j]!.text)) j++;
    const k = j - i;
    if (k < 2) continue;
    const fits = (from: number) =>
      from >= 0 && from + k <= out.length && out.slice(from, from + k).every((v) => v.page === out[i]!.page && !labelSpans(v.text).length);
    const from = fits(i - k) ? i - k : fits(j) ? j : undefined;
    if (from === undefined) {
      i = j - 1;
      continue;
    }
    const paired = out.slice(i, j).map((label, n) => ({ text: `${label.text} ${out[from + n]!.text}`, page: label.page }));
    const start = Math.min(i, from);
    out.splice(start, 2 * k, ...paired);
    i = start + k - 1;
  }
  return out;
}

export function linesOf(pages: string[]): Line[] {
  return rejoinSplitColumns(pages.flatMap((text, i) => pageLines(text, i + 1)));
}

/**
 * Everything the labels of one field point to: the text after the label (up to the next label on
 * the line), the line below a label that stands alone, or a grid's row under its header.
 */
export function labelHits(lines: Line[], field: LabelledField): LabelHit[] {
  const hits: LabelHit[] = [];
  lines.forEach((line, i) => {
    const spans = labelSpans(line.text);
    spans.forEach((span, k) => {
      if (!span.fields.includes(field)) return;
      const label = line.text.slice(span.start, span.end);
      const rest = tidyValue(line.text.slice(span.end, spans[k + 1]?.start ?? line.text.length));
      if (rest) hits.push({ text: rest, page: line.page, how: 'after label', label });
      const below = lines[i + 1];
      if (rest || !below || below.page !== line.page) return;
      const labelsOnly = spans.every((s, j) => !tidyValue(line.text.slice(s.end, spans[j + 1]?.start ?? line.text.length)));
      if (spans.length > 1 && labelsOnly) {
        const dateLabels = spans.filter((s) => DATE_LABEL.test(line.text.slice(s.start, s.end)));
        hits.push({ text: below.text, page: below.page, how: 'in grid under label', label, dateOrdinal: dateLabels.indexOf(span) });
      } else hits.push({ text: leadText(below.text) || below.text, page: below.page, how: 'below label', label });
    });
  });
  return hits;
}

export interface PostcodeAt {
  readings: string[];
  start: number;
  end: number;
  printed: string;
}

/**
 * How two words may be a postcode whose every digit OCR read as a letter ("YOl SRT" for
 * YO1 5RT): capitals with a small l, i or o among them where a digit stands (OCR's mark of a
 * misread digit: words in a sentence are small letters, a heading's all capitals), an outward code
 * of two to four characters and an inward code opening with a digit's look-alike. Alone on their
 * line, the last line of an address block, capital I, O, S, Z or B may stand for the digit too
 * ("ECIV SFT" for EC1V 5FT): the repair must still make a real postcode. 'marked' or 'alone' says
 * which; undefined, that they are words.
 */
function digitsAllMisread([outward = '', inward = '']: string[], alone: boolean): 'marked' | 'alone' | undefined {
  if (!/^[SOIlBZ][A-Z]{2}$/.test(inward)) return undefined;
  if (/^[A-Z][A-Z]?[lio][A-Z]?$/.test(outward)) return 'marked';
  return alone && /^[A-Z][A-Z]?[IOSZB][A-Z]?$/.test(outward) ? 'alone' : undefined;
}

/**
 * Readings of an outward and an inward code OCR printed apart, the inward one a character too long
 * because one of its glyphs was read twice ("BT7 S5PB", "LS2 11XS"): the space OCR printed says
 * where the outward code ends, so dropping the doubled glyph is likelier than moving a character
 * across it (BT75 5PB, LS21 1XS), and these readings come first.
 */
function splitKept(words: string[]): string[] {
  const [printed = '', inward = ''] = words;
  // A small l after the area's letters is the district's 1 ("Gl 2z2z" for G1 2ZZ), as in `postcodesIn`.
  const outward = printed.replace(/(?<=^[A-Z]{1,2})l/, '1');
  if (words.length !== 2 || inward.length !== 4 || !/^[A-Z]{1,2}[0-9]/i.test(outward)) return [];
  return withoutDoubledGlyph(inward.toUpperCase()).flatMap((code) => postcodeReadings(`${outward.toUpperCase()} ${code}`));
}

/** A printed word as its characters count against a reading: a final bracket is the J OCR reads it for, other marks are specks. */
const asCounted = (word: string) => word.replace(/[)\]]$/, 'J').replace(/[^A-Za-z0-9]/g, '');

/**
 * What each small l, i or o OCR printed inside a postcode may stand for: its capital, the digit it marks, or a
 * glyph read twice or a speck (nothing). Which one the print cannot say, so each costs nothing.
 */
const MARKS: Record<string, string[]> = { l: ['L', '1', ''], i: ['I', '1', ''], o: ['O', '0', ''] };
/** More marks than this and the choices are too many to try: they count as capitals. */
const MOST_MARKS = 4;

function markedForms(word: string): string[] {
  const marks = [...word].filter((c) => c in MARKS).length;
  if (marks === 0 || marks > MOST_MARKS) return [word.toUpperCase()];
  return [...word].reduce<string[]>((forms, c) => forms.flatMap((f) => (MARKS[c] ?? [c.toUpperCase()]).map((alt) => f + alt)), ['']);
}

/** The fewest characters a reading changes of a printed word, however its marks are read. */
const changes = (reading: string, word: string) => Math.min(...markedForms(asCounted(word)).map((f) => distance(reading, f)));

/**
 * How many characters of what OCR printed a postcode reading changes. Where OCR printed the code as two
 * words, each code counts against its own word, so a reading that moves the space OCR printed changes
 * both ("Y010 5zJ": YO10 5ZJ changes one character, YO1 0SJ four).
 */
function repairsOf(reading: string, words: string[]): number {
  const [outward = '', inward = ''] = reading.split(' ');
  if (words.length === 2) return changes(outward, words[0]!) + changes(inward, words[1]!);
  return changes(outward + inward, words.join(''));
}

/**
 * A postcode's readings with those changing fewest of the printed characters first: the order settles a
 * tie between readings the text cannot tell apart, and the one OCR's print needs least is likelier. Readings
 * changing as many keep the order OCR's hand makes likelier.
 */
function fewestRepairsFirst(readings: string[], words: string[]): string[] {
  const repairs = new Map(readings.map((r) => [r, repairsOf(r, words)]));
  return [...readings].sort((a, b) => repairs.get(a)! - repairs.get(b)!);
}

/**
 * Postcodes anywhere in a line, from one to three words each: OCR splits codes ("CFI 1 5GT") and
 * sprinkles specks that read as lower-case letters into them.
 */
export function postcodesIn(text: string): PostcodeAt[] {
  const words = [...text.matchAll(/[^\s,;]+/g)].map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
  const found: PostcodeAt[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const take of [2, 1, 3]) {
      const group = words.slice(i, i + take);
      if (group.length < take) continue;
      const printed = group.map((g) => g.w).join('');
      // A closing bracket ends a sentence, or is OCR's reading of a final J ("4T)" for 4TJ, or with its stem apart "5WI]").
      // A bracket, dot, colon or tick inside a code is a speck beside a character ("8Y]J", "5L.Z", "EC1V:1ST").
      // A square bracket or bar ending the outward code's word is its 1, serifs and all ("LS] 7SX").
      const outwardOne = group.map((g, k) => (k < group.length - 1 ? g.w.replace(/(?<=[A-Z0-9])[\]|]$/i, '1') : g.w)).join('');
      const joined = [
        printed.replace(/(?<![.)])[.)]+$/, ''),
        printed.replace(/[Il1|]?[)\]]$/, 'J'),
        outwardOne,
        printed.replace(/(?<=\w)[.'`)\]:](?=\w)/g, ''),
        // An exclamation mark after a letter is a 1 whose foot OCR lost ("YO! 7RF").
        printed.replace(/(?<=[A-Z])!/gi, '1'),
      ];
      // OCR prints some capitals in lower case ("7sG") and reads specks as lower-case letters: try both.
      // A small l between an area's letter and a digit is a district's 1 OCR printed as its look-alike
      // ("Gl2" for G12), not a speck; before a 1 it may be that 1 read twice too ("NRl1", NR1 or NR11);
      // after a digit it is a speck ("CF1l1l" for CF11). OCR draws one printed 1 as 1 and l side by side
      // far more often than it reads a 1 as l ("EH1l", "NR1l", "YOl1l" were EH1, NR1, YO1), so the
      // readings that drop a small l beside a 1 come first, the l read as a capital last; but two small
      // ls with no 1 among them are two 1s ("ABll", "CFll" were AB11, CF11), so there the capitals come first;
      // right after the area's letters they are OCR's mark of the district's two 1s, read without counting
      // against the swaps the rest of the code may need ("ABll STP" is AB11 5TP).
      const specksDropped = (j: string, one: RegExp) => j.replace(one, '1').replace(/(?<=[A-Z0-9])[a-z]/g, '');
      const forms = joined.flatMap((j) => {
        const specks = [specksDropped(j, /(?<=[A-Z])l(?=[02-9])/g), specksDropped(j, /(?<=[A-Z])l(?=[0-9])/g)];
        const marked = j.replace(/^([A-Z]{1,2})ll(?![1l])/, (_m, area: string) => `${area}11`).toUpperCase();
        return /(?<![1l])ll(?![1l])/.test(j) ? [marked, j.toUpperCase(), ...specks] : [...specks, j.toUpperCase()];
      });
      const readingsOf = (compacts: string[]) =>
        compacts.flatMap((compact) => {
          if (compact.length < 5 || compact.length > 8 || !/^[A-Z][A-Z0-9]*$/i.test(compact)) return [];
          const misread =
            !/\d/.test(compact) && take === 2
              ? digitsAllMisread(
                  group.map((g) => g.w),
                  words.length === 2,
                )
              : undefined;
          if (!/\d/.test(compact) && !misread) return [];
          // One word is a postcode written without its space: its area letters and a district digit (or OCR's I, l, O for one).
          if (take === 1 && !/^[A-Z]{1,2}[0-9IlO]/i.test(compact)) return [];
          // Every digit read as a letter: each is a swap, and a postcode prints up to three digits (M15 1NT read MIS INT).
          const read = postcodeReadings(`${compact.slice(0, -3)} ${compact.slice(-3)}`, misread ? ALL_DIGITS : undefined);
          // Capitals alone are read character for character: with no digit to show OCR's hand, no character is dropped as doubled.
          return misread === 'alone' ? read.filter((r) => r.replace(' ', '').length === compact.length) : read;
        });
      // Only where the bracket and the stroke before it read as one J reads nothing are they two ("EH6 81)" for 8JJ),
      // and only where dropping a bracket inside the code as a speck reads nothing is it a J there ("BT7 2)G" for 2JG).
      const readings = readingsOf([...new Set(forms)]);
      if (!readings.length) readings.push(...readingsOf([printed.replace(/[)\]](?=[A-Z]?$)/gi, 'J').toUpperCase()]));
      if (!readings.length) continue;
      found.push({
        readings: fewestRepairsFirst(
          [...new Set([...splitKept(group.map((g) => g.w)), ...readings])],
          group.map((g) => g.w),
        ),
        start: group[0]!.start,
        end: group.at(-1)!.end,
        printed: group.map((g) => g.w).join(' '),
      });
      i += take - 1;
      break;
    }
  }
  return found;
}

/** A postal address found by its postcode, with what surrounds it. */
export interface AddressBlock {
  name?: string;
  lines: string[];
  postcode: PostcodeAt;
  page: number;
  /** What speaks for and against it being the business's own address. */
  score: number;
  reasons: string[];
}

/** Cuts a company name out of a line at its suffix: text after it belongs to another column. */
export function nameIn(text: string): string | undefined {
  const m = COMPANY_SUFFIX.exec(text);
  if (!m) return undefined;
  const name = text
    .slice(0, m.index + m[0].length)
    .split(/,|:/)
    .at(-1)!
    .trim();
  return name.split(/\s+/).length >= 2 ? name : undefined;
}

/** Lines at the foot of a page that may be its footer. */
const FOOTER_LINES = 3;

/** The issuer's name as its letterhead prints it: the first page's first line, when that is a short name. */
function letterhead(lines: Line[]): string | undefined {
  const first = lines.find((l) => l.page === 1)?.text.replace(/^[^\p{L}]+/u, '');
  return first && first.split(/\s+/).length <= 5 && !/\d/.test(first) ? first.toUpperCase() : undefined;
}

/** Characters of a name in this many OCR may misread and it is still that name ("Ember Money Ltc" for Ltd). */
const NAME_CHARS_PER_MISREAD = 8;

/** Whether two names OCR read are one, each character in NAME_CHARS_PER_MISREAD allowed to be misread in either. */
function sameNameLoosely(a: string, b: string): boolean {
  const [x, y] = [a, b].map((n) => n.toUpperCase().replace(/\s+/g, ' ').trim());
  return distance(x!, y!) <= Math.max(1, Math.floor(Math.min(x!.length, y!.length) / NAME_CHARS_PER_MISREAD));
}

/**
 * Footer lines that give the letterhead's own name and address on one line ("Kite Business,
 * 3 Fitzalan Place, Cardiff, CF24 0ED"): banks and utilities print theirs there without a cue.
 * OCR reads the name in the letterhead and the footer apart, so each may have a character wrong.
 */
function letterheadFooters(lines: Line[]): Set<Line> {
  const brand = letterhead(lines);
  if (!brand) return new Set();
  const lastOfPage = new Map(lines.map((l, i) => [l.page, i]));
  const opensWithBrand = (text: string) => text.includes(',') && sameNameLoosely(text.split(',')[0]!, brand);
  return new Set(lines.filter((l, i) => i > lastOfPage.get(l.page)! - FOOTER_LINES && opensWithBrand(l.text)));
}

/**
 * Postcodes that belong to the issuer: on lines that carry its cues, on a footer giving the
 * letterhead's address, or in areas that hold no premises (BX).
 */
export function issuerPostcodes(lines: Line[]): Set<string> {
  const out = new Set<string>();
  const footers = letterheadFooters(lines);
  let continues = false;
  lines.forEach((line) => {
    // Small print wraps: lines after a cued sentence that has not ended (a long line, or one ending
    // in a comma or colon) still belong to it.
    const cued = ISSUER_CUES.test(line.text) || footers.has(line) || continues;
    continues = cued && (line.text.length > 80 || /[,:]$/.test(line.text));
    for (const pc of postcodesIn(line.text)) {
      if (cued || pc.readings.every((r) => r.startsWith('BX'))) pc.readings.forEach((r) => out.add(r));
    }
  });
  return out;
}

/** Names that belong to the issuer: company names on lines with its cues. */
export function issuerNames(lines: Line[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) {
    if (!ISSUER_CUES.test(line.text)) continue;
    for (const part of line.text.split(/[,.:]\s/)) {
      const name = nameIn(part);
      if (name) out.add(name.toUpperCase());
    }
  }
  return out;
}

function addressParts(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Postal addresses found by their postcodes wherever they sit: at the end of a one-line address
 * after a label, or on the last line of a block read upwards to the name above it.
 */
/** The street lines of the issuer's own address, as its small print gives them. */
function issuerAddressParts(lines: Line[]): string[] {
  const parts = new Set<string>();
  for (const line of lines) {
    if (!ISSUER_CUES.test(line.text) || !postcodesIn(line.text).length) continue;
    for (const part of line.text.split(/[,:]/)) if (/\d/.test(part) && part.trim().length >= 6) parts.add(part.trim());
  }
  return [...parts];
}

/** An address line with the issuer's own street lines taken out: OCR runs side-by-side blocks together. */
function withoutIssuer(text: string, issuerParts: string[]): string {
  let out = text;
  for (const part of issuerParts) out = out.replace(part, ' ');
  return out.replace(/\s+/g, ' ').replace(/^[\s,]+|(?<![\s,])[\s,]+$/g, '');
}

export function addressBlocks(lines: Line[]): AddressBlock[] {
  const issuer = issuerPostcodes(lines);
  const issuerParts = issuerAddressParts(lines);
  const brand = letterhead(lines);
  // The letterhead's name printed again over an address block (a supplier's office beside its customer's) makes
  // the block the issuer's, however OCR spelt the name either time; the letterhead's own line only ends a block.
  const letterheadAt = lines.findIndex((l) => l.page === 1);
  const isBrand = (text: string, at: number) => !!brand && at !== letterheadAt && sameNameLoosely(text, brand);
  const blocks: AddressBlock[] = [];
  lines.forEach((line, i) => {
    for (const pc of postcodesIn(line.text)) {
      const reasons: string[] = [];
      let score = 0.45;
      if (pc.readings.every((r) => issuer.has(r))) continue;
      if (ISSUER_CUES.test(line.text)) continue;
      const before = line.text.slice(0, pc.start);
      const spans = labelSpans(before);
      const lastLabel = spans.at(-1);
      let body = lastLabel ? before.slice(lastLabel.end) : before;
      body = tidyValue(body).replace(/(?<![\s,])[\s,]+$/, '');
      let name: string | undefined;
      const lines_: string[] = [];
      if (lastLabel) {
        const labelText = before.slice(lastLabel.start, lastLabel.end);
        if (lastLabel.fields.includes('address')) {
          score += 0.35;
          reasons.push(`after the label "${labelText}"`);
        } else if (lastLabel.fields.includes('other')) {
          score -= 0.4;
          reasons.push(`after the label "${labelText}", which is not the business's address`);
        }
      }
      const parts = addressParts(body);
      if (parts.length && isBrand(parts[0]!, i)) continue;
      if (parts.length && nameIn(parts[0]!) === parts[0]) name = parts.shift();
      lines_.push(...parts);
      let issuers = false;
      if (!lastLabel || (!body && !lastLabel.fields.includes('address'))) {
        for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
          const above = lines[j]!;
          if (above.page !== line.page) break;
          // OCR puts a right-hand column's line (a date beside the block) where it falls between the block's lines.
          if (above.right && !line.right) continue;
          const spansAbove = labelSpans(above.text);
          const lead = leadText(above.text);
          const labelled = spansAbove[0]?.start === 0 ? spansAbove[0] : undefined;
          if (labelled && !tidyValue(above.text.slice(labelled.end))) {
            const labelText = above.text.slice(labelled.start, labelled.end);
            if (labelled.fields.includes('address')) {
              score += 0.35;
              reasons.push(`under the label "${labelText}"`);
            } else if (labelled.fields.includes('other')) score -= 0.4;
            break;
          }
          // Another address's last line, or the issuer's, ends this block.
          if (!lead || lead.length > MAX_ADDRESS_LINE || ISSUER_CUES.test(above.text) || postcodesIn(lead).length) break;
          if (isBrand(lead, j)) {
            issuers = true;
            break;
          }
          const aboveName = nameIn(lead);
          if (aboveName) {
            name = aboveName;
            break;
          }
          if (NOT_ADDRESS.test(lead)) break;
          lines_.unshift(lead);
        }
      }
      if (issuers) continue;
      if (name) {
        score += 0.3;
        reasons.push(`addressed to "${name}"`);
      }
      if (lines_.length === 0) continue;
      reasons.unshift(`a postal address ending in the postcode ${pc.printed}`);
      const own = lines_.map((l) => withoutIssuer(l, issuerParts)).filter(Boolean);
      if (own.length === 0) continue;
      blocks.push({ name, lines: own, postcode: pc, page: line.page, score, reasons });
    }
  });
  return blocks;
}
