import * as chrono from 'chrono-node';
import { fix as fixPostcode, isValid as isValidPostcode, toArea, toNormalised as toNormalisedPostcode } from 'postcode';

/**
 * Normalisers turn what was printed (or what OCR made of it) into one canonical form per field.
 * Each returns undefined when the text cannot be that field.
 */

/** OCR's usual letter-for-digit confusions, applied only where a digit must stand. */
const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  i: '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
};

function toDigits(text: string): string {
  return [...text].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
}

/**
 * Characters OCR prints for one another, folded to one form so doubled glyphs can be recognised: a
 * glyph read twice, once as its look-alike ("7T" for one 7, as "I1" for one 1), is one glyph.
 */
const SAME_GLYPH: Record<string, string> = { I: '1', l: '1', L: '1', '|': '1', O: '0', D: '0', Z: '2', S: '5', B: '8', T: '7' };
const glyph = (c: string | undefined) => (c === undefined ? undefined : (SAME_GLYPH[c] ?? c.toUpperCase()));

/** Whether two characters are one glyph as OCR prints it (I and 1, S and 5), so reading both may be one glyph read twice. */
export const sameGlyph = (a: string, b: string) => glyph(a) === glyph(b);

/**
 * Readings of a string with one doubled glyph removed: OCR sometimes reads one printed character
 * as two look-alikes side by side ("NI1625752" for NI625752, "6U2Z" for 6UZ). Only characters that
 * repeat a neighbour's glyph are candidates for removal, never any character.
 */
export function withoutDoubledGlyph(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (glyph(text[i]) === glyph(text[i - 1]) || glyph(text[i]) === glyph(text[i + 1])) out.add(text.slice(0, i) + text.slice(i + 1));
  }
  return [...out];
}

/** Companies House prefixes: Scotland, Northern Ireland, LLPs, limited partnerships, societies, overseas. */
const COMPANY_PREFIXES = new Set([
  'SC',
  'NI',
  'OC',
  'SO',
  'NC',
  'R0',
  'IP',
  'SP',
  'NP',
  'RC',
  'SR',
  'NR',
  'IC',
  'SI',
  'NO',
  'SE',
  'GE',
  'CE',
  'CS',
  'LP',
  'SL',
  'NL',
  'FC',
  'SF',
  'NF',
  'AC',
  'SA',
  'NA',
  'PC',
  'SG',
  'GS',
  'ZC',
  'SZ',
  'NZ',
  'BR',
]);

/**
 * Every reading of a printed company number: itself when it has the shape (8 digits, zero-padded,
 * or a 2-letter prefix such as SC, NI, OC and 6 digits), else each reading left by removing one
 * doubled glyph from a prefixed number one character too long. Several readings mean the text
 * cannot tell which was printed: all are kept, those needing the fewest look-alike swaps besides
 * the removal first ("NI14648S5": dropping the S leaves NI146485 as printed, dropping the 1 still
 * needs the S read as 5; each swap is one more guess).
 */
export function companyNumberReadings(text: string): string[] {
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  const exact = companyNumberOf(compact);
  if (exact) return [exact];
  const prefixed = prefixLookalikeReadings(compact);
  if (prefixed.length) return prefixed;
  if (!/^[A-Z][A-Z0][0-9OIDSBZ]{7}$/.test(compact)) return [];
  const readings = withoutDoubledGlyph(compact).flatMap((kept) => {
    const value = companyNumberOf(kept);
    return value && /^[A-Z]/.test(value) ? [{ value, swaps: [...value].filter((c, i) => c !== kept[i]).length }] : [];
  });
  return [...new Set(readings.sort((a, b) => a.swaps - b.swaps).map((r) => r.value))];
}

/** Letters OCR reads as digits in a company number's prefix: "N1" for NI, "8C" for SC. */
const PREFIX_LOOKALIKES: Record<string, string[]> = { '0': ['O'], '1': ['I'], '2': ['Z'], '5': ['S'], '6': ['G'], '8': ['S', 'B'] };

/**
 * Readings of a number whose two-letter prefix OCR printed with one letter as a digit: each
 * look-alike that makes a known prefix is a reading. Only a prefix mixing a letter and a digit
 * is read so; eight digits are a number without a prefix.
 */
