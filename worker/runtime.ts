import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { DocumentRepository } from './db/repositories';
import type { Logger } from './logger';
import type { MaintenanceDeps } from './maintenance';
import { monitoringDepsFrom, withAutoMonitoring, type MonitoringDeps } from './monitoring';
import { buildStages } from './pipeline';
import type { Stage } from './pipeline/types';
import type { ProcessorDeps } from './processor';
import { createJobQueue } from './queue';
import type { JobQueue } from './queue/port';
import { createLlmExtractor } from './extraction';
import { createOcrPool } from './ocr';
import { createDocumentStore } from './storage';
import type { DocumentStore } from './storage/port';
import { createVerificationServices } from './verification';
import { webhookNotifierFrom } from './webhooks';
import { emfMetrics, useMetrics } from './telemetry/metrics';
import { startTracing } from './telemetry/setup';

/** Everything a process needs to serve or work: built once at start, closed once at the end. */
export interface Runtime {
  config: Config;
  log: Logger;
  db: Database;
  repo: DocumentRepository;
  store: DocumentStore;
  queue: JobQueue;
  stages: Stage[];
  processorDeps(): ProcessorDeps;
  maintenanceDeps(): MaintenanceDeps;
  /** For monitoring rounds; shares the registry clients (and so the rate budget) with the pipeline. */
  monitoringDeps(): MonitoringDeps;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, log: Logger): Promise<Runtime> {
  const tracing = startTracing({ serviceName: 'kyb', exporter: config.TRACES_EXPORTER, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  if (config.METRICS === 'emf') useMetrics(emfMetrics(config.METRICS_NAMESPACE, 'kyb'));
  const db = await openDatabase(config, log);
  const repo = new DocumentRepository(db.sequelize);
  const store = createDocumentStore(config);
  const queue = createJobQueue(config, db.url, log);
  const ocr = createOcrPool(config);
  const verification = createVerificationServices(config, repo);
  const stages = buildStages({ config, verification, ocr, llm: createLlmExtractor(config), log });
  const onFinished = withAutoMonitoring(config, db.sequelize, repo, webhookNotifierFrom(config, db.sequelize, log), log);
  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    db,
    repo,
    store,
    queue,
    stages,
    processorDeps: () => ({ repo, store, stages, log, leaseSeconds: config.TASK_TIMEOUT_SECONDS, onFinished }),
    monitoringDeps: () => monitoringDepsFrom(config, db.sequelize, verification.registries, log),
    maintenanceDeps: () => ({
      sequelize: db.sequelize,
      repo,
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
