import type { Check, Claims, ExtractedField } from '../domain';
import { distance } from 'fastest-levenshtein';
import { isValid as isValidPostcode } from 'postcode';
import { companyNameForMatching } from '../extraction/normalize';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { vatChecksum } from '../registries/vat-number';
import { normaliseAddressLine } from './address';
import { digitsAgree } from './names';

/** What a registry holds about the business, to be looked for in the document's own text. */
export interface RegisteredFacts {
  company_name?: string;
  company_number?: string;
  postcode?: string;
  /** The registered office's first line (premises and street). */
  address_line?: string;
  vat_number?: string;
}

export type Fact = keyof RegisteredFacts;

/** Where the document shows a registered value: the page, the line and the text as printed. */
export interface Sighting {
  fact: Fact;
  registered: string;
  page: number;
  line: number;
  printed: string;
  /** Character edits (after folding OCR's look-alikes) between the printed and the registered value. */
  edits: number;
}

/** OCR's look-alike characters folded to one form each, so "O"/"0" or "S"/"5" compare equal. */
const FOLD: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', '|': '1', S: '5', B: '8', Z: '2', G: '6' };

function fold(text: string): string {
  return [...text.toUpperCase()].map((c) => FOLD[c] ?? c).join('');
}

/** Letters OCR prints for a second digit besides the one they fold to: on scans an 8 loses its closing strokes and reads as S. */
const ALSO_READ_FOR: Record<string, string> = { S: '8' };

/** Whether printed characters show the registered ones place by place, each the same after folding or a letter OCR prints for that digit. */
function showsEach(printed: string, registered: string): boolean {
  return (
    printed.length === registered.length &&
    [...printed].every((c, i) => fold(c) === fold(registered[i]!) || ALSO_READ_FOR[c] === registered[i])
  );
}

/** A line's words: runs of letters, digits, the bar OCR reads for a 1, and the ampersand names spell AND. */
const wordsOf = (line: string) => line.split(/[^\p{L}\p{N}|&]+/u).filter(Boolean);

/** Every run of `min` to `max` neighbouring words of a line. */
function* wordRuns(words: string[], min: number, max: number): Generator<string[]> {
  for (let i = 0; i < words.length; i++)
    for (let take = Math.max(1, min); take <= max && i + take <= words.length; take++) yield words.slice(i, i + take);
}

/** An identifier as the registry gives it and as a printed one is compared: upper case, nothing but letters and digits. */
const bare = (text: string) => text.toUpperCase().replace(/[^A-Z0-9|]/g, '');

interface IdentifierRule {
  /** The registry's value in its compared form. */
  canonical: (value: string) => string;
  /** Whether printed words are a well-formed value of this kind in their own right. */
  wellFormed: (printed: string, words: string[]) => boolean;
}

const IDENTIFIERS: Record<'company_number' | 'vat_number' | 'postcode', IdentifierRule> = {
  company_number: { canonical: (v) => canonicalCompanyNumber(bare(v)), wellFormed: (p) => /^(\d{8}|[A-Z]{2}\d{6})$/.test(p) },
  vat_number: {
    canonical: (v) => bare(v).replace(/^GB/, ''),
    wellFormed: (p) => /^\d{9}$/.test(p) && vatChecksum(p).valid,
  },
  // Spacing counts: "YO10 JT" (a dropped character) is no postcode as printed, though YO1 0JT is one.
  postcode: {
    canonical: (v) => bare(v),
    wellFormed: (p, words) => words.length <= 2 && isValidPostcode(p) && (words.length === 1 || /^\d[A-Z]{2}$/i.test(words[1]!)),
  },
};

/**
 * Identifiers are printed in capitals and digits, so a small "l" in one is OCR's reading of a bare
 * upright stroke: a 1 (or I), never the footed capital L. "Gl2 7Qz" prints G12 7QZ, not GL2 7QZ.
 */
const asStrokes = (word: string) => word.replace(/l/g, '1');

