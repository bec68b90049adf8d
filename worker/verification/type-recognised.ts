import type { Check, Classification, DocumentType } from '../domain';
import { check } from './check';

export const TYPE_RECOGNISED = 'document.type_recognised';

/**
 * Whether the kind of document was recognised with the confidence a verdict relies on. Every other
 * check reads the document as its type (which fields it shows, whether it goes out of date), so
 * when the type is unknown or below the policy's recognised confidence a person looks: it warns, which sends the document to review and
 * never rejects it. A type given with no confidence (not guessed from the text) is taken as given.
 */
export function typeRecognisedCheck(documentType: DocumentType | null, classification: Classification | null, confident: number): Check {
  const confidence = classification?.confidence ?? null;
  const evidence = { document_type: documentType, confidence, confident_from: confident, evidence_found: classification?.reasons ?? [] };
  if (!documentType || documentType === 'unknown')
    return check(
      TYPE_RECOGNISED,
      'warn',
      'type_unknown',
      'The kind of document was not recognised; a person decides what it is.',
      evidence,
    );
  const kind = documentType.replace(/_/g, ' ');
  if (confidence !== null && confidence < confident)
    return check(
      TYPE_RECOGNISED,
      'warn',
      'type_uncertain',
      `The document reads as a ${kind} only with confidence ${confidence} (below ${confident}): it shows little of what one prints.`,
      evidence,
    );
  return check(TYPE_RECOGNISED, 'pass', 'type_recognised', `The document was recognised as a ${kind}.`, evidence);
}
