import type { Check, ExtractedField } from '../domain';
import { findRegisteredFacts, type Fact } from './confirm';

/**
 * The fields each check compares with a registry or a claim. When such a check fails, the failure
 * may be the reading's (a misread name, number or date) rather than the business's.
 */
const READ_FIELDS: Record<string, (check: Check) => string[]> = {
  'companies_house.name_match': () => ['company_name'],
  'hmrc_vat.name_match': () => ['company_name'],
  'companies_house.number_match': () => ['company_number'],
  'companies_house.exists': (c) => (c.evidence.source === 'document' ? ['company_number'] : []),
  'hmrc_vat.format': (c) => (c.evidence.source === 'document' ? ['vat_number'] : []),
  'hmrc_vat.registered': (c) => (c.evidence.source === 'document' ? ['vat_number'] : []),
  'document.freshness': (c) => (typeof c.evidence.from === 'string' ? [c.evidence.from] : []),
  'document.claims_match': (c) =>
    ((c.evidence.comparisons as Array<{ field: string; matches: boolean | null }> | undefined) ?? [])
      .filter((x) => x.matches === false)
      .map((x) => x.field),
};

/** Fields whose reading can be looked for in the page text, OCR's look-alikes tolerated. */
const FINDABLE = new Set<string>(['company_name', 'company_number', 'vat_number', 'postcode'] satisfies Fact[]);

/**
 * Whether the page text shows every reading compared: undefined when one of them cannot be looked
 * for (a date) or no text is known, false when a reading is nowhere in the text (a value the model
 * supplied, or one assembled from pieces).
 */
function readingsPrinted(names: string[], fields: Record<string, ExtractedField>, pageTexts: string[] | undefined): boolean | undefined {
  if (!pageTexts || !names.every((n) => FINDABLE.has(n) && fields[n])) return undefined;
  const found = findRegisteredFacts(pageTexts, Object.fromEntries(names.map((n) => [n, fields[n]!.value])));
  return names.every((n) => found[n as Fact]);
}

/**
 * Checks that judge a date by what the document's type says it dates (a statement's period, a
 * certificate's incorporation): on a document whose type is thin, the date failed may be another
 * kind of document's date.
 */
const DATED_BY_TYPE = new Set(['document.freshness', 'companies_house.incorporation_date_match']);

/** How sure the classification was, and the confidence below which its type is not relied on. */
export interface TypeConfidence {
  confidence: number;
  confident: number;
}

/** The type's confidence, when a failed date check rests on a type too thin to rely on. */
function thinTypeConfidence(c: Check, type: TypeConfidence | undefined): number[] {
  return c.status === 'fail' && type && DATED_BY_TYPE.has(c.id) && type.confidence < type.confident ? [type.confidence] : [];
}

/**
 * Notes on each failed check that compared something read off the document how sure the reading
 * was (the lowest calibrated confidence among the fields it compared, and the type's when a date
 * check rests on a thin type) and whether the page text shows it, so the policy can tell a likely
 * misread from a real disagreement and a replay sees the same facts.
 */
export function withReadConfidence(
  checks: Check[],
  fields: Record<string, ExtractedField>,
  pageTexts?: string[],
  type?: TypeConfidence,
): Check[] {
  return checks.map((c) => {
    const compared = c.status === 'fail' ? (READ_FIELDS[c.id]?.(c) ?? []) : [];
    const thin = thinTypeConfidence(c, type);
    const confidences = [...compared.map((name) => fields[name]?.confidence).filter((v): v is number => typeof v === 'number'), ...thin];
    if (confidences.length === 0) return c;
    const printed = readingsPrinted(compared, fields, pageTexts);
    return {
      ...c,
      evidence: {
        ...c.evidence,
        read_confidence: Math.min(...confidences),
        ...(printed === undefined ? {} : { read_printed: printed }),
        ...(thin.length > 0 ? { type_confidence: thin[0] } : {}),
      },
    };
  });
}
