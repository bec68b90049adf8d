import type { Config } from '../config';
import type { ModelExtractor } from '../extraction/port';
import type { Logger } from '../logger';
import type { OcrEngine } from '../ocr/port';
import { pdfLimitsOf } from '../pdf/limits';
import { policyFromSettings } from '../verification/policy';
import { classifyStage } from './classify';
import { extractStage } from './extract';
import { identifyStage } from './identify';
import { textStage } from './text';
import type { Stage } from './types';

/** What the reading stages need: all of it can be rebuilt inside a processing thread from the settings. */
export interface ReadingServices {
  config: Config;
  /** One OCR pool per process, shared by every task (threads reach it over a port). */
  ocr: OcrEngine;
  /** Present when OPENAI_API_KEY is set. */
  llm?: ModelExtractor;
  log?: Pick<Logger, 'warn'>;
}

/** identify → text → classify → extract: the work on the document's bytes and words, bounded by the settings. */
export function readingStages({ config, ocr, llm, log }: ReadingServices): Stage[] {
  return [
    identifyStage,
    textStage({
      maxPages: config.MAX_PDF_PAGES,
      renderDpi: config.RENDER_DPI,
      maxImagePixels: config.MAX_IMAGE_PIXELS,
      ocr,
      limits: pdfLimitsOf(config),
      maxLineChars: config.MAX_LINE_CHARS,
      // The forensics stage judges under the same policy: the pictures drawn are the ones it may save.
      pixelThresholds: policyFromSettings(config).pixelThresholds,
    }),
    classifyStage,
    extractStage({ llm, log }),
  ];
}