function prefixLookalikeReadings(compact: string): string[] {
  const m = /^([A-Z][0-9]|[0-9][A-Z])([0-9OIDSBZ]{6})$/.exec(compact);
  if (!m) return [];
  const letters = (c: string) => (/[A-Z]/.test(c) ? [c] : (PREFIX_LOOKALIKES[c] ?? []));
  const [first, second] = [...m[1]!];
  return letters(first!)
    .flatMap((a) => letters(second!).map((b) => companyNumberOf(`${a}${b}${m[2]}`)))
    .filter((r): r is string => !!r && /^[A-Z]{2}/.test(r));
}

/** A company number in its 8-character form, when the printed text has exactly one reading. */
export function normalizeCompanyNumber(text: string): string | undefined {
  const readings = companyNumberReadings(text);
  return readings.length === 1 ? readings[0] : undefined;
}

function companyNumberOf(compact: string): string | undefined {
  const prefixed = compact.match(/^([A-Z][A-Z0])([0-9OIDSBZ]{6})$/);
  if (prefixed && COMPANY_PREFIXES.has(prefixed[1]!)) {
    const digits = toDigits(prefixed[2]!);
    if (/^\d{6}$/.test(digits)) return prefixed[1]! + digits;
  }
  const digits = toDigits(compact);
  if (/^\d{6,8}$/.test(digits)) return digits.padStart(8, '0');
  return undefined;
}

/**
 * VAT registration numbers: 9 digits, GB prefix and spaces removed. 12-digit branch forms keep
 * their first 9 digits.
 */
export function normalizeVatNumber(text: string): string | undefined {
  const compact = toDigits(text.replace(/^\s*GB/i, '').replace(/[\s.-]/g, ''));
  if (/^\d{9}$/.test(compact)) return compact;
  if (/^\d{12}$/.test(compact)) return compact.slice(0, 9);
  return undefined;
}

/**
 * Every reading of a printed VAT number: itself when it has the shape, else, where OCR read one of
 * its nine digits as a letter no look-alike explains ("GBR08824456"), each digit in that place whose
 * check digits hold. The check catches any one wrong digit, so the format, not a guess, decides.
 */
export function vatNumberReadings(text: string): string[] {
  const exact = normalizeVatNumber(text);
  if (exact) return [exact];
  const compact = toDigits(text.replace(/^\s*GB/i, '').replace(/[\s.-]/g, '')).toUpperCase();
  const unread = [...compact].flatMap((c, i) => (/\d/.test(c) ? [] : [i]));
  if (compact.length !== 9 || unread.length !== 1) return [];
  const at = unread[0]!;
  return [...'0123456789'].map((d) => compact.slice(0, at) + d + compact.slice(at + 1)).filter(isValidVatNumber);
}

