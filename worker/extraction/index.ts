import type { Config } from '../config';
import { LlmExtractor } from './openai';

/** A model extractor when a key is configured; without one the rules work alone. */
export function createLlmExtractor(config: Config): LlmExtractor | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return new LlmExtractor({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
  });
}
