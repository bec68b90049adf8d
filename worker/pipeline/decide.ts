import type { DecisionSettings, EvidenceSink } from '../evidence/types';
import { confirmClaims } from '../verification/confirm';
import { detailsShownCheck } from '../verification/details-shown';
import { claimsMatchCheck, freshnessCheck } from '../verification/document-checks';
import type { NameThresholds } from '../verification/names';
import { decide, type Policy } from '../verification/policy';
import { withReadConfidence } from '../verification/read-confidence';
import { subjectOf } from '../verification/subject';
import { typeRecognisedCheck } from '../verification/type-recognised';
import type { Stage } from './types';
import { currentTraceId } from '../telemetry/tracing';

export interface DecideStageDeps {
  policy: Policy;
  freshnessDays: number;
  names: NameThresholds;
  now?: () => Date;
  /** Which registries were configured: part of the evidence, since an unconfigured one changes the checks. */
  registries?: Pick<DecisionSettings, 'hmrc_sandbox' | 'companies_house_configured' | 'hmrc_configured'>;
  /** Where the task's evidence goes with the verdict; left out where nothing is recorded (replays, unit tests). */
  evidence?: EvidenceSink;
}

/** The document's own consistency checks, then the verdict over every check gathered. */
export function decideStage(deps: DecideStageDeps): Stage {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'decide',
    weight: 1,
    async run({ state, claims, document, task }) {
      const at = now();
      const { fields } = state;
      state.checks.push(
        freshnessCheck(state.document_type, fields, at, deps.freshnessDays, state.page_texts),
        confirmClaims(claimsMatchCheck(subjectOf(fields, claims), fields, deps.names), state.page_texts),
      );
      state.checks.push(detailsShownCheck(state.document_type, fields, state.checks, state.page_texts.length));
      const recognised = deps.policy.recognisedType;
      if (recognised !== undefined) state.checks.push(typeRecognisedCheck(state.document_type, state.classification, recognised));
      const confident = deps.policy.confidentType;
      const typeConfidence = state.classification?.confidence;
      state.checks = withReadConfidence(
        state.checks,
        fields,
        state.page_texts,
        confident !== undefined && typeConfidence !== undefined ? { confidence: typeConfidence, confident } : undefined,
      );
      state.verification = decide(state.checks, deps.policy, at);
      const settings: DecisionSettings = {
        names: deps.names,
        freshness_days: deps.freshnessDays,
        hmrc_sandbox: deps.registries?.hmrc_sandbox ?? false,
        companies_house_configured: deps.registries?.companies_house_configured ?? false,
        hmrc_configured: deps.registries?.hmrc_configured ?? false,
      };
      state.evidence.push({
        kind: 'decision',
        payload: {
          policy_version: state.verification.policy_version,
          policy: deps.policy,
          settings,
          claims,
          decided_at: state.verification.decided_at,
          verification: state.verification,
          trace_id: currentTraceId() ?? null,
        },
      });
      await deps.evidence?.record({ tenant_id: document.tenant_id, document_id: document.id, task_id: task.id }, state.evidence);
    },
  };
}
