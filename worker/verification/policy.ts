import { createHash } from 'node:crypto';
import type { Check, CheckStatus, Decision, Verification } from '../domain';
import { NOT_CONFIGURED } from './check';
import { isAnchored, reasonsFor, rejectsOn } from './reasons';

/**
 * How checks become a decision. Every number and list here is a default a deployment may change
 * (POLICY_* settings); the version recorded with each verdict says which rules produced it.
 *
 * - `rejected`: a check listed in `rejectOnFail` failed. These failures mean the business or the
 *   document cannot be accepted: no such or a closed company, a name or VAT number the registries
 *   contradict, a stale statement, the same file submitted for another company, active content.
 *   When the failure compared a reading the document gave with low confidence (`uncertainReads`),
 *   it is more likely a misread than a contradiction, and the document goes to review instead.
 * - `verified`: nothing failed or errored, every warning is one of `toleratedWarnings`, all checks
 *   of at least one `anchors` group passed (a registry confirmed who the document names), and the
 *   score reaches `verifiedMinScore`.
 * - `review` otherwise: a person looks. Checks that could not run (`error`, `not_applicable`)
 *   never count as a pass, so an outage or a missing key can only lead to review.
 *
 * The score measures the evidence obtained: a check that errored or whose registry is not configured
 * weighs in with no credit, so a document nobody could check against a registry never scores 100.
 */
export interface Policy {
  verifiedMinScore: number;
  rejectOnFail: string[];
  toleratedWarnings: string[];
  anchors: string[][];
  /** Relative weight of each check in the score; unlisted checks weigh 1. */
  weights: Record<string, number>;
  /**
   * How unlike its page a region may be before its pixel forensic check warns. Absent from policies
   * recorded before pixel forensics were judged under the policy: their pixel checks replay as recorded.
   */
  pixelThresholds?: PixelThresholds;
  /**
   * Rejecting checks that compare something read off the document, and the read confidence below
   * which their failure sends the document to review instead: a misread must not turn a sound
   * business away unseen. Such a failure still blocks `verified`. Absent in policies recorded
   * before it existed, which reject on every listed failure. With `unprinted`, a reading the page
   * text does not show at all is as uncertain, whatever confidence it was given (absent before).
   */
  uncertainReads?: { checks: string[]; below: number; unprinted?: boolean };
  /**
   * The classification confidence below which the document's type is not recognised: the type check
   * warns (review). A type named on thin evidence but clearly ahead of every other is recognised, so
   * one page of a longer document still verifies when the registry confirms what it shows. Absent in
   * policies recorded before it existed, which replay without the check.
   */
  recognisedType?: number;
  /**
   * The classification confidence below which the document's type is not relied on for its dates: a
   * date check that failed may have read another kind of document's date, so its failure is an
   * uncertain read (review, not reject). Absent in policies recorded before it existed.
   */
  confidentType?: number;
}

/** One threshold per pixel forensic signal (see `pixelForensicsThresholds`). */
export interface PixelThresholds {
  text_consistency: number;
  background: number;
  compression: number;
  copy_move: number;
  region: number;
  /** The signals on one region added up, each in units of its threshold; absent from policies recorded before. */
  fused?: number;
}

export const POLICY_BASE_VERSION = 'kyb-policy-1';

/**
 * Pixel forensics: how unlike its page a region may be before its check warns, per signal (a word's
 * print against its line, in units of the most a sound word reached on the tuning corpus; grain lost
 * around a field against the ring of paper around it; strength of a JPEG grid out of step with the
 * page; page grain over the difference between two same glyphs; a block of windows' paper against the
 * whole page's, a field's paper against its ring and its row (a pasted patch), or the glyph slivers one
 * straight line cuts (`glyphs_cut_on_one_line`: a paste's edge through the print it covered), or a
 * field's glyphs against the prints of their characters at their size and weight (`glyphs_unlike_the_page`:
 * another typeface), or a field's slant against its neighbours' (`print_leans_unlike_its_neighbours`: a
 * paste from another capture), each in units of the most a sound page reached). Chosen on the tuned forgery
 * techniques so that sound scans, photos and image-only PDF pages raise nothing: `make
 * forensics-accuracy` measures both. A warning is not tolerated, so a flagged region sends the
 * document to review.
 */
export const pixelForensicsThresholds: PixelThresholds = {
  text_consistency: 1.15,
  background: 0.2,
  compression: 1.5,
  copy_move: 1.2,
  region: 1.5,
  fused: 1.6,
};

