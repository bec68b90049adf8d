import { POLICY_BASE_VERSION, defaultPolicy, policyVersion, type PixelThresholds, type Policy } from '../verification/policy';

/** Changes to a policy for a what-if replay; each replaces the whole setting it names. */
export interface PolicyOverrides {
  verified_min_score?: number;
  reject_on_fail?: string[];
  tolerated_warnings?: string[];
  anchors?: string[][];
  weights?: Record<string, number>;
  /** Pixel forensic thresholds to change, by signal; the others keep the policy's. */
  pixel_thresholds?: Partial<PixelThresholds>;
}

export interface PolicyChoice {
  /** A version name: the current one, the base `kyb-policy-1`, or any this tenant's decisions were made under. */
  policy_version?: string;
  policy_overrides?: PolicyOverrides;
}

export class UnknownPolicyVersion extends Error {
  constructor(readonly version: string) {
    super(`No policy named ${version} is known: use the current version, ${POLICY_BASE_VERSION}, or one a decision was made under.`);
    this.name = 'UnknownPolicyVersion';
  }
}

export function applyOverrides(policy: Policy, o: PolicyOverrides | undefined): Policy {
  if (!o) return policy;
  return {
    ...policy,
    verifiedMinScore: o.verified_min_score ?? policy.verifiedMinScore,
    rejectOnFail: o.reject_on_fail ?? policy.rejectOnFail,
    toleratedWarnings: o.tolerated_warnings ?? policy.toleratedWarnings,
    anchors: o.anchors ?? policy.anchors,
    weights: o.weights ?? policy.weights,
    ...(o.pixel_thresholds && policy.pixelThresholds ? { pixelThresholds: { ...policy.pixelThresholds, ...o.pixel_thresholds } } : {}),
  };
}

/** The policy a replay runs under: the named (or current) one, with the overrides applied. */
export async function resolvePolicy(
  choice: PolicyChoice,
  current: Policy,
  recorded: (version: string) => Promise<Policy | undefined>,
): Promise<Policy> {
  const name = choice.policy_version;
  let base = current;
  if (name && name !== policyVersion(current)) {
    const found = name === POLICY_BASE_VERSION ? defaultPolicy : await recorded(name);
    if (!found) throw new UnknownPolicyVersion(name);
    base = found;
  }
  return applyOverrides(base, choice.policy_overrides);
}
