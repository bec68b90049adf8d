import type { Check, CheckStatus, Verification } from '../domain';
import type { Policy } from '../verification/policy';

/** One thing that made a verdict what it is, in a form two verdicts can be compared by. */
export interface DecisionReason {
  code:
    | 'rejecting_failure'
    | 'blocking_failure'
    | 'check_error'
    | 'untolerated_warning'
    | 'no_anchor'
    | 'score_below_threshold'
    | 'all_conditions_met';
  check_id: string | null;
  message: string;
}

const reason = (code: DecisionReason['code'], check_id: string | null, message: string): DecisionReason => ({ code, check_id, message });

/** Why the policy turned these checks into this decision, in the order the policy applies its rules. */
export function reasonsFor(v: Verification, policy: Policy): DecisionReason[] {
  const rejecting = v.checks.filter((c) => c.status === 'fail' && policy.rejectOnFail.includes(c.id));
  if (rejecting.length > 0) {
    return rejecting.map((c) => reason('rejecting_failure', c.id, `${c.id} failed (${c.reason_code}) and the policy rejects on it.`));
  }
  const reasons: DecisionReason[] = [];
  for (const c of v.checks) {
    if (c.status === 'fail')
      reasons.push(reason('blocking_failure', c.id, `${c.id} failed (${c.reason_code}); the policy sends it to review.`));
    if (c.status === 'error') reasons.push(reason('check_error', c.id, `${c.id} could not run (${c.reason_code}).`));
    if (c.status === 'warn' && !policy.toleratedWarnings.includes(c.id)) {
      reasons.push(reason('untolerated_warning', c.id, `${c.id} warned (${c.reason_code}) and the policy does not tolerate it.`));
    }
  }
  const passed = new Set(v.checks.filter((c) => c.status === 'pass').map((c) => c.id));
  if (!policy.anchors.some((group) => group.length > 0 && group.every((id) => passed.has(id)))) {
    reasons.push(reason('no_anchor', null, 'No registry confirmed who the document names (no anchor group passed in full).'));
  }
  if (v.score < policy.verifiedMinScore) {
    reasons.push(reason('score_below_threshold', null, `The score ${v.score} is below the ${policy.verifiedMinScore} needed to verify.`));
  }
  if (reasons.length === 0)
    reasons.push(reason('all_conditions_met', null, `Nothing blocks and the score ${v.score} reaches ${policy.verifiedMinScore}.`));
  return reasons;
}

export interface CheckChange {
  check_id: string;
  from: { status: CheckStatus; reason_code: string } | null;
  to: { status: CheckStatus; reason_code: string } | null;
}

/** Checks whose outcome differs between two verdicts (appearing or disappearing counts). */
export function checkChanges(before: Check[], after: Check[]): CheckChange[] {
  const key = (c: Check) => ({ status: c.status, reason_code: c.reason_code });
  const a = new Map(before.map((c) => [c.id, key(c)]));
  const b = new Map(after.map((c) => [c.id, key(c)]));
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids
    .map((check_id) => ({ check_id, from: a.get(check_id) ?? null, to: b.get(check_id) ?? null }))
    .filter((c) => c.from?.status !== c.to?.status || c.from?.reason_code !== c.to?.reason_code);
}

const sameReason = (x: DecisionReason, y: DecisionReason) => x.code === y.code && x.check_id === y.check_id && x.message === y.message;

/** Reasons that hold only in one of the two verdicts: together they say why the decision moved. */
export function reasonChanges(before: DecisionReason[], after: DecisionReason[]): { added: DecisionReason[]; removed: DecisionReason[] } {
  return {
    added: after.filter((r) => !before.some((b) => sameReason(b, r))),
    removed: before.filter((r) => !after.some((a) => sameReason(a, r))),
  };
}
