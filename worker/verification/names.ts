import { distance } from 'fastest-levenshtein';

/** Legal-form words and their one spelling; Welsh forms included because Companies House registers them. */
const LEGAL_FORMS: [RegExp, string][] = [
  [/\bPUBLIC LIMITED COMPANY\b/g, 'PLC'],
  [/\bCWMNI CYFYNGEDIG CYHOEDDUS\b/g, 'PLC'],
  [/\bP\s?L\s?C\b/g, 'PLC'],
  [/\bCCC\b/g, 'PLC'],
  [/\bLIMITED LIABILITY PARTNERSHIP\b/g, 'LLP'],
  [/\bLIMITED\b/g, 'LTD'],
  [/\bCYFYNGEDIG\b/g, 'LTD'],
  [/\bCYF\b/g, 'LTD'],
  [/\bL\s?T\s?D\b/g, 'LTD'],
  [/\bCOMPANY\b/g, 'CO'],
];

const SUFFIXES = new Set(['LTD', 'PLC', 'LLP', 'LP', 'CIC']);

export interface NormalisedName {
  /** The comparable core: upper case, `&` as AND, no punctuation, no leading THE, no legal form. */
  core: string;
  /** The legal form the name ended with, if any. */
  form?: string;
}

/** Brings a company name to the form in which two spellings of the same name are equal. */
export function normaliseCompanyName(name: string): NormalisedName {
  let s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/\+/g, ' AND ')
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  for (const [pattern, replacement] of LEGAL_FORMS) s = s.replace(pattern, replacement);
  const words = s.split(' ').filter(Boolean);
  if (words[0] === 'THE') words.shift();
  let form: string | undefined;
  const last = words.at(-1);
  if (last && SUFFIXES.has(last) && words.length > 1) {
    form = last;
    words.pop();
  }
  return { core: words.join(' '), form };
}

/** 0..1, where 1 means equal: one minus the edit distance over the longer length. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Whether two spellings agree on the numbers they both print. "A1 PLUMBING" and "A7 PLUMBING", or
 * 14 and 114 High Street, are different names and premises however few characters apart; a number
 * one side lacks (OCR read its 1 as an l) is left to the edit distance.
 */
export function digitsAgree(a: string, b: string): boolean {
  const [x, y] = [digitsOf(a), digitsOf(b)];
  return !x || !y || x === y;
}

export interface NameComparison {
  similarity: number;
  /** The forms compared, as evidence a reviewer can read. */
  left: string;
  right: string;
  forms_differ: boolean;
  /** Both names print numbers, and not the same ones. */
  digits_differ: boolean;
}

export function compareNames(left: string, right: string): NameComparison {
  const a = normaliseCompanyName(left);
  const b = normaliseCompanyName(right);
  return {
    similarity: Math.round(similarity(a.core, b.core) * 1000) / 1000,
    left: a.core,
    right: b.core,
    forms_differ: Boolean(a.form && b.form && a.form !== b.form),
    digits_differ: !digitsAgree(a.core, b.core),
  };
}

export interface NameThresholds {
  /** At or above: the same name. */
  match: number;
  /** At or above (below `match`): close enough for a person to look. */
  close: number;
}

export const defaultNameThresholds: NameThresholds = { match: 0.92, close: 0.8 };

export type NameVerdict = 'match' | 'close' | 'mismatch';

export function nameVerdict(c: NameComparison, t: NameThresholds): NameVerdict {
  if (c.similarity >= t.match && !c.forms_differ && !c.digits_differ) return 'match';
  return c.similarity >= t.close ? 'close' : 'mismatch';
}
