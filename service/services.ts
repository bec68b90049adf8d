import { CaseRepository } from '../worker/cases/repository';
import { EvidenceStore } from '../worker/evidence/store';
import type { Runtime } from '../worker/runtime';
import { nameThresholds } from '../worker/verification';
import { policyFromSettings } from '../worker/verification/policy';
import { CasesService } from './cases/cases.service';
import { ReplayService } from './cases/replay.service';
import { DocumentsService } from './documents/documents.service';
import { HealthService } from './health/health.service';
import { MonitorsService } from './monitors/monitors.service';
import { MonitorRepository } from '../worker/monitoring/repository';
import { ProgressService } from './progress/progress.service';

/** The services the controllers use, built once per app from the runtime. */
export interface AppServices {
  documents: DocumentsService;
  progress: ProgressService;
  health: HealthService;
  monitors: MonitorsService;
  cases: CasesService;
  replay: ReplayService;
}

export function buildServices(runtime: Runtime): AppServices {
  const { repo, store, queue, db, config, log } = runtime;
  const caseRepo = new CaseRepository(db.sequelize);
  const evidence = new EvidenceStore();
  const documents = new DocumentsService({
    repo,
    store,
    queue,
    pingDatabase: () => db.ping(),
    storagePrefix: config.S3_PREFIX,
    presignTtlSeconds: config.PRESIGN_TTL_SECONDS,
    log,
    cases: caseRepo,
  });
  const replay = new ReplayService({ repo, evidence, currentPolicy: policyFromSettings(config) });
  return {
    documents,
    cases: new CasesService({
      cases: caseRepo,
      evidence,
      documents,
      replay,
      names: nameThresholds(config),
      defaultRequired: config.CASE_REQUIRED_DOCUMENT_TYPES,
    }),
    replay,
    progress: new ProgressService(repo),
    health: new HealthService({ database: () => db.ping(), storage: () => store.ping(), queue: () => queue.ping() }),
    monitors: new MonitorsService({ repo: new MonitorRepository(db.sequelize), intervalHours: config.MONITOR_INTERVAL_HOURS }),
  };
}
