import type { Config } from '../config';
import { defaultNameThresholds, type NameThresholds } from './names';

/** The name-match thresholds the checks use, from the settings. */
export function nameThresholds(config: Pick<Config, 'NAME_MATCH_THRESHOLD'>): NameThresholds {
  return { match: config.NAME_MATCH_THRESHOLD, close: Math.min(defaultNameThresholds.close, config.NAME_MATCH_THRESHOLD) };
}
