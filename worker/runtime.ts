import { PostgresApiKeyRepository } from './adapters/postgres/api-key-repository';
import { AdvisoryLock } from './adapters/postgres/advisory-lock';
import { PostgresCaseRepository } from './adapters/postgres/case-repository';
import { openDatabase, type Database } from './adapters/postgres/database';
import { PostgresDocumentRepository } from './adapters/postgres/document-repository';
import { PostgresEvidenceStore } from './adapters/postgres/evidence-store';
import { isDatabaseUnreachable } from './adapters/postgres/errors';
import { PostgresMonitorRepository } from './adapters/postgres/monitor-repository';
import { PostgresWebhookDeliveryLog } from './adapters/postgres/webhook-deliveries';
import type { Config } from './config';
import type { Logger } from './logger';
import type { MaintenanceDeps } from './maintenance';
import { monitoringDepsFrom, withAutoMonitoring, type MonitoringDeps } from './monitoring';
import type { CaseRepository } from './cases/port';
import type { EvidenceRepository } from './evidence/port';
import type { MonitorRepository } from './monitoring/port';
import type { ApiKeyRepository, DocumentRepository, ExclusiveLock, WebhookDeliveryLog } from './persistence/port';
import { buildStages } from './pipeline';
import type { Stage } from './pipeline/types';
import type { ProcessorDeps } from './processor';
import { createJobQueue } from './queue';
import type { JobQueue } from './queue/port';
import { createLlmExtractor } from './extraction';
import { createOcrPool } from './ocr';
import { createRegistries } from './registries';
import { createDocumentStore } from './storage';
import type { DocumentStore } from './storage/port';
import { webhookNotifierFrom } from './webhooks';
import { emfMetrics, useMetrics } from './telemetry/metrics';
import { startTracing } from './telemetry/setup';

/** Every repository the use cases work through, each behind its port. */
export interface Repositories {
  documents: DocumentRepository;
  cases: CaseRepository;
  evidence: EvidenceRepository;
  monitors: MonitorRepository;
  apiKeys: ApiKeyRepository;
  webhookDeliveries: WebhookDeliveryLog;
  /** Held by one process's maintenance round at a time. */
  maintenanceLock: ExclusiveLock;
}

const MAINTENANCE_LOCK = 7_304_212;

/** Everything a process needs to serve or work: built once at start, closed once at the end. */
export interface Runtime {
  config: Config;
  log: Logger;
  db: Database;
  repos: Repositories;
  store: DocumentStore;
  queue: JobQueue;
  stages: Stage[];
  /** Whether an error means a dependency could not be reached: the API answers 503 for it, not 500. */
  isUnavailable(error: unknown): boolean;
  processorDeps(): ProcessorDeps;
  maintenanceDeps(): MaintenanceDeps;
  /** For monitoring rounds; shares the registry clients (and so the rate budget) with the pipeline. */
  monitoringDeps(): MonitoringDeps;
  close(): Promise<void>;
}

export function postgresRepositories(db: Database): Repositories {
  return {
    documents: new PostgresDocumentRepository(db),
    cases: new PostgresCaseRepository(db),
    evidence: new PostgresEvidenceStore(db.models),
    monitors: new PostgresMonitorRepository(db),
    apiKeys: new PostgresApiKeyRepository(db),
    webhookDeliveries: new PostgresWebhookDeliveryLog(db.models),
    maintenanceLock: new AdvisoryLock(db.sequelize, MAINTENANCE_LOCK),
  };
}

/** Only the database and its repositories: for operator commands that need nothing else. */
export async function openRepositories(config: Config, log: Logger): Promise<{ repos: Repositories; close(): Promise<void> }> {
  const db = await openDatabase(config, log);
  return { repos: postgresRepositories(db), close: () => db.close() };
}

/** The composition root: every adapter and stage is built here, once per process. */
export async function createRuntime(config: Config, log: Logger): Promise<Runtime> {
  const tracing = startTracing({ serviceName: 'kyb', exporter: config.TRACES_EXPORTER, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  if (config.METRICS === 'emf') useMetrics(emfMetrics(config.METRICS_NAMESPACE, 'kyb'));
  const db = await openDatabase(config, log);
  const repos = postgresRepositories(db);
  const store = createDocumentStore(config);
  const queue = createJobQueue(config, db.sql, log);
  const ocr = createOcrPool(config);
  const registries = createRegistries(config);
  const stages = buildStages({
    config,
    ocr,
    llm: createLlmExtractor(config),
    registries,
    earlierUploads: async (tenantId, sha256, exceptId) =>
      (await repos.documents.findSameContent(tenantId, sha256, exceptId)).map((d) => ({
        id: d.id,
        claims: d.claims,
        created_at: d.created_at,
      })),
    evidence: repos.evidence,
    log,
  });
  const onFinished = withAutoMonitoring(config, repos, webhookNotifierFrom(config, repos.webhookDeliveries, log), log);
  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    db,
    repos,
    store,
    queue,
    stages,
    isUnavailable: isDatabaseUnreachable,
    processorDeps: () => ({ repo: repos.documents, store, stages, log, leaseSeconds: config.TASK_TIMEOUT_SECONDS, onFinished }),
    monitoringDeps: () => monitoringDepsFrom(config, repos.monitors, registries, log),
    maintenanceDeps: () => ({
      lock: repos.maintenanceLock,
      repo: repos.documents,
      store,
      queue,
      log,
      taskTimeoutSeconds: config.TASK_TIMEOUT_SECONDS,
      maxAttempts: config.QUEUE_MAX_ATTEMPTS,
      retentionDays: config.RETENTION_DAYS,
    }),
    close() {
      closing ??= (async () => {
        await queue.stop();
        await ocr.close();
        await db.close();
        await tracing.flush();
      })();
      return closing;
    },
  };
}