/** From this confidence a document's type is recognised (see `Policy.recognisedType`): the classifier's thin but clear lead. */
export const RECOGNISED_TYPE = 0.55;
/** Below this confidence a document's type is too thin to judge its dates by (see `Policy.confidentType`). */
export const CONFIDENT_TYPE = 0.6;

export const defaultPolicy: Policy = {
  verifiedMinScore: 80,
  rejectOnFail: [
    'companies_house.exists',
    'companies_house.status_active',
    'companies_house.name_match',
    'companies_house.number_match',
    'hmrc_vat.format',
    'hmrc_vat.registered',
    'hmrc_vat.name_match',
    'document.freshness',
    'document.claims_match',
    'forensics.duplicate',
    'forensics.pdf_javascript',
  ],
  toleratedWarnings: ['forensics.image_quality'],
  anchors: [
    ['companies_house.exists', 'companies_house.status_active', 'companies_house.name_match'],
    ['hmrc_vat.registered', 'hmrc_vat.name_match'],
  ],
  weights: {
    'companies_house.exists': 3,
    'companies_house.status_active': 3,
    'companies_house.name_match': 3,
    'hmrc_vat.registered': 3,
    'hmrc_vat.name_match': 2,
    'document.freshness': 2,
    'forensics.duplicate': 2,
  },
  pixelThresholds: pixelForensicsThresholds,
  uncertainReads: {
    checks: [
      'companies_house.exists',
      'companies_house.name_match',
      'companies_house.number_match',
      'hmrc_vat.format',
      'hmrc_vat.registered',
      'hmrc_vat.name_match',
      'document.claims_match',
      'document.freshness',
    ],
    below: 0.9,
    unprinted: true,
  },
  recognisedType: RECOGNISED_TYPE,
  confidentType: CONFIDENT_TYPE,
};

const CREDIT: Record<CheckStatus, number | null> = { pass: 1, warn: 0.5, fail: 0, error: 0, not_applicable: null };

/** What a check earns: nothing when it could not run for want of configuration; null when it does not apply. */
const creditOf = (c: Check): number | null => (c.reason_code === NOT_CONFIGURED ? 0 : CREDIT[c.status]);

/** The share of weighted credit over the checks that apply or should have run, 0..100; errors earn nothing. */
export function score(checks: Check[], policy: Policy): number {
  let earned = 0;
  let possible = 0;
  for (const c of checks) {
    const credit = creditOf(c);
    if (credit === null) continue;
    const weight = policy.weights[c.id] ?? 1;
    earned += credit * weight;
    possible += weight;
  }
  return possible === 0 ? 0 : Math.round((earned / possible) * 100);
}

export function decisionOf(checks: Check[], policy: Policy, points: number): Decision {
  if (checks.some((c) => rejectsOn(c, policy))) return 'rejected';
  const blocking = checks.some(
    (c) => c.status === 'fail' || c.status === 'error' || (c.status === 'warn' && !policy.toleratedWarnings.includes(c.id)),
  );
  return !blocking && isAnchored(checks, policy) && points >= policy.verifiedMinScore ? 'verified' : 'review';
}

/** A stable name for the rules in force: the base version, plus a digest when they were changed. */
export function policyVersion(policy: Policy): string {
  if (JSON.stringify(policy) === JSON.stringify(defaultPolicy)) return POLICY_BASE_VERSION;
  const digest = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 8);
  return `${POLICY_BASE_VERSION}+${digest}`;
}

export function decide(checks: Check[], policy: Policy, now: Date): Verification {
  const points = score(checks, policy);
  return {
    decision: decisionOf(checks, policy, points),
    score: points,
    checks,
    reasons: reasonsFor(checks, points, policy),
    decided_at: now.toISOString(),
    policy_version: policyVersion(policy),
  };
}

export interface PolicySettings {
  POLICY_VERIFIED_MIN_SCORE?: number;
  POLICY_REJECT_ON?: string;
  POLICY_TOLERATED_WARNINGS?: string;
}

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

/** The default policy with whatever the configuration overrides. */
export function policyFromSettings(settings: PolicySettings): Policy {
  return {
    ...defaultPolicy,
    verifiedMinScore: settings.POLICY_VERIFIED_MIN_SCORE ?? defaultPolicy.verifiedMinScore,
    rejectOnFail: list(settings.POLICY_REJECT_ON) ?? defaultPolicy.rejectOnFail,
    toleratedWarnings: list(settings.POLICY_TOLERATED_WARNINGS) ?? defaultPolicy.toleratedWarnings,
  };
}
