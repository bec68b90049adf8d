import type { EvidenceSink } from '../evidence/types';
import type { Registries } from '../registries';
import { nameThresholds } from '../verification';
import { policyFromSettings } from '../verification/policy';
import { decideStage } from './decide';
import { forensicsStage, type ForensicsStageDeps } from './forensics';
import type { ProcessingPool } from './pool';
import { readingStages, type ReadingServices } from './reading';
import { registriesStage } from './registries';
import type { Stage } from './types';

export { readingStages, type ReadingServices } from './reading';

/** The ports the stages need, built once per process by the composition root. */
export interface PipelineServices extends ReadingServices {
  registries: Registries;
  earlierUploads: ForensicsStageDeps['earlierUploads'];
  /** Where each verdict's evidence is kept. */
  evidence?: EvidenceSink;
  /** Threads that do the reading (and parse the file for forensics) away from this event loop; here when absent. */
  pool?: ProcessingPool;
  /** Keeps pictures of the regions pixel forensics flagged beside the document. */
  saveEvidenceImage?: ForensicsStageDeps['saveEvidenceImage'];
}

/** forensics → registries → decide, configured from the settings. */
function verificationStages({ config, registries, earlierUploads, evidence, pool, saveEvidenceImage }: PipelineServices): Stage[] {
  const names = nameThresholds(config);
  const policy = policyFromSettings(config);
  return [
    forensicsStage({
      maxPages: config.MAX_PDF_PAGES,
      earlierUploads,
      readFacts: pool && ((...args) => pool.readFacts(...args)),
      pixelThresholds: policy.pixelThresholds,
      saveEvidenceImage,
    }),
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

/** The stages, in the order they run; with a pool, the reading stages run in its threads. */
export function buildStages(services: PipelineServices): Stage[] {
  const { pool } = services;
  const reading = readingStages(services);
  return [...(pool ? reading.map((stage) => pool.isolate(stage)) : reading), ...verificationStages(services)];
}
