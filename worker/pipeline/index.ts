import type { Config } from '../config';
import type { EvidenceSink } from '../evidence/types';
import type { ModelExtractor } from '../extraction/port';
import type { Logger } from '../logger';
import type { OcrEngine } from '../ocr/port';
import type { Registries } from '../registries';
import { nameThresholds } from '../verification';
import { policyFromSettings } from '../verification/policy';
import { classifyStage } from './classify';
import { decideStage } from './decide';
import { extractStage } from './extract';
import { forensicsStage, type ForensicsStageDeps } from './forensics';
import { identifyStage } from './identify';
import { pdfLimitsOf } from '../pdf/limits';
import type { ProcessingPool } from './pool';
import { registriesStage } from './registries';
import { textStage } from './text';
import type { Stage } from './types';

/** The ports the stages need, built once per process by the composition root. */
export interface PipelineServices {
  config: Config;
  /** One OCR pool per process, shared by every task. */
  ocr: OcrEngine;
  /** Present when OPENAI_API_KEY is set. */
  llm?: ModelExtractor;
  registries: Registries;
  earlierUploads: ForensicsStageDeps['earlierUploads'];
  /** Where each verdict's evidence is kept. */
  evidence?: EvidenceSink;
  log?: Logger;
  /** Threads that do the reading (and parse the file for forensics) away from this event loop; here when absent. */
  pool?: ProcessingPool;
}

/** What the reading stages need: all of it is rebuilt inside a processing thread from the settings. */
export type ReadingServices = Pick<PipelineServices, 'config' | 'ocr' | 'llm' | 'log'>;

/** forensics → registries → decide, configured from the settings. */
function verificationStages({ config, registries, earlierUploads, evidence, pool }: PipelineServices): Stage[] {
  const names = nameThresholds(config);
  return [
    forensicsStage({ maxPages: config.MAX_PDF_PAGES, earlierUploads, readFacts: pool && ((...args) => pool.readFacts(...args)) }),
    registriesStage({ registries, names }),
    decideStage({
      policy: policyFromSettings(config),
      freshnessDays: config.FRESHNESS_DAYS,
      names,
      registries: {
        hmrc_sandbox: registries.hmrcSandbox,
        companies_house_configured: Boolean(registries.companiesHouse),
        hmrc_configured: Boolean(registries.hmrc),
      },
      evidence,
    }),
  ];
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
    }),
    classifyStage,
    extractStage({ llm, log }),
  ];
}

/** The stages, in the order they run; with a pool, the reading stages run in its threads. */
export function buildStages(services: PipelineServices): Stage[] {
  const { pool } = services;
  const reading = readingStages(services);
  return [...(pool ? reading.map((stage) => pool.isolate(stage)) : reading), ...verificationStages(services)];
}