/**
 * How far printed words are from showing an identifier: 0 when they print it (look-alikes folded),
 * 1 when OCR dropped one character or printed one twice (with at most one look-alike besides).
 * Never a sighting: a different character in the same place (another number), or printed
 * characters that are themselves a well-formed value of the
 * kind other than the registered one (LS11 4DY is not LS1 4DY, B81 1AA is not BB1 1AA), so the
 * tolerance cannot confirm a document that shows a neighbouring company number or postcode.
 */
function identifierEdits(rule: IdentifierRule, registered: string, words: string[]): number {
  const printedWords = words.map(asStrokes);
  const printed = rule.canonical(printedWords.join(''));
  if (printed === registered) return 0;
  if (rule.wellFormed(printed, printedWords)) return Infinity;
  if (showsEach(printed, registered)) return 0;
  const [a, b] = [fold(printed), fold(registered)];
  // A slip comes with at most one look-alike beside it: more, and folding has made other text
  // resemble the value (a date's "19 01" for N1 9QL, an amount's "81 GBP" for BT1 6BP).
  if (distance(printed, registered) > 2) return Infinity;
  if (a.length === b.length - 1) return distance(a, b) === 1 ? 1 : Infinity;
  return a.length === b.length + 1 && doubledOnce(a, b) ? 1 : Infinity;
}

/** Whether `printed` is `registered` with one of its characters printed twice (not any added one). */
function doubledOnce(printed: string, registered: string): boolean {
  for (let i = 1; i < printed.length; i++)
    if (printed[i] === printed[i - 1] && printed.slice(0, i) + printed.slice(i + 1) === registered) return true;
  return false;
}

interface Matcher {
  /** How many edits away from showing the registered value a line is. */
  edits: (line: string) => number;
  /** Edits tolerated: names one dropped or doubled character per 16, identifiers one (look-alikes are already folded). */
  maxEdits: number;
}

/** The length of the longest run of characters both strings hold in the same order, gaps allowed. */
function commonSubsequence(a: string, b: string): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(x === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return row[b.length]!;
}

/**
 * Characters dropped or printed twice between two forms, or Infinity when the fewest edits replace
 * one character by another: OCR drops and doubles letters (its look-alikes are folded before), whereas
 * one letter for another is how two names (HERON HILL, HERON MILL) or streets differ.
 */
function slips(printed: string, registered: string): number {
  const edits = distance(printed, registered);
  const dropsAndDoubles = printed.length + registered.length - 2 * commonSubsequence(printed, registered);
  return edits === dropsAndDoubles ? edits : Infinity;
}

/**
 * Fewest slips between a name (or address line) and any run of the line's words up to one longer
 * than it. A run printing other numbers than the registered value is never it, however close
 * (another company's name, another house).
 */
function wordsEdits(value: string, line: string, form: (s: string) => string): number {
  const needle = form(value);
  let best = Infinity;
  for (const run of wordRuns(wordsOf(line), 1, wordsOf(value).length + 1)) {
    const printed = run.join(' ');
    if (digitsAgree(value, printed)) best = Math.min(best, slips(form(printed), needle));
  }
  return best;
}

/** A name's matching form, spaces aside: OCR merges and splits words, and Companies House registers no two names that differ only in spacing. */
const nameForm = (s: string) => fold(companyNameForMatching(s)).replace(/\s+/g, '');

const addressForm = (s: string) => fold(normaliseAddressLine(s));

/** Facts printed as words, compared in their matching form with a few slips allowed. */
const WORDED: Partial<Record<Fact, (s: string) => string>> = { company_name: nameForm, address_line: addressForm };

function matcherFor(fact: Fact, value: string): Matcher | undefined {
  const form = WORDED[fact];
  if (form) {
    const needle = form(value);
    return needle.length >= 4 ? { edits: (line) => wordsEdits(value, line, form), maxEdits: Math.floor(needle.length / 16) } : undefined;
  }
  const rule = IDENTIFIERS[fact as keyof typeof IDENTIFIERS];
  const registered = rule.canonical(value);
  return {
    edits: (line) => {
      let best = Infinity;
      for (const run of wordRuns(wordsOf(line), 1, 4)) best = Math.min(best, identifierEdits(rule, registered, run));
      return best;
    },
    maxEdits: 1,
  };
}

