import type { Check } from '../domain';
import { companyNameForMatching } from '../extraction/normalize';

/** What a registry holds about the business, to be looked for in the document's own text. */
export interface RegisteredFacts {
  company_name?: string;
  company_number?: string;
  postcode?: string;
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

function compact(text: string): string {
  return fold(text).replace(/[^A-Z0-9]/g, '');
}

/** The fewest edits turning `needle` into some substring of `haystack` (Sellers' approximate matching). */
function substringEdits(needle: string, haystack: string): number {
  let previous = Array.from({ length: needle.length + 1 }, (_, i) => i);
  let best = needle.length;
  for (let j = 1; j <= haystack.length; j++) {
    const current = [0];
    for (let i = 1; i <= needle.length; i++) {
      const cost = needle[i - 1] === haystack[j - 1] ? 0 : 1;
      current[i] = Math.min(previous[i]! + 1, current[i - 1]! + 1, previous[i - 1]! + cost);
    }
    best = Math.min(best, current[needle.length]!);
    previous = current;
  }
  return best;
}

/** Characters dropped or added to turn `a` into `b`; a different character counts as both. */
function indelEdits(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 2));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How far a line is from showing an identifier: 0 when it prints it (look-alikes folded), else
 * the fewest characters OCR must have dropped or added in one to three words of the line printed
 * in its place. Whole words are compared, so a postcode or number that differs in a character is
 * another one, never a near sighting.
 */
function identifierEdits(needle: string, line: string): number {
  if (compact(line).includes(needle)) return 0;
  const words = line.split(/[\s,;:]+/).filter(Boolean);
  let best = Infinity;
  for (let i = 0; i < words.length; i++) {
    for (let take = 1; take <= 3 && i + take <= words.length; take++) {
      const printed = compact(words.slice(i, i + take).join(''));
      if (Math.abs(printed.length - needle.length) <= 1) best = Math.min(best, indelEdits(needle, printed));
    }
  }
  return best;
}

interface Matcher {
  /** How many edits away from showing the registered value a line is. */
  edits: (line: string) => number;
  /** Edits tolerated: names allow OCR's slips, identifiers one dropped or added character (look-alikes are already folded). */
  maxEdits: number;
}

function matcherFor(fact: Fact, value: string): Matcher | undefined {
  switch (fact) {
    case 'company_name': {
      const form = (s: string) => fold(companyNameForMatching(s)).replace(/\s+/g, ' ');
      const needle = form(value);
      return needle.length >= 4
        ? { edits: (line) => substringEdits(needle, form(line)), maxEdits: Math.floor(needle.length / 16) }
        : undefined;
    }
    case 'company_number':
    case 'vat_number':
    case 'postcode': {
      const needle = fact === 'company_number' ? compact(value).replace(/^0+/, '') : compact(value.replace(/^\s*GB/i, ''));
      return { edits: (line) => identifierEdits(needle, line), maxEdits: 1 };
    }
  }
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

/** The checks a sighting can settle: the registered value each compares, as its evidence names it. */
const CONFIRMABLE: Record<string, { fact: Fact; evidence: string }> = {
  'companies_house.name_match': { fact: 'company_name', evidence: 'registered_name' },
  'companies_house.address_match': { fact: 'postcode', evidence: 'registered_postcode' },
  'hmrc_vat.name_match': { fact: 'company_name', evidence: 'registered_name' },
  'hmrc_vat.address_match': { fact: 'postcode', evidence: 'registered_postcode' },
};

/**
 * Passes a name or address check that free extraction failed when the document itself shows the
 * registered value; the extracted value stays in the evidence beside where the registered one was
 * found. A check whose registered value is not printed on the document is left as it was, so no
 * check passes on the claims or the registry alone.
 */
export function confirmFromDocument(checks: Check[], pageTexts: string[]): Check[] {
  return checks.map((c) => {
    const rule = CONFIRMABLE[c.id];
    const registered = rule && c.evidence[rule.evidence];
    if (!rule || typeof registered !== 'string' || (c.status !== 'fail' && c.status !== 'warn')) return c;
    const sighting = findRegisteredFacts(pageTexts, { [rule.fact]: registered })[rule.fact];
    if (!sighting) return c;
    return {
      ...c,
      status: 'pass',
      reason_code: 'registered_value_on_document',
      message: `The document shows the registered value on page ${sighting.page}, line ${sighting.line}, though another reading was extracted.`,
      evidence: { ...c.evidence, extracted_check: { status: c.status, reason_code: c.reason_code }, sighting },
    };
  });
}
