import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { DocumentRepository } from './db/repositories';
import type { Logger } from './logger';
import { buildStages } from './pipeline';
import type { Stage } from './pipeline/types';
import type { ProcessorDeps } from './processor';
import { createJobQueue } from './queue';
import type { JobQueue } from './queue/port';
import { createDocumentStore } from './storage';
import type { DocumentStore } from './storage/port';

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
  close(): Promise<void>;
}

export async function createRuntime(config: Config, log: Logger): Promise<Runtime> {
  const db = await openDatabase(config, log);
  const repo = new DocumentRepository(db.sequelize);
  const store = createDocumentStore(config);
  const queue = createJobQueue(config, db.url, log);
  const stages = buildStages({ config });
  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    db,
    repo,
    store,
    queue,
    stages,
    processorDeps: () => ({ repo, store, stages, log, leaseSeconds: config.TASK_TIMEOUT_SECONDS }),
    close() {
      closing ??= (async () => {
        await queue.stop();
        await db.close();
      })();
      return closing;
    },
  };
}
