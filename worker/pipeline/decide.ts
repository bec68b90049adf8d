import { claimsMatchCheck, freshnessCheck } from '../verification/document-checks';
import type { NameThresholds } from '../verification/names';
import { decide, type Policy } from '../verification/policy';
import { subjectOf } from '../verification/subject';
import type { Stage } from './types';

export interface DecideStageDeps {
  policy: Policy;
  freshnessDays: number;
  names: NameThresholds;
  now?: () => Date;
}

/** The document's own consistency checks, then the verdict over every check gathered. */
export function decideStage(deps: DecideStageDeps): Stage {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'decide',
    weight: 1,
    async run({ state, claims }) {
      const at = now();
      state.checks.push(
        freshnessCheck(state.document_type, state.fields, at, deps.freshnessDays),
        claimsMatchCheck(subjectOf(state.fields, claims), state.fields, deps.names),
      );
      state.verification = decide(state.checks, deps.policy, at);
    },
  };
}
