import {
  companyNumberReadings,
  isValidVatNumber,
  normalizeAccountNumber,
  sortCodeReadings,
  vatNumberReadings,
  vatNumberThroughSpecks,
} from './normalize';

/*
 * The shapes fields of fixed form are printed in after their labels, and whether a label's text
 * reads one that passes the field's rules.
 */

const DIGITISH = '[0-9OIlSB]';
const SORT_SEPARATOR = '[\\s\\-–]';
const [PAIR, TRIPLE] = [`${DIGITISH}{2}`, `${DIGITISH}{3}`];
/** A sort code's three pairs, or, printed apart, one group a doubled glyph too long ("04 30 S52"). */
export const SORT_CODE = new RegExp(
  `(?<![\\w-])(${[
    [PAIR, PAIR, PAIR].join(`${SORT_SEPARATOR}?`),
    ...[
      [TRIPLE, PAIR, PAIR],
      [PAIR, TRIPLE, PAIR],
      [PAIR, PAIR, TRIPLE],
    ].map((groups) => groups.join(SORT_SEPARATOR)),
  ].join('|')})(?![\\w-])`,
  'g',
);
export const ACCOUNT = new RegExp(`(?<![\\w-])(${DIGITISH}{8}|${DIGITISH}{7}|${DIGITISH}{4}\\s${DIGITISH}{4})(?![\\w-])`, 'g');
/** A VAT number's shape with any letter in a digit's place: OCR may read one digit as a letter no look-alike explains. */
export const VAT_READ = /(?<![\w])((?:GB\s?)?[0-9A-Z]{3}\s?[0-9A-Z]{4}\s?[0-9A-Z]{2}(?:\s?\d{3})?)(?![\w])/gi;
export const VAT = new RegExp(`(?<![\\w])((?:GB\\s?)?${DIGITISH}{3}\\s?${DIGITISH}{4}\\s?${DIGITISH}{2}(?:\\s?\\d{3})?)(?![\\w])`, 'gi');
export const COMPANY_NUMBER = new RegExp(
  `(?<![\\w])((?:SC|NI|OC|SO|NC|S0|N1|[A-Z][0-9]|[0-9][A-Z])\\s?${DIGITISH}{6,7}|${DIGITISH}{8}|\\d{6,7})(?![\\w])`,
  'gi',
);

/** Fields of fixed form, read off the text after their labels. */
export type TypedField = 'company_number' | 'vat_number' | 'sort_code' | 'account_number';

/** A field's printed shape and its readings (none when the text cannot be the field, several when OCR's look-alikes leave it open). */
export interface ValueShape {
  pattern: RegExp;
  read: (s: string) => string[];
}

export const VALUE_SHAPES: Record<TypedField, ValueShape> = {
  company_number: { pattern: COMPANY_NUMBER, read: companyNumberReadings },
  vat_number: { pattern: VAT_READ, read: vatNumberReadings },
  sort_code: { pattern: SORT_CODE, read: sortCodeReadings },
  account_number: {
    pattern: ACCOUNT,
    read: (s) => {
      const value = normalizeAccountNumber(s);
      return value ? [value] : [];
    },
  },
};

/** The first value of the field's shape in a text that has readings, with them; undefined when none does. */
export function firstValue(text: string, { pattern, read }: ValueShape): { raw: string; readings: string[]; index: number } | undefined {
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const readings = read(m[1]!);
    if (readings.length) return { raw: m[1]!, readings, index: m.index };
  }
  return undefined;
}

/**
 * The values a label's text reads that pass the field's rules: a VAT number's check digits (read
 * through the specks OCR printed among its digits too), the other fields' shape.
 */
export function validValues(field: TypedField, text: string): string[] {
  const readings = firstValue(text, VALUE_SHAPES[field])?.readings ?? [];
  if (field !== 'vat_number') return readings;
  const specked = vatNumberThroughSpecks(text);
  return [...new Set([...readings.filter(isValidVatNumber), ...(specked ? [specked] : [])])];
}
