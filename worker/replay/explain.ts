import type { Check, CheckStatus, DecisionReason } from '../domain';

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