/** Each page's lines, then each pair of neighbouring lines (a name or number can wrap onto the next). */
function* windows(pageTexts: string[]): Generator<{ page: number; line: number; text: string }> {
  const pages = pageTexts.map((text) => text.split('\n'));
  for (const [p, lines] of pages.entries()) for (const [i, line] of lines.entries()) yield { page: p + 1, line: i + 1, text: line };
  for (const [p, lines] of pages.entries())
    for (const [i, line] of lines.entries()) if (lines[i + 1]) yield { page: p + 1, line: i + 1, text: `${line} ${lines[i + 1]}` };
}

/**
 * Looks for each registered value in the document's text, tolerating OCR's look-alikes (and, for
 * names, a few slips), and says where it was printed. A value not printed is not sighted.
 */
export function findRegisteredFacts(pageTexts: string[], facts: RegisteredFacts): Partial<Record<Fact, Sighting>> {
  const found: Partial<Record<Fact, Sighting>> = {};
  for (const [fact, value] of Object.entries(facts) as Array<[Fact, string | undefined]>) {
    const matcher = value && matcherFor(fact, value);
    if (!matcher) continue;
    for (const w of windows(pageTexts)) {
      const edits = matcher.edits(w.text);
      if (edits > matcher.maxEdits || (found[fact] && found[fact].edits <= edits)) continue;
      found[fact] = { fact, registered: value, page: w.page, line: w.line, printed: w.text.trim(), edits };
      if (edits === 0) break;
    }
  }
  return found;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * The checks sightings can settle, and the registered values the document must show for that:
 * every one of them. An address needs its postcode and, when the registry gives one, its first
 * line. HMRC's name check also compares HMRC's name with Companies House's, which no document can
 * settle: only a failure on the document's side is confirmable.
 */
const CONFIRMABLE: Record<string, (c: Check) => RegisteredFacts | undefined> = {
  // A document showing a former name is a renamed company's: the registry has spoken, a person decides.
  'companies_house.name_match': (c) => (c.reason_code === 'previous_name' ? undefined : { company_name: text(c.evidence.registered_name) }),
  'companies_house.address_match': addressFacts,
  'hmrc_vat.name_match': (c) => {
    const compared = (c.evidence.compared as Array<{ side: string; verdict: string }> | undefined) ?? [];
    return compared.every((x) => x.side === 'document' || x.verdict === 'match') ? { company_name: text(c.evidence.vat_name) } : undefined;
  },
  'hmrc_vat.address_match': addressFacts,
};

function addressFacts(c: Check): RegisteredFacts | undefined {
  const postcode = text(c.evidence.registered_postcode);
  return postcode ? { postcode, address_line: text(c.evidence.registered_line) } : undefined;
}

/**
 * Passes a name or address check that free extraction failed when the document itself shows every
 * registered value it compares; the extracted value stays in the evidence beside where the
 * registered ones were found. A check whose registered values are not all printed on the document
 * is left as it was, so no check passes on the claims or the registry alone.
 */
export function confirmFromDocument(checks: Check[], pageTexts: string[]): Check[] {
  return checks.map((c) => {
    const needed = c.status === 'fail' || c.status === 'warn' ? CONFIRMABLE[c.id]?.(c) : undefined;
    const facts = needed && (Object.entries(needed).filter(([, v]) => v) as Array<[Fact, string]>);
    if (!facts || facts.length === 0) return c;
    const found = findRegisteredFacts(pageTexts, Object.fromEntries(facts));
    const sightings = facts.map(([fact]) => found[fact]);
    if (sightings.some((x) => !x)) return c;
    const [first] = sightings as Sighting[];
    return {
      ...c,
      status: 'pass',
      reason_code: 'registered_value_on_document',
      message: `The document shows the registered value on page ${first!.page}, line ${first!.line}, though another reading was extracted.`,
      evidence: {
        ...c.evidence,
        extracted_check: { status: c.status, reason_code: c.reason_code },
        sighting: first,
        ...(sightings.length > 1 ? { sightings } : {}),
      },
    };
  });
}

interface ClaimComparison {
  field: string;
  claimed: string;
  matches: boolean | null;
}

/**
 * Settles a claims check that failed on a reading: each claimed value extraction read otherwise
 * counts as matching when the document prints it (where is kept as evidence). The check passes only
 * when every contradiction is settled so; a claim the document does not show still fails it.
 */
export function confirmClaims(c: Check, pageTexts: string[]): Check {
  const comparisons = c.evidence.comparisons as ClaimComparison[] | undefined;
  if (c.status !== 'fail' || !comparisons) return c;
  const settled = comparisons.map((x) => {
    const fact = x.field as Fact;
    const sighting = x.matches === false ? findRegisteredFacts(pageTexts, { [fact]: x.claimed })[fact] : undefined;
    return sighting ? { ...x, matches: true, sighting } : x;
  });
  if (settled.some((x) => x.matches === false)) return c;
  return {
    ...c,
    status: 'pass',
    reason_code: 'claimed_value_on_document',
    message: 'The document shows every claimed value, though another reading was extracted.',
    evidence: { ...c.evidence, comparisons: settled, extracted_check: { status: c.status, reason_code: c.reason_code } },
  };
}

/** Identifiers a registry is asked for, and the checks that ask or compare them. */
const ASKED: Record<'company_number' | 'vat_number', string[]> = {
  company_number: ['companies_house.exists', 'companies_house.number_match'],
  vat_number: ['hmrc_vat.format', 'hmrc_vat.registered'],
};

/** A claimed number the document prints where extraction read another (or none): where, and what was read. */
export interface SightedClaim {
  sighting: Sighting;
  extracted: string | null;
}

export interface AskedReadings {
  fields: Record<string, ExtractedField>;
  sighted: Partial<Record<Fact, SightedClaim>>;
}

/**
 * The readings the registries are asked about, with each claimed company or VAT number the page
 * text prints taken as the document's, where extraction read another or none: the free reading
 * picked the wrong candidate (a reference, an account number), not the document. The registry then
 * answers for the number the document shows, and the name it registers must still be on the
 * document. The extracted field keeps its place in `fields`; a claim the document does not show
 * changes nothing.
 */
export function withSightedClaims(fields: Record<string, ExtractedField>, claims: Claims, pageTexts: string[]): AskedReadings {
  const out = { ...fields };
  const sighted: AskedReadings['sighted'] = {};
  for (const name of Object.keys(ASKED) as Array<keyof typeof ASKED>) {
    const claimed = claims[name];
    const read = fields[name];
    const rule = IDENTIFIERS[name];
    if (!claimed || (read && rule.canonical(read.value) === rule.canonical(claimed))) continue;
    const sighting = findRegisteredFacts(pageTexts, { [name]: claimed })[name];
    if (!sighting) continue;
    sighted[name] = { sighting, extracted: read?.value ?? null };
    out[name] = {
      value: claimed,
      raw: sighting.printed,
      confidence: read?.confidence ?? 0.9,
      source: 'rules',
      page: sighting.page,
      reasons: [`the claimed value, printed on page ${sighting.page}, line ${sighting.line}`],
    };
  }
  return { fields: out, sighted };
}

/** Notes on the checks that asked for a sighted claim where the document prints it and what extraction had read. */
export function citingSightedClaims(checks: Check[], sighted: AskedReadings['sighted']): Check[] {
  return checks.map((c) => {
    const [, claim] = Object.entries(sighted).find(([name]) => ASKED[name as keyof typeof ASKED].includes(c.id)) ?? [];
    return claim ? { ...c, evidence: { ...c.evidence, claimed_value_on_document: claim } } : c;
  });
}
