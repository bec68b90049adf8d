import type { DocumentType } from '../domain';
import type { LlmOutcome } from './openai';

/** Reads fields with a language model, beside the rules; the outcome says when it could not. */
export interface ModelExtractor {
  extract(pages: string[], documentType: DocumentType): Promise<LlmOutcome>;
}
