import type { Check, DecisionReason } from '../domain';
import { NOT_CONFIGURED } from './check';
import type { Policy } from './policy';

const reason = (code: DecisionReason['code'], check_id: string | null, message: string): DecisionReason => ({ code, check_id, message });

/** Every group of one anchor passed in full: a registry confirmed who the document names. */
export function isAnchored(checks: Check[], policy: Policy): boolean {
  const passed = new Set(checks.filter((c) => c.status === 'pass').map((c) => c.id));
  return policy.anchors.some((group) => group.length > 0 && group.every((id) => passed.has(id)));
}

/** A failure the policy rejects on: listed, and not a comparison of a reading too uncertain to trust. */
export function rejectsOn(c: Check, policy: Policy): boolean {
  if (c.status !== 'fail' || !policy.rejectOnFail.includes(c.id)) return false;
  const uncertain = policy.uncertainReads;
  return !(uncertain?.checks.includes(c.id) && isUncertainRead(c, uncertain));
}

/** A failed comparison's reading was given low confidence, or (when the policy says so) is not in the page text. */
function isUncertainRead(c: Check, uncertain: NonNullable<Policy['uncertainReads']>): boolean {
  const read = c.evidence.read_confidence;
  if (typeof read !== 'number') return false;
  return read < uncertain.below || (uncertain.unprinted === true && c.evidence.read_printed === false);
}

/** Why the policy turns these checks and this score into its decision, in the order the policy applies its rules. */
export function reasonsFor(checks: Check[], score: number, policy: Policy): DecisionReason[] {
  const rejecting = checks.filter((c) => rejectsOn(c, policy));
  if (rejecting.length > 0) {
    return rejecting.map((c) => reason('rejecting_failure', c.id, `${c.id} failed (${c.reason_code}) and the policy rejects on it.`));
  }
  const reasons: DecisionReason[] = [];
  for (const c of checks) {
    if (c.status === 'fail') {
      const unprinted = c.evidence.read_printed === false ? ' that the page text does not show' : '';
      const read = policy.rejectOnFail.includes(c.id)
        ? ` on a reading of confidence ${String(c.evidence.read_confidence)}${unprinted}`
        : '';
      reasons.push(reason('blocking_failure', c.id, `${c.id} failed (${c.reason_code})${read}; the policy sends it to review.`));
    }
    if (c.status === 'error') reasons.push(reason('check_error', c.id, `${c.id} could not run (${c.reason_code}).`));
    if (c.status === 'not_applicable' && c.reason_code === NOT_CONFIGURED) reasons.push(reason('not_checked', c.id, c.message));
    if (c.status === 'warn' && !policy.toleratedWarnings.includes(c.id)) {
      reasons.push(
        reason('untolerated_warning', c.id, `${c.id} warned (${c.reason_code}) and the policy does not tolerate it: ${c.message}`),
      );
    }
  }
  if (!isAnchored(checks, policy)) {
    reasons.push(reason('no_anchor', null, 'No registry confirmed who the document names (no anchor group passed in full).'));
  }
  if (score < policy.verifiedMinScore) {
    reasons.push(reason('score_below_threshold', null, `The score ${score} is below the ${policy.verifiedMinScore} needed to verify.`));
  }
  if (reasons.length === 0)
    reasons.push(reason('all_conditions_met', null, `Nothing blocks and the score ${score} reaches ${policy.verifiedMinScore}.`));
  return reasons;
}
