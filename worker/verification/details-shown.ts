import type { Check, DocumentType, ExtractedField } from '../domain';
import { check } from './check';
import { DOC } from './document-checks';

export const DETAILS_SHOWN = 'document.details_shown';

const TIME_SENSITIVE: DocumentType[] = ['bank_statement', 'utility_bill'];

/** Where a document that shows too little most often keeps the rest, told to the customer. */
const WHERE_IT_IS: Partial<Record<DocumentType, string>> = {
  bank_statement: "a statement's account name, number and period are often on page 2",
  utility_bill: "a bill's customer name, address and date are often on a later page",
};

/**
 * Whether the pages sent show what verifying the document needs: the business's name (read, or the
 * registered name found on the page) and, for a statement or bill, a date. When they do not, it
 * says what is missing so the customer can send the rest (every page, not page 1 alone). It never
 * decides on its own: with no name no registry anchors the document, and with no date freshness
 * warns, so it only explains a `review` that would happen anyway.
 */
export function detailsShownCheck(
  documentType: DocumentType | null,
  fields: Record<string, ExtractedField>,
  checks: readonly Check[],
  pagesSent: number,
): Check {
  if (!documentType || documentType === 'unknown')
    return check(DETAILS_SHOWN, 'not_applicable', 'unknown_document', 'The kind of document was not recognised.');
  const nameShown = Boolean(fields.company_name?.value) || checks.some((c) => c.id.endsWith('.name_match') && c.status === 'pass');
  const freshness = checks.find((c) => c.id === DOC.freshness);
  const dateShown = !TIME_SENSITIVE.includes(documentType) || (freshness !== undefined && freshness.reason_code !== 'no_date_found');
  const missing = [...(nameShown ? [] : ['business name']), ...(dateShown ? [] : ['date'])];
  const evidence = { document_type: documentType, pages_sent: pagesSent, missing };
  if (missing.length === 0)
    return check(DETAILS_SHOWN, 'pass', 'details_shown', "The pages sent show the business's name and what dates the document.", evidence);
  const pages = pagesSent === 1 ? 'The page sent shows' : `The ${pagesSent} pages sent show`;
  const where = WHERE_IT_IS[documentType];
  return check(
    DETAILS_SHOWN,
    'warn',
    'details_not_shown',
    `${pages} no ${missing.join(' and no ')}. Send every page of the document${where ? ` (${where})` : ''}; a reviewer will look for them on what was sent.`,
    evidence,
  );
}
