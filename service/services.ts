import { nameThresholds, policyFromSettings, reviewNotifierFrom, type ApiKeyRepository, type Runtime } from '../worker';
import { CasesService } from './cases/cases.service';
import { ReplayService } from './cases/replay.service';
import { DirectUploadsService } from './documents/direct-uploads.service';
import { DocumentsService } from './documents/documents.service';
import { HealthService } from './health/health.service';
import { MonitorsService } from './monitors/monitors.service';
import { ProgressService } from './progress/progress.service';
import { ListsService } from './lists/lists.service';
import { ReviewsService } from './reviews/reviews.service';

/** The services the controllers use, built once per app from the runtime. */
export interface AppServices {
  documents: DocumentsService;
  directUploads: DirectUploadsService;
  progress: ProgressService;
  health: HealthService;
  monitors: MonitorsService;
  cases: CasesService;
  replay: ReplayService;
  lists: ListsService;
  reviews: ReviewsService;
  /** Who a bearer key belongs to: the authentication hook asks this. */
  apiKeys: ApiKeyRepository;
}

export function buildServices(runtime: Runtime): AppServices {
  const { repos, store, queue, db, config, log } = runtime;
  const { cases: caseRepo, evidence } = repos;
  const documents = new DocumentsService({
    repo: repos.documents,
    store,
    queue,
    storagePrefix: config.S3_PREFIX,
    presignTtlSeconds: config.PRESIGN_TTL_SECONDS,
    log,
    cases: caseRepo,
    evidence,
  });
  const replay = new ReplayService({ repo: repos.documents, evidence, currentPolicy: policyFromSettings(config) });
  return {
    documents,
    directUploads: new DirectUploadsService({
      slots: repos.directUploads,
      store,
      documents,
      storagePrefix: config.S3_PREFIX,
      maxBytes: config.MAX_UPLOAD_BYTES,
      ttlSeconds: config.DIRECT_UPLOAD_TTL_SECONDS,
      log,
    }),
    cases: new CasesService({
      cases: caseRepo,
      evidence,
      documents,
      replay,
      names: nameThresholds(config),
      defaultRequired: config.CASE_REQUIRED_DOCUMENT_TYPES,
      reviews: repos.reviews,
    }),
    replay,
    progress: new ProgressService(repos.documents, { maxStreamsPerTenant: config.MAX_PROGRESS_STREAMS_PER_TENANT }),
    health: new HealthService({ database: () => db.ping(), storage: () => store.ping(), queue: () => queue.ping() }),
    apiKeys: repos.apiKeys,
    monitors: new MonitorsService({
      repo: repos.monitors,
      intervalHours: config.MONITOR_INTERVAL_HOURS,
      maxActivePerTenant: config.MAX_MONITORS_PER_TENANT,
    }),
    lists: new ListsService(repos.listing),
    reviews: new ReviewsService({
      documents: repos.documents,
      cases: caseRepo,
      evidence,
      reviews: repos.reviews,
      names: nameThresholds(config),
      notify: reviewNotifierFrom(config, repos.webhookDeliveries, log),
      log,
    }),
  };
}
