import type { Runtime } from '../worker/runtime';
import { DocumentsService } from './documents/documents.service';
import { HealthService } from './health/health.service';
import { ProgressService } from './progress/progress.service';

/** The services the controllers use, built once per app from the runtime. */
export interface AppServices {
  documents: DocumentsService;
  progress: ProgressService;
  health: HealthService;
}

export function buildServices(runtime: Runtime): AppServices {
  const { repo, store, queue, db, config, log } = runtime;
  return {
    documents: new DocumentsService({
      repo,
      store,
      queue,
      pingDatabase: () => db.ping(),
      storagePrefix: config.S3_PREFIX,
      presignTtlSeconds: config.PRESIGN_TTL_SECONDS,
      log,
    }),
    progress: new ProgressService(repo),
    health: new HealthService({ database: () => db.ping(), storage: () => store.ping(), queue: () => queue.ping() }),
  };
}
