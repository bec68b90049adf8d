import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadConfig, type Config } from './config';
import { PermanentError } from './errors';
import { createLogger } from './logger';
import { runMonitoringRound, type RoundReport } from './monitoring';
import { processJob, type ProcessorDeps } from './processor';
import type { Delivery } from './queue/port';
import { attemptOf, createSqsClient, parseBody, visibilityExtender } from './queue/sqs';
import { createRuntime, type Runtime } from './runtime';
import { loadSecrets } from './secrets';

/** Builds what every invocation shares: secrets, configuration, database, storage, stages. */
export async function buildLambdaRuntime(env: NodeJS.ProcessEnv = process.env): Promise<Runtime> {
  await loadSecrets(env);
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL, { base: { component: 'worker-lambda' } });
  const runtime = await createRuntime(config, log);
  // Built in the init phase, so the processing thread and pdf.js start before the first record.
  void runtime.processing.warm();
  return runtime;
}

/** `arn:aws:sqs:<region>:<account>:<name>` → the queue's URL, preferring the configured one when it names the same queue. */
export function queueUrlOf(eventSourceArn: string, config: Pick<Config, 'SQS_QUEUE_URL'>): string {
  const [, , , region, account, name] = eventSourceArn.split(':');
  if (!region || !account || !name) throw new Error(`Not an SQS queue ARN: ${eventSourceArn}`);
  if (config.SQS_QUEUE_URL && new URL(config.SQS_QUEUE_URL).pathname.endsWith(`/${name}`)) return config.SQS_QUEUE_URL;
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
}

function deliveryOf(record: SQSRecord, config: Config, sqs: SQSClient): Delivery {
  return {
    attempt: attemptOf(record.attributes),
    maxAttempts: config.QUEUE_MAX_ATTEMPTS,
    extend: visibilityExtender(sqs, queueUrlOf(record.eventSourceARN, config), record.receiptHandle),
  };
}

/**
 * One message. Resolving acknowledges it; throwing puts it in batchItemFailures so SQS delivers it
 * again (after its last receive, to the dead-letter queue). processJob records permanent failures
 * on the document; one it cannot tie to a document (a malformed body) is logged and dropped here.
 */
async function handleRecord(record: SQSRecord, deps: ProcessorDeps, config: Config, sqs: SQSClient): Promise<void> {
  try {
    await processJob(deps, parseBody(record.body), deliveryOf(record, config, sqs));
  } catch (error) {
    if (error instanceof PermanentError) {
      deps.log.warn({ message_id: record.messageId, code: error.code }, 'message dropped: it can never be processed');
      return;
    }
    throw error;
  }
}

/**
 * The SQS handler over a runtime that lives as long as the container. Records of a batch run one
 * after another, so a batch never runs more OCR at once than one document needs.
 */
export function createSqsHandler(runtime: () => Promise<Runtime>) {
  let sqs: SQSClient | undefined;
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const rt = await runtime();
    sqs ??= createSqsClient({ region: rt.config.AWS_REGION, endpoint: rt.config.SQS_ENDPOINT });
    const client = sqs;
    const deps: ProcessorDeps = { ...rt.processorDeps(), log: rt.log.child({ aws_request_id: context?.awsRequestId }) };
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, (record: SQSRecord) => handleRecord(record, deps, rt.config, client), processor, {
      context,
      processInParallel: false,
      // Every failure is reported per message, so SQS retries only those and the rest are deleted.
      throwOnFullBatchFailure: false,
    });
  };
}

let containerRuntime: Promise<Runtime> | undefined;

/** Built on the first invocation of a container and reused; a failed build is retried by the next one. */
function sharedRuntime(): Promise<Runtime> {
  containerRuntime ??= buildLambdaRuntime().catch((error: unknown) => {
    containerRuntime = undefined;
    throw error;
  });
  return containerRuntime;
}

/** What the EventBridge schedule sends (infra/components/monitoring-schedule.ts): a constant input naming the job. */
export const MONITORING_ROUND = { kind: 'kyb.monitoring.round' } as const;

type ScheduledInvocation = typeof MONITORING_ROUND | { source: 'aws.events'; 'detail-type': 'Scheduled Event' };

/** A scheduled invocation carries our constant input (or, without one, EventBridge's own event); SQS sends Records. */
export function isMonitoringInvocation(event: unknown): event is ScheduledInvocation {
  if (!event || typeof event !== 'object' || 'Records' in event) return false;
  const e = event as Record<string, unknown>;
  return e.kind === MONITORING_ROUND.kind || (e.source === 'aws.events' && e['detail-type'] === 'Scheduled Event');
}

/** One entry point for both triggers: SQS jobs, and monitoring rounds on a schedule. */
export function createHandler(runtime: () => Promise<Runtime>) {
  const sqsHandler = createSqsHandler(runtime);
  return async (event: SQSEvent | ScheduledInvocation, context?: Context): Promise<SQSBatchResponse | RoundReport> => {
    if (isMonitoringInvocation(event)) return runMonitoringRound((await runtime()).monitoringDeps());
    return sqsHandler(event as SQSEvent, context);
  };
}

export const handler = createHandler(sharedRuntime);

// In AWS, start connecting during the init phase, which runs before the first event arrives.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) sharedRuntime().catch(() => undefined);
