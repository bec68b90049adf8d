import type { Config } from '../config';
import { identifyStage } from './identify';
import { textStage } from './text';
import type { Stage } from './types';

/** The ports the stages need, built once per process by the runtime. */
export interface PipelineServices {
  config: Config;
}

/** The stages, in the order they run. */
export function buildStages({ config }: PipelineServices): Stage[] {
  return [identifyStage, textStage({ maxPages: config.MAX_PDF_PAGES })];
}
