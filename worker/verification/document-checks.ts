import type { Check, DocumentType, ExtractedField } from '../domain';
import { findDates } from '../extraction/normalize';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { canonicalVrn } from '../registries/vat-number';
import { check } from './check';
import { compareNames, nameVerdict, type NameThresholds } from './names';
import type { Subject } from './subject';

export const DOC = { freshness: 'document.freshness', claims: 'document.claims_match' } as const;

/** Documents that prove something current only while recent. */
const TIME_SENSITIVE: DocumentType[] = ['bank_statement', 'utility_bill'];

const DAY_MS = 86_400_000;

/** The date a time-sensitive document speaks for: the end of its statement period, else its own date. */
function documentDate(fields: Record<string, ExtractedField>): { date: string; field: string } | undefined {
  const period = fields.statement_period?.value?.split('/')[1];
  if (period && /^\d{4}-\d{2}-\d{2}$/.test(period)) return { date: period, field: 'statement_period' };
  const date = fields.document_date?.value;
  if (date && /^\d{4}-\d{2}-\d{2}/.test(date)) return { date: date.slice(0, 10), field: 'document_date' };
  return undefined;
}

/**
 * Lines that date an event after the document's own date (a payment, a tariff's end, the next
 * bill or reading): their dates say nothing of when the document was issued.
 */
const LATER_EVENT = /\b(?:due|pay(?:ment|able)?|by|after|until|till|ends?|expir\w*|next|valid|renew\w*)\b/i;

/**
 * How far a document's other dates may run past its own: a bill prints its payment date, two to
 * four weeks on, not always beside a label that says so; a statement is issued within days of its
 * period's end and prints nothing later. A date found without its label proves the document recent
 * only by this margin.
 */
export const UNLABELLED_DATE_MARGIN_DAYS: Partial<Record<DocumentType, number>> = { utility_bill: 31, bank_statement: 7 };

/** What joins a range's two dates ("01/04/2026 to 30/06/2026"): split there so both ends are read. */
const RANGE_JOIN = /(?<=\S)\s+(?:to|-|–|—)\s+(?=\S)/i;

interface PrintedDate {
  date: string;
  page: number;
  line: number;
  printed: string;
}

/**
 * The latest date the page text prints, not in the future, on a line that does not date a later
 * event. A statement's period ends on the last date it prints and a bill is dated on or after the
 * supply it bills, so the document is no older than this date plus the margin.
 */
function latestPrintedDate(pageTexts: readonly string[], now: Date): PrintedDate | undefined {
  const today = now.toISOString().slice(0, 10);
  let latest: PrintedDate | undefined;
  for (const [p, text] of pageTexts.entries())
    for (const [i, line] of text.split('\n').entries()) {
      if (LATER_EVENT.test(line)) continue;
      for (const d of line.split(RANGE_JOIN).flatMap((part) => findDates(part)))
        if (d.iso <= today && (!latest || d.iso > latest.date)) latest = { date: d.iso, page: p + 1, line: i + 1, printed: line.trim() };
    }
  return latest;
}

