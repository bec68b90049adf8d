import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { FauxqsServer } from 'fauxqs' with { 'resolution-mode': 'import' };
import { createSqsClient } from '../../../worker/queue/sqs';
import { lambdaContext, sqsEventFromMessages } from '../../helpers/events';

export const REGION = 'eu-west-2';

export interface QueuePair {
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
  maxReceiveCount: number;
}

export interface LocalAws {
  server: FauxqsServer;
  endpoint: string;
  bucket: string;
  sqs: SQSClient;
  /** A fresh queue with its own dead-letter queue, so tests never see each other's messages. */
  queuePair(options?: { maxReceiveCount?: number; visibilityTimeout?: number }): QueuePair;
  /** Configuration that points the system at these stand-ins. */
  env(queue: QueuePair): Record<string, string>;
  stop(): Promise<void>;
}

/** fauxqs (SQS + S3 protocols, in memory) on a free port, with dummy credentials for the SDK's default chain. */
export async function startLocalAws(): Promise<LocalAws> {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  const { startFauxqs } = await import('fauxqs');
  const server = await startFauxqs({ port: 0, logger: false, defaultRegion: REGION });
  const endpoint = server.address;
  const bucket = `kyb-${randomUUID().slice(0, 8)}`;
  server.createBucket(bucket);
  const sqs = createSqsClient({ region: REGION, endpoint });
  return {
    server,
    endpoint,
    bucket,
    sqs,
    queuePair({ maxReceiveCount = 3, visibilityTimeout = 30 } = {}) {
      const name = `documents-${randomUUID().slice(0, 8)}`;
      const dlq = server.createQueue(`${name}-dlq`);
      const queue = server.createQueue(name, {
        attributes: {
          VisibilityTimeout: String(visibilityTimeout),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.queueArn, maxReceiveCount: String(maxReceiveCount) }),
        },
      });
      return { url: queue.queueUrl, arn: queue.queueArn, dlqUrl: dlq.queueUrl, dlqArn: dlq.queueArn, maxReceiveCount };
    },
    env(queue) {
      return {
        AWS_REGION: REGION,
        STORAGE: 's3',
        S3_BUCKET_NAME: bucket,
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        QUEUE: 'sqs',
        SQS_QUEUE_URL: queue.url,
        SQS_DLQ_URL: queue.dlqUrl,
        SQS_ENDPOINT: endpoint,
        QUEUE_MAX_ATTEMPTS: String(queue.maxReceiveCount),
      };
    },
    async stop() {
      sqs.destroy();
      await server.stop();
    },
  };
}

export async function receiveAll(sqs: SQSClient, queueUrl: string, max = 10): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return out.Messages ?? [];
}

export type SqsHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

export interface Invocation {
  event: SQSEvent;
  response: SQSBatchResponse;
  failed: string[];
}

/**
 * What Lambda's event source mapping does with one batch: receive, invoke, delete what succeeded.
 * Failed messages are made visible again at once instead of after the visibility timeout, to keep tests fast.
 * Resolves undefined when the queue gave nothing (for example because it dead-lettered the message).
 */
export async function pollAndInvoke(
  sqs: SQSClient,
  queue: Pick<QueuePair, 'url' | 'arn'>,
  invoke: (event: SQSEvent) => Promise<SQSBatchResponse>,
  batchSize = 1,
): Promise<Invocation | undefined> {
  const messages = await receiveAll(sqs, queue.url, batchSize);
  if (messages.length === 0) return undefined;
  const event = sqsEventFromMessages(messages, queue.arn);
  const response = await invoke(event);
  const failed = response.batchItemFailures.map((f) => f.itemIdentifier);
  for (const record of event.Records) {
    if (failed.includes(record.messageId)) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: record.receiptHandle, VisibilityTimeout: 0 }),
      );
    } else {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: record.receiptHandle }));
    }
  }
  return { event, response, failed };
}

/** Invokes an in-process handler the way Lambda does. */
export function invoker(handler: SqsHandler): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return (event) => handler(event, lambdaContext());
}

export function queueDepth(server: FauxqsServer, queueUrl: string): { ready: number; inflight: number } {
  const name = queueUrl.split('/').pop() as string;
  const state = server.inspectQueue(name);
  return { ready: state?.messages.ready.length ?? 0, inflight: state?.messages.inflight.length ?? 0 };
}
