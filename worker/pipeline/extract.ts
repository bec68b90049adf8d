import type { Logger } from '../logger';
import type { ModelExtractor } from '../extraction/port';
import { llmFields, reconcile } from '../extraction/reconcile';
import { extractByRules } from '../extraction/rules';
import { ENGINE_VERSIONS } from '../evidence/recording';
import type { ExtractionEvidence } from '../evidence/types';
import type { PipelineState, Stage } from './types';

export interface ExtractStageOptions {
  /** Present when a model is configured; the rules always run. */
  llm?: ModelExtractor;
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
        state.evidence.push(extractionEvidence(state));
        return;
      }
      const outcome = await options.llm.extract(state.page_texts, documentType);
      const llm = {
        model: outcome.ok ? outcome.model : null,
        prompt_sha256: outcome.prompt_sha256 ?? null,
        outcome: outcome.ok ? 'ok' : outcome.reason,
        raw_reply: outcome.ok ? outcome.raw : null,
      };
      if (!outcome.ok) {
        options.log?.warn(
          { document_id: document.id, reason: outcome.reason, detail: outcome.detail },
          'model extraction failed; rules stand alone',
        );
        state.fields = rules;
      } else {
        state.fields = reconcile(rules, llmFields(outcome.reply, documentType));
      }
      state.evidence.push(extractionEvidence(state, llm));
    },
  };
}

/** How the document was read, for the evidence of the verdict. */
function extractionEvidence(state: PipelineState, llm?: ExtractionEvidence['llm']): { kind: 'extraction'; payload: ExtractionEvidence } {
  return {
    kind: 'extraction',
    payload: {
      document_type: state.document_type,
      classification: state.classification,
      fields: state.fields,
      pages: state.pages.map((p) => ({ number: p.number, source: p.source, chars: p.chars, ocr_confidence: p.ocr_confidence })),
      page_texts: state.page_texts,
      engines: ENGINE_VERSIONS,
      llm,
    },
  };
}
