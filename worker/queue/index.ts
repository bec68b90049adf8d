import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Db } from 'pg-boss';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { PgBossQueue } from './pgboss';
import type { JobQueue } from './port';
import type { SqsClientOptions } from './sqs';
import { traced } from './traced';

export async function createJobQueue(config: Config, database: Db, log: Logger): Promise<JobQueue> {
  return traced(await adapterOf(config, database, log));
}

/** The SQS adapter (and the AWS SDK's client) is loaded only when the queue is SQS: the local default never holds it. */
async function adapterOf(config: Config, database: Db, log: Logger): Promise<JobQueue> {
  if (config.queue === 'sqs') {
    const { SqsQueue } = await import('./sqs.js');
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

/** An SQS client for operator tools, its SDK loaded on the call: a face importer that never asks (the API) never holds it. */
export async function openSqsClient(options: SqsClientOptions): Promise<SQSClient> {
  return (await import('./sqs.js')).createSqsClient(options);
}
