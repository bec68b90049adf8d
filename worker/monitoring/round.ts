import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import { checksPerTick, nextCheckAt, paceOffsets, runWindowMs, type MonitoringBudget } from './budget';
import { detectChanges, mergeSnapshot } from './changes';
import type { MonitorRecord, MonitorRepository } from './port';
import { readSnapshot, type SnapshotSources } from './snapshot';
import type { MonitorWebhookSender } from './webhook';

export interface MonitoringDeps {
  repo: MonitorRepository;
  sources: SnapshotSources;
  /** Absent when no WEBHOOK_URL is configured: events are stored and shown, not sent. */
  send?: MonitorWebhookSender;
  log: Logger;
  intervalHours: number;
  budget: MonitoringBudget;
  /** The longest one round may run (in AWS, below the Lambda's timeout). */
  maxRunSeconds: number;
}

export interface RoundReport {
  checked: number;
  events: number;
  errors: number;
}

/** One company: read the registries, compare with the last snapshot, store the changes, send them. */
async function checkOne(deps: MonitoringDeps, monitor: MonitorRecord): Promise<{ events: number; failed: boolean }> {
  const now = new Date();
  const configured = Boolean(deps.sources.companiesHouse) || Boolean(deps.sources.hmrc && monitor.vat_number);
  const reading = configured
    ? await readSnapshot(deps.sources, monitor.company_number, monitor.vat_number, now)
    : {
        snapshot: { taken_at: now.toISOString() },
        errors: [
          { section: 'company' as const, code: 'registries_not_configured', message: 'No registry is configured to check this company.' },
        ],
      };
  const previous = monitor.snapshot ?? null;
  const changes = detectChanges(previous, reading.snapshot);
  const firstError = reading.errors[0];
  const error = firstError ? { code: firstError.code, message: reading.errors.map((e) => `${e.section}: ${e.message}`).join('; ') } : null;
  const events = await deps.repo.recordCheck(
    monitor,
    {
      snapshot: mergeSnapshot(previous, reading.snapshot),
      error,
      nextCheckAt: nextCheckAt(now, deps.intervalHours),
      changes,
      delivery: deps.send ? 'pending' : 'not_configured',
    },
    now,
  );
  if (deps.send) {
    for (const event of events) {
      const result = await deps.send(event);
      await deps.repo.recordDelivery(event.id, {
        state: result.delivered ? 'delivered' : 'failed',
        attempts: result.attempts,
        status: result.status,
        deliveredAt: result.delivered ? new Date() : null,
      });
    }
  }
  return { events: events.length, failed: error !== null };
}

/**
 * One monitoring round: takes the monitors that are due, no more than the rate budget allows per
 * round, and checks them one after another at even gaps across the round. A check that fails is
 * logged and counted; the others go on.
 */
export async function runMonitoringRound(deps: MonitoringDeps): Promise<RoundReport> {
  const capacity = checksPerTick(deps.budget);
  const windowMs = runWindowMs(deps.budget.tickSeconds, deps.maxRunSeconds);
  // Longer than any round, so a crashed round's monitors come back soon but never twice at once.
  const leaseMs = Math.max(windowMs * 2, 60_000);
  const due = await deps.repo.claimDue(capacity, leaseMs);
  const offsets = paceOffsets(due.length, windowMs);
  const started = Date.now();
  const report: RoundReport = { checked: 0, events: 0, errors: 0 };
  for (const [i, monitor] of due.entries()) {
    const wait = started + (offsets[i] ?? 0) - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      const outcome = await checkOne(deps, monitor);
      report.checked += 1;
      report.events += outcome.events;
      if (outcome.failed) report.errors += 1;
    } catch (err) {
      report.errors += 1;
      deps.log.error({ err, monitor_id: monitor.id }, 'monitoring check failed');
    }
  }
  if (due.length > 0) deps.log.info({ ...report, capacity }, 'monitoring round done');
  return report;
}
