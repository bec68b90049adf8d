import type { Config } from '../config';
import { decideStage } from '../pipeline/decide';
import { forensicsStage, type ForensicsStageDeps } from '../pipeline/forensics';
import { registriesStage } from '../pipeline/registries';
import type { Stage } from '../pipeline/types';
import type { EvidenceSink } from '../evidence/types';
import type { DocumentRepository } from '../persistence/port';
import type { Registries } from '../registries';
import { defaultNameThresholds, type NameThresholds } from './names';
import { policyFromSettings } from './policy';

/** The ports the verification stages need, built once per process. */
export interface VerificationServices {
  registries: Registries;
  earlierUploads: ForensicsStageDeps['earlierUploads'];
  /** Where each verdict's evidence is kept. */
  evidence?: EvidenceSink;
}

export function createVerificationServices(
  registries: Registries,
  repos: { documents: DocumentRepository; evidence: EvidenceSink },
): VerificationServices {
  return {
    registries,
    earlierUploads: async (tenantId, sha256, exceptId) =>
      (await repos.documents.findSameContent(tenantId, sha256, exceptId)).map((d) => ({
        id: d.id,
        claims: d.claims ?? {},
        created_at: d.created_at,
      })),
    evidence: repos.evidence,
  };
}

export function nameThresholds(config: Pick<Config, 'NAME_MATCH_THRESHOLD'>): NameThresholds {
  return { match: config.NAME_MATCH_THRESHOLD, close: Math.min(defaultNameThresholds.close, config.NAME_MATCH_THRESHOLD) };
}

/** forensics → registries → decide, configured from the settings. */
export function verificationStages(config: Config, services: VerificationServices): Stage[] {
  const names = nameThresholds(config);
  return [
    forensicsStage({ maxPages: config.MAX_PDF_PAGES, earlierUploads: services.earlierUploads }),
    registriesStage({ registries: services.registries, names }),
    decideStage({
      policy: policyFromSettings(config),
      freshnessDays: config.FRESHNESS_DAYS,
      names,
      registries: {
        hmrc_sandbox: services.registries.hmrcSandbox,
        companies_house_configured: Boolean(services.registries.companiesHouse),
        hmrc_configured: Boolean(services.registries.hmrc),
      },
      evidence: services.evidence,
    }),
  ];
}
