import type { Check, DocumentType, ExtractedField } from '../domain';
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

export function freshnessCheck(
  documentType: DocumentType | null,
  fields: Record<string, ExtractedField>,
  now: Date,
  maxAgeDays: number,
): Check {
  if (!documentType || !TIME_SENSITIVE.includes(documentType)) {
    return check(DOC.freshness, 'not_applicable', 'not_time_sensitive', 'This kind of document does not go out of date.', {
      document_type: documentType,
    });
  }
  const found = documentDate(fields);
  if (!found)
    return check(DOC.freshness, 'warn', 'no_date_found', 'No date was found on the document, so its age is unknown.', {
      document_type: documentType,
    });
  const ageDays = Math.floor((now.getTime() - Date.parse(`${found.date}T00:00:00Z`)) / DAY_MS);
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
