import type { Db } from 'pg-boss';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { PgBossQueue } from './pgboss';
import type { JobQueue } from './port';
import { SqsQueue } from './sqs';
import { traced } from './traced';

export function createJobQueue(config: Config, database: Db, log: Logger): JobQueue {
  return traced(adapterOf(config, database, log));
}

function adapterOf(config: Config, database: Db, log: Logger): JobQueue {
  if (config.queue === 'sqs') {
    return new SqsQueue({
      // loadConfig refuses QUEUE=sqs without a queue URL.
      queueUrl: config.SQS_QUEUE_URL as string,
      region: config.AWS_REGION,
      endpoint: config.SQS_ENDPOINT,
      maxAttempts: config.QUEUE_MAX_ATTEMPTS,
      waitSeconds: config.SQS_WAIT_SECONDS,
      retryDelaySeconds: config.SQS_RETRY_DELAY_SECONDS,
      log,
    });
  }
  return new PgBossQueue({
    connection: { db: database },
    maxAttempts: config.QUEUE_MAX_ATTEMPTS,
    expireInSeconds: config.TASK_TIMEOUT_SECONDS,
    tenantConcurrency: config.TENANT_CONCURRENCY,
    telemetry: config.TRACES_EXPORTER !== 'none',
    log,
  });
}
