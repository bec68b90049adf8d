/** The published Companies House allowance: 600 requests per 5 minutes per key. */
export const COMPANIES_HOUSE_RATE = { limit: 600, windowSeconds: 300 } as const;

export interface MonitoringBudget {
  /** Requests the registry allows per window, and the window. */
  limit: number;
  windowSeconds: number;
  /** The part of that allowance monitoring may spend (0..1]; verification keeps the rest. */
  share: number;
  /** Requests one check makes. */
  callsPerCheck: number;
  /** Seconds between rounds. */
  tickSeconds: number;
}

/** Checks one round may run: monitoring's share of the request rate over one round, in whole checks (at least one). */
export function checksPerTick(b: MonitoringBudget): number {
  const requestsPerSecond = (b.limit * b.share) / b.windowSeconds;
  return Math.max(1, Math.floor((requestsPerSecond * b.tickSeconds) / b.callsPerCheck));
}

/** How many companies the budget can check once per interval; more than this and checks fall behind. */
export function capacityPerInterval(b: MonitoringBudget, intervalHours: number): number {
  return checksPerTick(b) * Math.floor((intervalHours * 3600) / b.tickSeconds);
}

/**
 * When each of `count` checks of a round starts, in ms from the round's start: evenly apart over
 * the run window, so a round is a steady trickle and never a burst.
 */
export function paceOffsets(count: number, windowMs: number): number[] {
  if (count <= 0) return [];
  const gap = windowMs / count;
  return Array.from({ length: count }, (_, i) => Math.round(i * gap));
}

/**
 * How long a round may spend: most of the gap to the next round (so rounds never overlap), and
 * never more than a run may last (the Lambda's timeout bounds it in AWS).
 */
export function runWindowMs(tickSeconds: number, maxRunSeconds: number): number {
  return Math.floor(Math.min(tickSeconds, maxRunSeconds) * 0.8 * 1000);
}

/**
 * One interval after the check actually ran. Rounds take only what the budget allows, so companies
 * added together are checked across successive rounds, and keeping each one's own phase keeps
 * them spread over the interval from then on.
 */
export function nextCheckAt(checkedAt: Date, intervalHours: number): Date {
  return new Date(checkedAt.getTime() + intervalHours * 3_600_000);
}
