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
  /** Keeps pictures of the regions pixel forensics flagged beside the document. */
  saveEvidenceImage?: ForensicsStageDeps['saveEvidenceImage'];
  log?: Logger;
}

/** forensics → registries → decide, configured from the settings. */
function verificationStages({ config, registries, earlierUploads, evidence, saveEvidenceImage }: PipelineServices): Stage[] {
  const names = nameThresholds(config);
  const policy = policyFromSettings(config);
  return [
    forensicsStage({ maxPages: config.MAX_PDF_PAGES, earlierUploads, pixelThresholds: policy.pixelThresholds, saveEvidenceImage }),
    registriesStage({ registries, names }),
    decideStage({
      policy,
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

/** The stages, in the order they run. */
export function buildStages(services: PipelineServices): Stage[] {
  const { config, ocr, llm, log } = services;
  return [
    identifyStage,
    textStage({ maxPages: config.MAX_PDF_PAGES, renderDpi: config.RENDER_DPI, maxImagePixels: config.MAX_IMAGE_PIXELS, ocr }),
    classifyStage,
    extractStage({ llm, log }),
    ...verificationStages(services),
  ];
}
