import type { Logger } from '../logger';
import type { LlmExtractor } from '../extraction/openai';
import { llmFields, reconcile } from '../extraction/reconcile';
import { extractByRules } from '../extraction/rules';
import type { Stage } from './types';

export interface ExtractStageOptions {
  /** Present when a model is configured; the rules always run. */
  llm?: Pick<LlmExtractor, 'extract'>;
  log?: Pick<Logger, 'warn'>;
}

/** Reads the typed, normalised fields: rules always, the model alongside when configured. */
export function extractStage(options: ExtractStageOptions = {}): Stage {
  return {
    name: 'extract',
    weight: 3,
    async run({ state, document }) {
      const documentType = state.document_type ?? 'unknown';
      const rules = extractByRules({ pages: state.page_texts, pageInfo: state.pages, documentType });
      if (!options.llm || state.page_texts.every((p) => !p.trim())) {
        state.fields = rules;
        return;
      }
      const outcome = await options.llm.extract(state.page_texts, documentType);
      if (!outcome.ok) {
        options.log?.warn({ document_id: document.id, reason: outcome.reason, detail: outcome.detail }, 'model extraction failed; rules stand alone');
        state.fields = rules;
        return;
      }
      state.fields = reconcile(rules, llmFields(outcome.reply, documentType));
    },
  };
}