const ageInDays = (date: string, now: Date) => Math.floor((now.getTime() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);

/**
 * When the document's own date was not read: judged on the dates it prints. Recent by the margin
 * passes (a bill's due date cannot hide a stale bill); otherwise, or with no date at all, a person
 * judges its age (review): an unlabelled date is too weak to reject on, and too weak to verify near the limit.
 */
function freshnessFromPrintedDates(documentType: DocumentType, pageTexts: readonly string[], now: Date, maxAgeDays: number): Check {
  const latest = latestPrintedDate(pageTexts, now);
  if (!latest)
    return check(DOC.freshness, 'warn', 'no_date_found', 'No date was found on the document, so its age is unknown.', {
      document_type: documentType,
    });
  const ageDays = ageInDays(latest.date, now);
  const margin = UNLABELLED_DATE_MARGIN_DAYS[documentType] ?? 0;
  const evidence = { ...latest, from: 'page_text', age_days: ageDays, max_age_days: maxAgeDays, margin_days: margin };
  if (ageDays + margin <= maxAgeDays)
    return check(
      DOC.freshness,
      'pass',
      'recent_by_printed_dates',
      `The document's own date was not read, but it prints a date ${Math.max(0, ageDays)} days old (page ${latest.page}, line ${latest.line}), recent enough whatever that date is.`,
      evidence,
    );
  return check(
    DOC.freshness,
    'warn',
    'date_not_read',
    `The document's own date was not read; the latest date it prints is ${ageDays} days old, too near or past the ${maxAgeDays}-day limit to judge unseen.`,
    evidence,
  );
}

/**
 * Whether a statement or bill is recent: on the date read for it (its period's end, else its own
 * date), else on the dates its pages print.
 */
export function freshnessCheck(
  documentType: DocumentType | null,
  fields: Record<string, ExtractedField>,
  now: Date,
  maxAgeDays: number,
  pageTexts: readonly string[] = [],
): Check {
  if (!documentType || !TIME_SENSITIVE.includes(documentType)) {
    return check(DOC.freshness, 'not_applicable', 'not_time_sensitive', 'This kind of document does not go out of date.', {
      document_type: documentType,
    });
  }
  const found = documentDate(fields);
  if (!found) return freshnessFromPrintedDates(documentType, pageTexts, now, maxAgeDays);
  const ageDays = ageInDays(found.date, now);
  const evidence = { date: found.date, from: found.field, age_days: ageDays, max_age_days: maxAgeDays };
  if (ageDays < -1) return check(DOC.freshness, 'fail', 'future_date', 'The document is dated in the future.', evidence);
  if (ageDays > maxAgeDays)
    return check(DOC.freshness, 'fail', 'stale', `The document is ${ageDays} days old; at most ${maxAgeDays} are accepted.`, evidence);
  return check(DOC.freshness, 'pass', 'recent', `The document is ${Math.max(0, ageDays)} days old.`, evidence);
}

type Comparison = { field: string; claimed: string; document: string | null; matches: boolean | null; similarity?: number };

/** Every claim the applicant made against what the document shows. */
export function claimsMatchCheck(subject: Subject, fields: Record<string, ExtractedField>, names: NameThresholds): Check {
  const claims = subject.claims;
  const comparisons: Comparison[] = [];
  if (claims.company_number) {
    const doc = fields.company_number?.value;
    comparisons.push({
      field: 'company_number',
      claimed: claims.company_number,
      document: doc ?? null,
      matches: doc ? canonicalCompanyNumber(doc) === canonicalCompanyNumber(claims.company_number) : null,
    });
  }
  if (claims.company_name) {
    const doc = subject.documentName;
    const c = doc ? compareNames(claims.company_name, doc) : undefined;
    comparisons.push({
      field: 'company_name',
      claimed: claims.company_name,
      document: doc ?? null,
      matches: c ? nameVerdict(c, names) === 'match' : null,
      similarity: c?.similarity,
    });
  }
  if (claims.vat_number) {
    const doc = fields.vat_number?.value;
    comparisons.push({
      field: 'vat_number',
      claimed: claims.vat_number,
      document: doc ?? null,
      matches: doc ? canonicalVrn(doc) === canonicalVrn(claims.vat_number) : null,
    });
  }
  if (comparisons.length === 0) return check(DOC.claims, 'not_applicable', 'no_claims', 'The applicant made no claims to compare.');
  const evidence = { comparisons };
  const mismatched = comparisons.filter((c) => c.matches === false).map((c) => c.field);
  if (mismatched.length > 0)
    return check(DOC.claims, 'fail', 'claims_mismatch', `The document contradicts the claimed ${mismatched.join(', ')}.`, evidence);
  if (comparisons.every((c) => c.matches === null)) {
    return check(DOC.claims, 'not_applicable', 'not_on_document', 'The document shows none of the claimed details.', evidence);
  }
  const unseen = comparisons.filter((c) => c.matches === null).map((c) => c.field);
  if (unseen.length > 0)
    return check(
      DOC.claims,
      'pass',
      'claims_match_shown',
      `The claims shown on the document match (not shown: ${unseen.join(', ')}).`,
      evidence,
    );
  return check(DOC.claims, 'pass', 'claims_match', 'Every claim matches the document.', evidence);
}
