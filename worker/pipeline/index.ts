import type { Config } from '../config';
import { verificationStages, type VerificationServices } from '../verification';
import type { LlmExtractor } from '../extraction/openai';
import type { Logger } from '../logger';
import type { OcrEngine } from '../ocr/pool';
import { classifyStage } from './classify';
import { extractStage } from './extract';
import { identifyStage } from './identify';
import { textStage } from './text';
import type { Stage } from './types';

/** The ports the stages need, built once per process by the runtime. */
export interface PipelineServices {
  config: Config;
  verification: VerificationServices;
  /** One OCR pool per process, shared by every task. */
  ocr: OcrEngine;
  /** Present when OPENAI_API_KEY is set. */
  llm?: LlmExtractor;
  log?: Logger;
}

/** The stages, in the order they run. */
export function buildStages({ config, verification, ocr, llm, log }: PipelineServices): Stage[] {
  return [
    identifyStage,
    textStage({ maxPages: config.MAX_PDF_PAGES, renderDpi: config.RENDER_DPI, maxImagePixels: config.MAX_IMAGE_PIXELS, ocr }),
    classifyStage,
    extractStage({ llm, log }),
    ...verificationStages(config, verification),
  ];
}
