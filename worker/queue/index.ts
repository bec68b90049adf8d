import type { Config } from '../config';
import type { Logger } from '../logger';
import { PgBossQueue } from './pgboss';
import type { JobQueue } from './port';

export function createJobQueue(config: Config, databaseUrl: string, log: Logger): JobQueue {
  if (config.queue === 'sqs') throw new Error('SQS is not available in this build');
  return new PgBossQueue({
    connectionString: databaseUrl,
    maxAttempts: config.QUEUE_MAX_ATTEMPTS,
    expireInSeconds: config.TASK_TIMEOUT_SECONDS,
    log,
  });
}