/** Digits with the specks OCR prints between them (colons, commas, full stops, quotes, spaces) or none. */
const DIGITS_THROUGH_SPECKS = /(?<![\w])\d(?:[\s:;,.'`]{0,2}\d)*/g;

/**
 * A VAT number whose digits OCR broke up with punctuation ("797: 2571, 77"): the first run of digits
 * through such specks, when it holds 9 digits (or a branch's 12) whose check digits hold. The check
 * decides, so specks never make a number up: a run with a digit lost or misread is not read.
 */
export function vatNumberThroughSpecks(text: string): string | undefined {
  const run = text.match(DIGITS_THROUGH_SPECKS)?.[0].replace(/\D/g, '');
  const vat = run?.length === 9 || run?.length === 12 ? run.slice(0, 9) : undefined;
  return vat && isValidVatNumber(vat) ? vat : undefined;
}

/**
 * HMRC's mod-97 check: weights 8..2 on the first seven digits plus the last two must be a
 * multiple of 97, either directly (old series) or after adding 55 (numbers issued since 2010).
 */
export function isValidVatNumber(vat: string): boolean {
  if (!/^\d{9}$/.test(vat)) return false;
  const digits = [...vat].map(Number);
  const sum = [8, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const check = Number(vat.slice(7));
  return (sum + check) % 97 === 0 || (sum + 55 + check) % 97 === 0;
}

/**
 * The UK's postcode areas. The postcode format alone accepts strings such as "Y0I 9RB"; a repair
 * must also land in an area that exists.
 */
const POSTCODE_AREAS = new Set(
  'AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'.split(
    ' ',
  ),
);

/**
 * Royal Mail's letter rules the format regex leaves out: the letter ending an A9A outward code,
 * the one ending an AA9A code, and the inward code's letters (never C, I, K, M, O or V).
 */
const A9A_LETTER = /^[A-Z][0-9][ABCDEFGHJKPSTUW]$/;
const AA9A_LETTER = /^[A-Z]{2}[0-9][ABEHMNPRVWXY]$/;
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

/**
 * Outward codes ending in a letter exist only in central London's split districts (W1A, EC1V, SW1A,
 * E1W, N1C, NW1W, SE1P, ...): elsewhere a final letter is OCR's reading of a digit or a stray mark,
 * and "M4A" or "LS1A" is never a reading.
 */
const LETTER_ENDED_DISTRICT = /^(?:W1|EC[1-4]|WC[12]|SW1)[A-Z]$|^(?:E1W|N1[CP]|NW1W|SE1P)$/;

/** Districts the format allows that no longer exist: Aberdeen's AB1 to AB9 were renumbered AB10 and up in 1997. */
const RETIRED_DISTRICT = /^AB[1-9]$/;

function isRealPostcode(text: string): boolean {
  if (!isValidPostcode(text) || !POSTCODE_AREAS.has(toArea(text) ?? '')) return false;
  const [outward = '', inward = ''] = (toNormalisedPostcode(text) ?? '').split(' ');
  if (RETIRED_DISTRICT.test(outward)) return false;
  if (/^[A-Z][0-9][A-Z]$/.test(outward) && !A9A_LETTER.test(outward)) return false;
  if (/^[A-Z]{2}[0-9][A-Z]$/.test(outward) && !AA9A_LETTER.test(outward)) return false;
  if (/[A-Z]$/.test(outward) && !LETTER_ENDED_DISTRICT.test(outward)) return false;
  return INWARD.test(inward);
}

/** Characters OCR confuses inside postcodes, in both directions. */
const POSTCODE_LOOKALIKES: Record<string, string[]> = {
  O: ['0'],
  '0': ['O'],
  // An inward code's letters never include I: there it is a J.
  I: ['1', 'J'],
  // A J's hook is faint in print: OCR reads it as 1, never a letter the inward code allows otherwise.
  '1': ['I', 'J'],
  L: ['1'],
  S: ['5'],
  '5': ['S'],
  B: ['8'],
  ')': ['J'],
  ']': ['J'],
  '8': ['B'],
  Z: ['2'],
  '2': ['Z'],
  '7': ['Z'],
  // A 9's tail makes it a Q; a printed 0 reads as O, which is mapped above.
  Q: ['9', '0'],
};

/**
 * Letters OCR reads for a digit only where the inward code's digit must stand (a 7 as T; an S as
 * much an 8 as a 5, so both are readings); elsewhere a T is a T.
 */
const INWARD_DIGIT_LOOKALIKES: Record<string, string[]> = { T: ['7'], S: ['8'] };
/**
 * Round letters OCR reads as a 0 where the inward code's letters stand, which are never O ("502" for 5UZ),
 * and an S read as 8 there as much as a B: OCR confuses S and 8 both ways ("N1 28S" for N1 2SS).
 */
const INWARD_LETTER_LOOKALIKES: Record<string, string[]> = { '0': ['D', 'U', 'Q'], '8': ['S'] };

/**
 * Readings of a postcode with one or two look-alike characters swapped, fewest swaps first. Only
 * swaps that make the string a real postcode survive, so the format decides; when several do, all
 * are returned, since the text cannot tell which was printed.
 */
function lookalikeRepairs(compact: string, most: number): string[] {
  const inwardDigit = compact.length - 3;
  const inPlace = (c: string, i: number) =>
    (i === inwardDigit ? INWARD_DIGIT_LOOKALIKES[c] : i > inwardDigit ? INWARD_LETTER_LOOKALIKES[c] : undefined) ?? [];
  const positions = [...compact]
    .map((c, i) => ({ i, alts: [...(POSTCODE_LOOKALIKES[c] ?? []), ...inPlace(c, i)] }))
    .filter((p) => p.alts.length > 0);
  const valid = (chars: string[]) => {
    const s = chars.join('');
    const spaced = `${s.slice(0, -3)} ${s.slice(-3)}`;
    return isRealPostcode(spaced) ? spaced : undefined;
  };
  for (let swaps = 1; swaps <= most; swaps++) {
    const found = new Set<string>();
    const visit = (from: number, chars: string[], left: number) => {
      if (left === 0) {
        const ok = valid(chars);
        if (ok) found.add(ok);
        return;
      }
      for (let k = from; k < positions.length; k++) {
        const { i, alts } = positions[k]!;
        for (const alt of alts) {
          const next = [...chars];
          next[i] = alt;
          visit(k + 1, next, left - 1);
        }
      }
    };
    visit(0, [...compact], swaps);
    if (found.size > 0) return [...found];
  }
  return [];
}

/**
 * Other real postcodes one look-alike swap away from a real one ("G12 8YJ" beside "GL2 8YJ"): what
 * OCR may have misread into a code that is itself valid. Only other evidence, such as the post town,
 * can pick one of them over the code as read.
 */
export function lookalikePostcodes(postcode: string): string[] {
  return lookalikeRepairs(postcode.replace(/\s+/g, '').toUpperCase(), 1).map((p) => toNormalisedPostcode(p)!);
}

/** The longest a postcode is, its space aside (SW1A 1AA): one character more was added by OCR. */
const LONGEST_POSTCODE = 7;

/**
 * Readings of a code one character longer than any postcode: OCR added a character it did not
 * print ("BT48 7TWW"), and any one of them may be it; every removal that leaves a real postcode is kept.
 */
function withoutAddedCharacter(compact: string): string[] {
  if (compact.length !== LONGEST_POSTCODE + 1) return [];
  return [...compact].flatMap((_, i) => {
    const c = compact.slice(0, i) + compact.slice(i + 1);
    const spaced = `${c.slice(0, -3)} ${c.slice(-3)}`;
    return isRealPostcode(spaced) ? [spaced] : [];
  });
}

/** Look-alike swaps tried by default: more, and the format admits readings OCR's hand does not explain. */
const MOST_SWAPS = 2;

/**
 * Every reading of a printed postcode: itself when it is a real postcode, else the library's fix,
 * else each look-alike repair the outward/inward structure allows, with at most `most` swaps.
 */
export function postcodeReadings(text: string, most = MOST_SWAPS): string[] {
  const candidate = text.trim().toUpperCase();
  if (isRealPostcode(candidate)) return [toNormalisedPostcode(candidate)!];
  const compact = candidate.replace(/\s+/g, '');
  const fixed = fixPostcode(candidate);
  const swapped = isRealPostcode(fixed) ? [fixed] : compact.length >= 5 && compact.length <= 7 ? lookalikeRepairs(compact, most) : [];
  // An outward code with a letter beside its own digit ("NRI1") may be one printed character read
  // twice (NR1) as much as a letter read for a digit (NR11): then both kinds of reading are kept.
  const doubled = /[IO][10]|[10][IO]/.test(compact.slice(0, -3));
  if (swapped.length && !doubled) return swapped.map((p) => toNormalisedPostcode(p)!);
  if (compact.length < 5 || compact.length > 8) return [];
  const undoubled = withoutDoubledGlyph(compact).flatMap((c) => {
    const spaced = `${c.slice(0, -3)} ${c.slice(-3)}`;
    return isRealPostcode(spaced) ? [spaced] : c.length >= 5 ? lookalikeRepairs(c, most) : [];
  });
  return [...new Set([...undoubled, ...swapped, ...withoutAddedCharacter(compact)].map((p) => toNormalisedPostcode(p)!))];
}

/** A UK postcode in its printed form ("SW1A 1AA"), repaired only where the format demands and only when one repair fits. */
export function normalizePostcode(text: string): string | undefined {
  const candidate = text.trim().toUpperCase();
  if (isValidPostcode(candidate)) return toNormalisedPostcode(candidate) ?? undefined;
  const readings = postcodeReadings(candidate);
  return readings.length === 1 ? readings[0] : undefined;
}

/** Sort codes as "12-34-56". */
export function normalizeSortCode(text: string): string | undefined {
  const digits = toDigits(text.replace(/[\s–—-]/g, ''));
  if (!/^\d{6}$/.test(digits)) return undefined;
  return `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4)}`;
}

/**
 * Readings of a sort code as OCR printed it: its six digits, or, where one of its three groups came out
 * a character long ("04 30 S52"), that group with one doubled glyph dropped (S5 is one 5 read twice).
 */
export function sortCodeReadings(text: string): string[] {
  const exact = normalizeSortCode(text);
  if (exact) return [exact];
  const groups = text.split(/[\s–—-]+/);
  const long = groups.findIndex((g) => g.length === 3);
  if (groups.length !== 3 || groups.filter((g) => g.length === 2).length !== 2 || long < 0) return [];
  const readings = withoutDoubledGlyph(groups[long]!).map((g) => normalizeSortCode(groups.map((o, i) => (i === long ? g : o)).join('')));
  return [...new Set(readings.filter((r): r is string => !!r))];
}

/** UK bank account numbers: 8 digits (7-digit ones are zero-padded, as banks do). */
export function normalizeAccountNumber(text: string): string | undefined {
  const digits = toDigits(text.replace(/[\s-]/g, ''));
  if (/^\d{8}$/.test(digits)) return digits;
  if (/^\d{7}$/.test(digits)) return `0${digits}`;
  return undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Specks and marks OCR reads a date's slash as: a degree sign, a quote, a comma, a colon. */
const SEPARATOR_SPECK = `[°º'’\`"^*,:;]`;
/** A numeric date with one separator read as a speck, the other printed: the printed one stands for both. */
const SPECKED_SEPARATOR = new RegExp(
  `\\b(\\d{1,2})(?:([/.-])(0?[1-9]|1[0-2])${SEPARATOR_SPECK}|${SEPARATOR_SPECK}(0?[1-9]|1[0-2])([/.-]))((?:19|20)\\d{2})\\b`,
  'g',
);

/**
 * A day's ordinal before a month's name, with a digit OCR read as its look-alike letter ("Sth September"
 * for 5th, "2Ist", "3Oth"): where a month follows, the letters can only be the day's digits.
 */
const ORDINAL_DAY = /\b([0-9OoDIl|SsZz]{1,2})(?=(st|nd|rd|th)\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;

/** The ordinal a day is written with: 1st, 2nd, 3rd, 11th to 13th, 21st. */
function ordinalOf(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/**
 * A day's digits from its characters, checked against its ordinal: two characters that read as the same
 * digit where the ordinal fits only one ("1lst") are that digit drawn twice, as OCR draws a 1 beside its l.
 */
function ordinalDay(day: string, ordinal: string): string {
  const digits = toDigits(day);
  if (!/^\d+$/.test(digits) || Number(digits) < 1 || Number(digits) > 31) return day;
  const once = digits.length === 2 && digits[0] === digits[1] ? digits[0]! : undefined;
  return once && ordinalOf(Number(digits)) !== ordinal.toLowerCase() && ordinalOf(Number(once)) === ordinal.toLowerCase() ? once : digits;
}

/**
 * What OCR reads a day's digits as beside a month's name: a 1 as a stroke (a bar, a bracket, a small l, a
 * capital I), a 5, 2 or 0 as the capital it resembles.
 */
const DAY_LOOKALIKE = /[|\]lISZO]/g;
const MONTH_NAME = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/i;
/**
 * A day of one or two characters with a digit read as its look-alike ("| November 2026", "3l May 2026",
 * "]5 June 2026", "S January 2018"), standing alone before a month's name and a year: there only the day's
 * digits can stand. Case matters here (an L is no 1, a small s a word's), so the month is checked apart.
 */
const STROKED_DAY = /(?<![\w|\]/.-])([0-3]?[|\]lISZO]|[|\]lIZO][0-9|\]lISZO]?)(?=\s+([A-Za-z]{3,9})\.?\s+(?:19|20)\d{2}\b)/g;

/**
 * OCR's confusions inside dates: a day's 1 read as a bar beside a month's name, "Ist" or "Sth" for 1st
 * or 5th, letters inside numeric dates, a second separator read as a digit ("01/1072026" for 01/10/2026)
 * or lost ("23/012016") where a month and a year stand either side, the first one so lost ("1409/2020")
 * where a two-digit day and a month stand before the second and a year after it, and a separator read
 * as a speck ("23/10°2026"). Ranges are joined in the repaired text, where a date's year stands whole.
 */
export function repairDateText(text: string): string {
  return text
    .replace(STROKED_DAY, (day: string, _d: string, month: string) => {
      const digits = day.replace(DAY_LOOKALIKE, (c) => (/[SZO]/.test(c) ? DIGIT_LOOKALIKES[c]! : '1'));
      return MONTH_NAME.test(month) && Number(digits) >= 1 && Number(digits) <= 31 ? digits : day;
    })
    .replace(ORDINAL_DAY, (_m, day: string, ordinal: string) => ordinalDay(day, ordinal))
    .replace(SPECKED_SEPARATOR, (_m, d: string, sep1?: string, m1?: string, m2?: string, sep2?: string, y?: string) => {
      const sep = sep1 ?? sep2!;
      return `${d}${sep}${m1 ?? m2}${sep}${y}`;
    })
    .replace(/\b(\d{2})([/.-])(0[1-9]|1[0-2])[17l|]?((?:19|20)\d{2})\b/g, '$1$2$3$2$4')
    .replace(/\b(0[1-9]|[12]\d|3[01])[17l|]?(0[1-9]|1[0-2])([/.-])((?:19|20)\d{2})\b/g, '$1$3$2$3$4')
    .replace(
      /\b([0-9OIl]{1,2})([/.-])([0-9OIl]{1,2})\2([0-9OIl]{4})\b/g,
      (_m, d: string, sep: string, m: string, y: string) => `${toDigits(d)}${sep}${toDigits(m)}${sep}${toDigits(y)}`,
    );
}

/**
 * A numeric date whose two slashes OCR lost ("30112026") or read as strokes or digits it resembles
 * ("0171172026": a 1 and a 7): day, month and year in a row. Eight digits are as likely a sort code
 * or an account number, so the caller reads this only where a date must stand (beside a range's other date).
 */
const SLASHLESS_DATE = /^\W*(\d{2})(?:[17lI|](\d{2})[17lI|]|(\d{2}))((?:19|20)\d{2})\W*$/;

/** The ISO date a slashless numeric date word stands for, when its day and month are a real day. */
export function slashlessDate(word: string): string | undefined {
  const m = SLASHLESS_DATE.exec(word);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2] ?? m[3]), Number(m[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Every date written in the text, in order, as ISO dates; UK day-first reading. */
export function findDates(text: string): Array<{ iso: string; index: number; text: string }> {
  return (
    chrono.en.GB.parse(repairDateText(text))
      // A printed date has digits: chrono also dates words such as "now" and "today" to the day it runs.
      .filter((r) => /\d/.test(r.text) && r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'))
      .map((r) => ({
        iso: `${pad(r.start.get('year')!, 4)}-${pad(r.start.get('month')!)}-${pad(r.start.get('day')!)}`,
        index: r.index,
        text: r.text,
      }))
  );
}

/** The first full date in the text as YYYY-MM-DD. */
export function normalizeDate(text: string): string | undefined {
  return findDates(text)[0]?.iso;
}

const COMPANY_SUFFIXES: Array<[RegExp, string]> = [
  // OCR's readings of LTD and LIMITED at the end of a name, where only a suffix can stand.
  [/\bL(?:[I1|]D|T[O0])\.?$/g, 'LTD'],
  [/\bL[I1|L]M[I1|L]TED$/g, 'LIMITED'],
  [/\bLTD\b\.?/g, 'LIMITED'],
  [/\bPUBLIC LIMITED COMPANY\b/g, 'PLC'],
  [/\bL\.?\s?L\.?\s?P\b\.?/g, 'LLP'],
  [/\bCO\b\.?(?=\s+LIMITED\b)/g, 'COMPANY'],
];

/** The form company names are matched in: upper-case, LTD as LIMITED, & as AND, no leading THE, no punctuation. */
export function companyNameForMatching(name: string): string {
  let s = name.toUpperCase().replace(/&/g, ' AND ');
  for (const [pattern, replacement] of COMPANY_SUFFIXES) s = s.replace(pattern, replacement);
  s = s
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.replace(/^THE\s+/, '');
}

/** A company name as printed, with OCR's and layout's stray spacing and trailing punctuation removed. */
export function tidyCompanyName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/(?<!\s)\s+([,.])/g, '$1')
    .replace(/^[\s"'“”‘’:;,.-]+|(?<![\s"'“”‘’:;,-])[\s"'“”‘’:;,-]+$/g, '')
    .trim();
}

const IN_WORD_LOOKALIKES: Record<string, [string, string]> = { '0': ['O', 'o'], '1': ['I', 'l'], '5': ['S', 's'] };

/**
 * A word of lower-case letters with digits inside ("01d", "Mi11", "5treet") is OCR's reading of
 * letters: digits there become the letters they resemble (capital at the start, small after).
 * Numbers, unit codes ("17B") and ordinals ("1st") are left alone.
 */
function repairWord(word: string): string {
  if (!/[a-z]/.test(word) || !/^[A-Za-z015]+$/.test(word) || !/[015]/.test(word) || /^\d+(?:st|nd|rd|th)$/.test(word)) return word;
  return [...word].map((c, i) => IN_WORD_LOOKALIKES[c]?.[i === 0 ? 0 : 1] ?? c).join('');
}

/**
 * A stroke (a capital I, a small l, a bar) standing alone where an address's line or part opens, before a
 * capitalised word (spacing already tidied), is its house number 1 ("I Victoria Road"): no address line opens with such a word.
 */
const HOUSE_NUMBER_ONE = /(?<=^|, ?)[Il|](?= [A-Z][a-z])/g;

/** An address as one line: printed lines joined with commas, spacing tidied. */
export function tidyAddress(lines: string[]): string {
  return lines
    .map((l) =>
      l
        .replace(/\s+/g, ' ')
        .replace(/(?<![\s,])[\s,]+$/, '')
        .replace(/[A-Za-z0-9]+/g, repairWord)
        .replace(HOUSE_NUMBER_ONE, '1')
        .trim(),
    )
    .filter(Boolean)
    .join(', ');
}

/**
 * Other readings of an address OCR read: a house or unit number ending in 8 may be one ending in
 * the letter B ("Unit 17B" read as "Unit 178"). One number changed per reading; the printed
 * reading stays the first choice, since numbers ending in 8 are as real as ones ending in B.
 */
export function houseNumberReadings(address: string): string[] {
  return [...address.matchAll(/(?<![\w-])(\d{1,3})8(?![\w-])/g)].map(
    (m) => `${address.slice(0, m.index)}${m[1]}B${address.slice(m.index + m[0].length)}`,
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoOrParsed(text: string): string | undefined {
  return ISO_DATE.test(text.trim()) ? text.trim() : normalizeDate(text);
}

export interface NormalizedValue {
  value: string;
  normalized?: string;
  valid?: boolean;
}

/** Brings any field's text to its canonical form; undefined when the text cannot be that field. */
export function normalizeField(name: string, text: string): NormalizedValue | undefined {
  switch (name) {
    case 'company_name': {
      const value = tidyCompanyName(text);
      return value ? { value, normalized: companyNameForMatching(value) } : undefined;
    }
    case 'company_number':
      return wrap(normalizeCompanyNumber(text));
    case 'vat_number': {
      const value = normalizeVatNumber(text);
      return value ? { value, valid: isValidVatNumber(value) } : undefined;
    }
    case 'postcode':
      return wrap(normalizePostcode(text));
    case 'sort_code':
      return wrap(normalizeSortCode(text));
    case 'account_number':
      return wrap(normalizeAccountNumber(text));
    case 'incorporation_date':
    case 'document_date':
      return wrap(isoOrParsed(text));
    case 'statement_period': {
      const [from, to] = text.split(/(?<!\s)\s*(?:\/|\bto\b|–|—| - )\s*/);
      const start = from && isoOrParsed(from);
      const end = to && isoOrParsed(to);
      return start && end ? { value: `${start}/${end}` } : undefined;
    }
    case 'address': {
      const value = tidyAddress(text.split(/\n|,/));
      return value ? { value } : undefined;
    }
    default:
      return undefined;
  }
}

function wrap(value: string | undefined): NormalizedValue | undefined {
  return value ? { value } : undefined;
}

/** The form two readings of a field are compared in. */
export function comparableValue(name: string, field: { value: string; normalized?: string }): string {
  if (name === 'company_name') return field.normalized ?? companyNameForMatching(field.value);
  if (name === 'address')
    return field.value
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, ' ')
      .trim();
  return field.value;
}
