import type { DocumentType, ExtractedField } from '../domain';
import { FIELDS_BY_TYPE } from './fields';
import { comparableValue, normalizeField } from './normalize';
import type { LlmReply } from './openai';

/** How far a model's reading is trusted on its own: below a labelled rule, above a guess. */
const LLM_CONFIDENCE = 0.75;
/** A reading that the other source contradicts keeps this share of its confidence. */
const DISPUTED = 0.6;
/**
 * Rules at or above this (calibrated) confidence win a disagreement; below it the model does. It
 * is where a labelled value with no close rival lands: a guess from layout alone falls under it.
 */
const RULES_WIN_AT = 0.97;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The model's values for the fields this type of document states, normalised like the rules'. */
export function llmFields(reply: LlmReply, documentType: DocumentType): Record<string, ExtractedField> {
  const out: Record<string, ExtractedField> = {};
  for (const name of FIELDS_BY_TYPE[documentType]) {
    const text = reply.fields[name];
    if (!text) continue;
    const normal = normalizeField(name, text);
    if (!normal) continue;
    out[name] = { ...normal, ...(text !== normal.value ? { raw: text } : {}), confidence: LLM_CONFIDENCE, source: 'llm', page: null };
  }
  return out;
}

function agree(rules: ExtractedField, llm: ExtractedField): ExtractedField {
  return { ...rules, source: 'rules+llm', confidence: round(Math.min(0.99, 1 - (1 - rules.confidence) * (1 - llm.confidence))) };
}

function disagree(rules: ExtractedField, llm: ExtractedField): ExtractedField {
  const [kept, other] = rules.confidence >= RULES_WIN_AT ? [rules, llm] : [llm, rules];
  return {
    ...kept,
    confidence: round(kept.confidence * DISPUTED),
    disagreement: { source: other.source === 'llm' ? 'llm' : 'rules', value: other.value },
  };
}

/**
 * Merges two readings field by field: agreement raises confidence, disagreement keeps the more
 * trusted value at lower confidence and records the other, a field only one source found stands
 * as that source read it.
 */
export function reconcile(rules: Record<string, ExtractedField>, llm: Record<string, ExtractedField>): Record<string, ExtractedField> {
  const out: Record<string, ExtractedField> = {};
  for (const name of new Set([...Object.keys(rules), ...Object.keys(llm)])) {
    const r = rules[name];
    const l = llm[name];
    if (r && l) out[name] = comparableValue(name, r) === comparableValue(name, l) ? agree(r, l) : disagree(r, l);
    else out[name] = (r ?? l)!;
  }
  return out;
}
