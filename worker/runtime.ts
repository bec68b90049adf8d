import { PostgresApiKeyRepository } from './adapters/postgres/api-key-repository';
import { AdvisoryLock } from './adapters/postgres/advisory-lock';
import { PostgresCaseRepository } from './adapters/postgres/case-repository';
import { openDatabase, type Database } from './adapters/postgres/database';
import { PostgresDirectUploadRepository } from './adapters/postgres/direct-upload-repository';
import { PostgresDocumentRepository } from './adapters/postgres/document-repository';
import { PostgresEvidenceStore } from './adapters/postgres/evidence-store';
import { isDatabaseUnreachable } from './adapters/postgres/errors';
import { PostgresListingRepository } from './adapters/postgres/listing-repository';
import { PostgresMonitorRepository } from './adapters/postgres/monitor-repository';
import { PostgresReviewRepository } from './adapters/postgres/review-repository';
import { PostgresWebhookDeliveryLog } from './adapters/postgres/webhook-deliveries';
import { PostgresWebhookOutbox } from './adapters/postgres/webhook-outbox';
import type { Config } from './config';
import type { Logger } from './logger';
import type { MaintenanceDeps } from './maintenance';
import { monitoringDepsFrom, withAutoMonitoring, type MonitoringDeps } from './monitoring';
import type { CaseRepository } from './cases/port';
import type { EvidenceRepository } from './evidence/port';
import type { ListingRepository } from './listing/port';
import type { ReviewRepository } from './reviews/port';
import { withCaseStanding } from './reviews/review';
import { nameThresholds } from './verification';
import type { MonitorRepository } from './monitoring/port';
import type {
  ApiKeyRepository,
  DirectUploadRepository,
  DocumentRepository,
  ExclusiveLock,
  WebhookDeliveryLog,
  WebhookOutbox,
} from './persistence/port';
import type { ProcessingPool } from './pipeline/pool';
import type { Stage } from './pipeline/types';
import type { Processing } from './processing';
import type { ProcessorDeps } from './processor';
import { createJobQueue } from './queue';
import type { JobQueue } from './queue/port';
import { createRegistries } from './registries';
import { createDocumentStore } from './storage';
import type { DocumentStore } from './storage/port';
import { outboxDispatcherFrom } from './webhooks';
import { webhookOptionsFrom } from './webhooks/sender';
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
  /** Tenant-scoped lists for the review queue. */
  listing: ListingRepository;
  /** The review state kept beside documents and cases. */
  reviews: ReviewRepository;
  /** Task ends waiting to be told to the webhook receiver. */
  webhookOutbox: WebhookOutbox;
  /** Held by one process's maintenance round at a time. */
  maintenanceLock: ExclusiveLock;
  /** Keys presigned for direct uploads, until their files are registered. */
  directUploads: DirectUploadRepository;
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
  /** The threads the reading stages run in. */
  processing: ProcessingPool;
  /** Whether an error means a dependency could not be reached: the API answers 503 for it, not 500. */
  isUnavailable(error: unknown): boolean;
  processorDeps(): ProcessorDeps;
  maintenanceDeps(): MaintenanceDeps;
  /** For monitoring rounds; shares the registry clients (and so the rate budget) with the pipeline. */
  monitoringDeps(): MonitoringDeps;
  close(): Promise<void>;
}

export function postgresRepositories(db: Database, config: Config): Repositories {
  return {
    // A task's end writes its webhook to the outbox only when there is a receiver to tell.
    documents: new PostgresDocumentRepository(db, { outbox: webhookOptionsFrom(config) !== undefined }),
    cases: new PostgresCaseRepository(db),
    evidence: new PostgresEvidenceStore(db),
    monitors: new PostgresMonitorRepository(db),
    apiKeys: new PostgresApiKeyRepository(db),
    webhookDeliveries: new PostgresWebhookDeliveryLog(db.models),
    listing: new PostgresListingRepository(db),
    reviews: new PostgresReviewRepository(db),
    webhookOutbox: new PostgresWebhookOutbox(db),
    maintenanceLock: new AdvisoryLock(db.sequelize, MAINTENANCE_LOCK),
    directUploads: new PostgresDirectUploadRepository(db),
  };
}

