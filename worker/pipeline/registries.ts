import { recordingCompaniesHouse, recordingHmrc } from '../evidence/recording';
import type { Registries } from '../registries';
import { companiesHouseChecks } from '../verification/companies-house-checks';
import { citingSightedClaims, confirmFromDocument, withSightedClaims } from '../verification/confirm';
import { hmrcChecks } from '../verification/hmrc-checks';
import type { NameThresholds } from '../verification/names';
import { subjectOf } from '../verification/subject';
import type { Stage } from './types';

export interface RegistriesStageDeps {
  registries: Registries;
  names: NameThresholds;
  now?: () => Date;
}

/** Asks Companies House, then HMRC (whose name check also compares with the registered company name). */
export function registriesStage(deps: RegistriesStageDeps): Stage {
  return {
    name: 'registries',
    weight: 3,
    async run({ state, claims, progress }) {
      const now = deps.now ?? (() => new Date());
      const { companiesHouse, hmrc } = deps.registries;
      // Every answer is noted as evidence, so the verdict can later be replayed without asking again.
      const recordedCompaniesHouse = companiesHouse && recordingCompaniesHouse(companiesHouse, state.evidence, now);
      const recordedHmrc = hmrc && recordingHmrc(hmrc, state.evidence, now);
      const { fields, sighted } = withSightedClaims(state.fields, claims, state.page_texts);
      const subject = subjectOf(fields, claims, state.document_type);
      const company = await companiesHouseChecks(recordedCompaniesHouse, subject, fields.company_number?.value, {
        names: deps.names,
      });
      state.checks.push(...citingSightedClaims(confirmFromDocument(company.checks, state.page_texts), sighted));
      await progress(0.5);
      const vat = await hmrcChecks(recordedHmrc, subject, company.profile?.company_name, {
        names: deps.names,
        sandbox: deps.registries.hmrcSandbox,
      });
      state.checks.push(...citingSightedClaims(confirmFromDocument(vat, state.page_texts), sighted));
    },
  };
}
