import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { DocumentRepository } from '../db/repositories';
import type { Logger } from '../logger';
import type { TaskFinished } from '../processor';
import type { Registries } from '../registries';
import { CompaniesHouseClient, canonicalCompanyNumber } from '../registries/companies-house';
import { HmrcVatClient } from '../registries/hmrc-vat';
import { canonicalVrn } from '../registries/vat-number';
import { COMPANIES_HOUSE_RATE } from './budget';
import { MonitorRepository } from './repository';
import { runMonitoringRound, type MonitoringDeps } from './round';
import { companiesHouseCallsPerCheck, type SnapshotSources } from './snapshot';
import { createMonitorWebhookSender } from './webhook';
import { webhookOptionsFrom } from '../webhooks/sender';

export { runMonitoringRound, type MonitoringDeps, type RoundReport } from './round';
export { MonitorRepository } from './repository';

/** Monitoring asks the live registries only: a stand-in that answers from stored evidence has nothing new to say. */
function liveSources(registries: Registries, people: boolean): SnapshotSources {
  return {
    companiesHouse: registries.companiesHouse instanceof CompaniesHouseClient ? registries.companiesHouse : undefined,
    hmrc: registries.hmrc instanceof HmrcVatClient ? registries.hmrc : undefined,
    people,
  };
}

/** Everything a monitoring round needs, from the settings and the process's shared registry clients (one rate budget). */
export function monitoringDepsFrom(config: Config, sequelize: Sequelize, registries: Registries, log: Logger): MonitoringDeps {
  const monitorLog = log.child({ component: 'monitoring' });
  const webhook = webhookOptionsFrom(config);
  return {
    repo: new MonitorRepository(sequelize),
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

/**
 * With MONITOR_AUTO_ON_VERIFIED, a document that ends verified puts its company under monitoring
 * (the company and VAT numbers read from it, else the ones claimed), then the next listener runs.
 */
export function withAutoMonitoring(
  config: Pick<Config, 'MONITOR_AUTO_ON_VERIFIED'>,
  sequelize: Sequelize,
  documents: DocumentRepository,
  next: ((event: TaskFinished) => Promise<void>) | undefined,
  log: Logger,
): ((event: TaskFinished) => Promise<void>) | undefined {
  if (!config.MONITOR_AUTO_ON_VERIFIED) return next;
  const monitors = new MonitorRepository(sequelize);
  return async (event) => {
    if (event.state === 'completed' && event.decision === 'verified') {
      try {
        const [document, result] = await Promise.all([
          documents.findDocument(event.tenant_id, event.document_id),
          documents.latestResult(event.document_id),
        ]);
        const company = result?.fields?.company_number?.value ?? document?.claims?.company_number;
        const vat = result?.fields?.vat_number?.value ?? document?.claims?.vat_number;
        if (company) {
          await monitors.ensure({
            tenant_id: event.tenant_id,
            company_number: canonicalCompanyNumber(company),
            vat_number: vat ? canonicalVrn(vat) : null,
            source: 'verified_document',
            source_id: event.document_id,
          });
        }
      } catch (err) {
        log.warn({ err, document_id: event.document_id }, 'could not put the company under monitoring');
      }
    }
    await next?.(event);
  };
}