/** Only the database and its repositories: for operator commands that need nothing else. */
export async function openRepositories(config: Config, log: Logger): Promise<{ repos: Repositories; close(): Promise<void> }> {
  const db = await openDatabase(config, log);
  return { repos: postgresRepositories(db, config), close: () => db.close() };
}

/** The database's repositories and the queue: for operator commands that re-open and send work (redrive). */
export async function openOperatorTools(
  config: Config,
  log: Logger,
): Promise<{ repos: Repositories; queue: JobQueue; close(): Promise<void> }> {
  const db = await openDatabase(config, log);
  const queue = await createJobQueue(config, db.sql, log);
  return {
    repos: postgresRepositories(db, config),
    queue,
    close: async () => {
      await queue.stop();
      await db.close();
    },
  };
}

export interface RuntimeOptions {
  /**
   * Whether this process processes documents (the default). An API whose jobs go to workers elsewhere
   * passes false: the pipeline's modules are then never loaded, and its stages cannot be asked for.
   */
  processes?: boolean;
}

/** The composition root: every adapter is built here, once per process, and the stages too where it processes. */
export async function createRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const tracing = await startTracing({
    serviceName: 'kyb',
    exporter: config.TRACES_EXPORTER,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  if (config.METRICS === 'emf') useMetrics(emfMetrics(config.METRICS_NAMESPACE, 'kyb'));
  const db = await openDatabase(config, log);
  const repos = postgresRepositories(db, config);
  const store = await createDocumentStore(config);
  const queue = await createJobQueue(config, db.sql, log);
  const registries = createRegistries(config);
  // Imported only where documents are processed: the pipeline's modules stay off a serving process's heap.
  const processing =
    options.processes === false
      ? undefined
      : (await import('./processing.js')).buildProcessing({
          config,
          log,
          store,
          documents: repos.documents,
          evidence: repos.evidence,
          registries,
        });
  const processingOnly = <T>(part: (built: Processing) => T): T => {
    if (!processing) throw new Error('This runtime only serves: it was created with processes: false');
    return part(processing);
  };
  const outbox = outboxDispatcherFrom(config, repos.webhookOutbox, repos.webhookDeliveries, log);
  const dispatchOutbox = async () => (outbox ? outbox.dispatch() : 0);
  // The result and its webhook are recorded together; sending it at once is only a head start on the maintenance round.
  const sendWebhooks = outbox
    ? async () => {
        await outbox.dispatch().catch((err: unknown) => log.warn({ err }, 'could not send webhooks now; the next round will'));
      }
    : undefined;
  const onFinished = withCaseStanding(
    { ...repos, names: nameThresholds(config), log },
    withAutoMonitoring(config, repos, sendWebhooks, log),
  );
  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    db,
    repos,
    store,
    queue,
    get stages() {
      return processingOnly((built) => built.stages);
    },
    get processing() {
      return processingOnly((built) => built.pool);
    },
    isUnavailable: isDatabaseUnreachable,
    processorDeps: () => ({
      repo: repos.documents,
      store,
      stages: processingOnly((built) => built.stages),
      log,
      leaseSeconds: config.TASK_TIMEOUT_SECONDS,
      deadlineSeconds: config.PROCESSING_TIMEOUT_SECONDS,
      deadlineSecondsPerPage: config.PROCESSING_SECONDS_PER_PAGE,
      onFinished,
    }),
    monitoringDeps: () => monitoringDepsFrom(config, repos.monitors, registries, log),
    maintenanceDeps: () => ({
      lock: repos.maintenanceLock,
      repo: repos.documents,
      store,
      storagePrefix: config.S3_PREFIX,
      queue,
      log,
      taskTimeoutSeconds: config.TASK_TIMEOUT_SECONDS,
      maxAttempts: config.QUEUE_MAX_ATTEMPTS,
      retentionDays: config.RETENTION_DAYS,
      slots: repos.directUploads,
      dispatchOutbox,
    }),
    close() {
      closing ??= (async () => {
        await queue.stop();
        await processing?.close();
        await db.close();
        await tracing.flush();
      })();
      return closing;
    },
  };
}
