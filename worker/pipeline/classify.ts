import { classifyText } from '../classify/classify';
import type { Stage } from './types';

/** Decides what kind of document this is from its words. */
export const classifyStage: Stage = {
  name: 'classify',
  weight: 1,
  async run({ state }) {
    const { document_type, confidence, reasons } = classifyText(state.page_texts.join('\n'));
    state.document_type = document_type;
    state.classification = { confidence, reasons };
  },
};
