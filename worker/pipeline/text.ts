import { readTextLayer } from '../pdf/text-layer';
import type { Stage } from './types';

export interface TextStageOptions {
  maxPages: number;
}

/** Reads the words of the document: the PDF text layer page by page. */
export function textStage(options: TextStageOptions): Stage {
  return {
    name: 'text',
    weight: 10,
    async run({ bytes, state, document }) {
      if (document.previous) {
        state.page_texts = document.previous.page_texts;
        state.pages = document.previous.page_info;
        return;
      }
      if (state.file?.mime === 'application/pdf') {
        const layer = await readTextLayer(bytes, options.maxPages);
        state.page_texts = layer.pages;
        state.pages = layer.pages.map((text, i) => ({ number: i + 1, source: 'text_layer', chars: text.length }));
        return;
      }
      state.page_texts = [''];
      state.pages = [{ number: 1, source: 'ocr', chars: 0 }];
    },
  };
}
