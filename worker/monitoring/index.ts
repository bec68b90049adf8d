import type { Config } from '../config';
import type { Logger } from '../logger';
import type { CaseRepository } from '../cases/port';
import type { EvidenceRepository } from '../evidence/port';
import type { MonitorRepository } from './port';
import type { DocumentRepository } from '../persistence/port';
import type { TaskFinished } from '../domain';
import type { LiveRegistries } from '../registries';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { canonicalVrn } from '../registries/vat-number';
import { assessCase, loadCaseInputs } from '../cases/assess';
import { nameThresholds } from '../verification';
import { COMPANIES_HOUSE_RATE } from './budget';
import { runMonitoringRound, type MonitoringDeps } from './round';
import { companiesHouseCallsPerCheck, type SnapshotSources } from './snapshot';
import { createMonitorWebhookSender } from './webhook';
import { webhookOptionsFrom } from '../webhooks/sender';

export { runMonitoringRound, type MonitoringDeps, type RoundReport } from './round';

/** Monitoring asks the live registries only: a stand-in that answers from stored evidence has nothing new to say. */
function liveSources(registries: LiveRegistries, people: boolean): SnapshotSources {
  return { companiesHouse: registries.companiesHouse, hmrc: registries.hmrc, people };
}

/** Everything a monitoring round needs, from the settings and the process's shared registry clients (one rate budget). */
export function monitoringDepsFrom(config: Config, monitors: MonitorRepository, registries: LiveRegistries, log: Logger): MonitoringDeps {
  const monitorLog = log.child({ component: 'monitoring' });
  const webhook = webhookOptionsFrom(config);
  return {
    repo: monitors,
    sources: liveSources(registries, config.MONITOR_PEOPLE),
    send: webhook ? createMonitorWebhookSender(webhook, monitorLog) : undefined,
    log: monitorLog,
    intervalHours: config.MONITOR_INTERVAL_HOURS,
    budget: {
      ...COMPANIES_HOUSE_RATE,
      share: config.MONITOR_RATE_SHARE,
      callsPerCheck: companiesHouseCallsPerCheck(config.MONITOR_PEOPLE),
      tickSeconds: config.MONITOR_TICK_SECONDS,
    },
    maxRunSeconds: config.TASK_TIMEOUT_SECONDS,
  };
}

/**
 * The local schedule: a round every tick in this process, never two at once. Claims in the
 * database keep several processes from checking the same company, so each API process may run it.
 */
export function startMonitoringSchedule(deps: MonitoringDeps): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runMonitoringRound(deps)
      .catch((err: unknown) => deps.log.error({ err }, 'monitoring round failed'))
      .finally(() => {
        running = false;
      });
  }, deps.budget.tickSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

type FinishedListener = (event: TaskFinished) => Promise<void>;

/** A listener that watches companies after onboarding, then passes the event on; its own failures are only logged. */
function monitorOn(
  watch: (event: TaskFinished, monitors: MonitorRepository) => Promise<void>,
  monitors: MonitorRepository,
  next: FinishedListener | undefined,
  log: Logger,
): FinishedListener {
  return async (event) => {
    if (event.state === 'completed') {
      await watch(event, monitors).catch((err: unknown) =>
        log.warn({ err, document_id: event.document_id }, 'could not put the company under monitoring'),
      );
    }
    await next?.(event);
  };
}

/** A document that ends verified: its company (read from it, else claimed) goes under monitoring. */
function onVerifiedDocument(documents: DocumentRepository) {
  return async (event: TaskFinished, monitors: MonitorRepository) => {
    if (event.decision !== 'verified') return;
    const [document, result] = await Promise.all([
      documents.findDocument(event.tenant_id, event.document_id),
      documents.latestResult(event.document_id),
    ]);
    const company = result?.fields?.company_number?.value ?? document?.claims?.company_number;
    const vat = result?.fields?.vat_number?.value ?? document?.claims?.vat_number;
    if (!company) return;
    await monitors.ensure({
      tenant_id: event.tenant_id,
      company_number: canonicalCompanyNumber(company),
      vat_number: vat ? canonicalVrn(vat) : null,
      source: 'verified_document',
      source_id: event.document_id,
    });
  };
}

/** A document whose task ends leaves its case approved (the case decision is verified): the case's company goes under monitoring. */
function onApprovedCase(
  config: Pick<Config, 'NAME_MATCH_THRESHOLD'>,
  { cases, evidence }: { cases: CaseRepository; evidence: EvidenceRepository },
) {
  return async (event: TaskFinished, monitors: MonitorRepository) => {
    const row = await cases.caseOf(event.tenant_id, event.document_id);
    if (!row) return;
    const inputs = await loadCaseInputs({ cases, evidence }, row);
    if (assessCase({ ...inputs, row, names: nameThresholds(config) }).verdict.decision !== 'verified') return;
    await monitors.ensure({
      tenant_id: row.tenant_id,
      company_number: canonicalCompanyNumber(row.claims.company_number),
      vat_number: row.claims.vat_number ? canonicalVrn(row.claims.vat_number) : null,
      source: 'case',
      source_id: row.id,
    });
  };
}

/**
 * Puts companies under monitoring after onboarding, by configuration: MONITOR_AUTO_ON_VERIFIED
 * when one of their documents ends verified, MONITOR_AUTO_ON_CASE_APPROVED when their case is
 * approved. Then the next listener (webhooks) runs.
 */
export function withAutoMonitoring(
  config: Pick<Config, 'MONITOR_AUTO_ON_VERIFIED' | 'MONITOR_AUTO_ON_CASE_APPROVED' | 'NAME_MATCH_THRESHOLD'>,
  repos: { documents: DocumentRepository; cases: CaseRepository; evidence: EvidenceRepository; monitors: MonitorRepository },
  next: FinishedListener | undefined,
  log: Logger,
): FinishedListener | undefined {
  let listener = next;
  if (config.MONITOR_AUTO_ON_CASE_APPROVED) listener = monitorOn(onApprovedCase(config, repos), repos.monitors, listener, log);
  if (config.MONITOR_AUTO_ON_VERIFIED) listener = monitorOn(onVerifiedDocument(repos.documents), repos.monitors, listener, log);
  return listener;
}
