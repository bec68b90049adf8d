import type { Classification, DocumentType } from '../domain';
import { FAMILIES, familiesFound, type FamilyFound, type KnownType } from './families';

/** Fewer families than this name no type: one odd phrase does not make a document. */
const MIN_FAMILIES = 2;
/** From this many families the evidence is substantial; fewer is thin. */
const SUBSTANTIAL = 3;
/** Families at which the evidence is overwhelming on its own. */
const STRONG = 4;
/**
 * What a thin type clearly ahead of every other is given: recognised (one page of a longer document
 * often shows two families only), but below the confidence its dates are judged by.
 */
const THIN_CONFIDENCE = 0.55;

interface Scored {
  type: KnownType;
  found: FamilyFound[];
}

const label = (type: KnownType) => type.replace(/_/g, ' ');
const kinds = (n: number) => `${n} ${n === 1 ? 'kind' : 'kinds'}`;

export interface ClassificationResult extends Classification {
  document_type: DocumentType;
}

function unknown(text: string, reason: string): ClassificationResult {
  return text.trim()
    ? { document_type: 'unknown', confidence: 0.5, reasons: [reason] }
    : { document_type: 'unknown', confidence: 0, reasons: ['no readable text'] };
}

/** The confidence of the leading type: grows with its families and with its lead over the runner-up. */
function confidenceOf(best: number, second: number): number {
  if (best < SUBSTANTIAL) return THIN_CONFIDENCE;
  const strength = Math.min(1, best / STRONG);
  const margin = (best - second) / best;
  return Math.round(Math.min(0.99, 0.35 + 0.35 * strength + 0.3 * margin) * 100) / 100;
}

/**
 * Names the document's type by the families of evidence its text shows (title, issuer, identifiers,
 * what only that type prints), each family counted once. A layout never seen still shows its type's
 * kinds of evidence; a single borrowed phrase shows one family at most.
 */
export function classifyText(text: string): ClassificationResult {
  // OCR reads table rules and a photo's page edge as bars; a phrase broken by one is still the phrase.
  const words = text.replace(/[|¦]/g, ' ');
  const ranked: Scored[] = (Object.keys(FAMILIES) as KnownType[])
    .map((type) => ({ type, found: familiesFound(words, type) }))
    .sort((a, b) => b.found.length - a.found.length);
  const [best, second] = ranked as [Scored, Scored];
  if (best.found.length < MIN_FAMILIES) return unknown(text, 'no type had enough distinctive wording');
  const lead = best.found.length - second.found.length;
  // Thin evidence names a type only when nothing else comes near; otherwise two types tie.
  if (lead === 0 || (best.found.length < SUBSTANTIAL && lead < MIN_FAMILIES))
    return unknown(text, `as much like ${label(second.type)} as ${label(best.type)}`);
  const reasons = best.found.map((f) => f.says);
  if (second.found.length > 0)
    reasons.push(`also resembles ${label(second.type)} (${kinds(second.found.length)} of evidence against ${best.found.length})`);
  return { document_type: best.type, confidence: confidenceOf(best.found.length, second.found.length), reasons };
}
