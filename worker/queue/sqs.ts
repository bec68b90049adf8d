import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger';
import type { Delivery, Job, JobHandler, JobQueue } from './port';

export interface SqsClientOptions {
  region: string;
  /** A local SQS-compatible server (tests, development); unset in AWS. */
  endpoint?: string;
}

export interface SqsQueueOptions extends SqsClientOptions {
  queueUrl: string;
  /** Must equal the queue's redrive maxReceiveCount, so the last attempt is known as the last. */
  maxAttempts: number;
  /** Long-polling wait per receive, 0-20 s. */
  waitSeconds: number;
  /** A failed message comes back after this many seconds, doubled per attempt (at most 15 minutes). */
  retryDelaySeconds: number;
  log: Logger;
}

export function createSqsClient(options: SqsClientOptions): SQSClient {
  return new SQSClient({ region: options.region, endpoint: options.endpoint });
}

/** SQS counts receives from 1; a message without the attribute is on its first. */
export function attemptOf(attributes: { ApproximateReceiveCount?: string } | undefined): number {
  const count = Number.parseInt(attributes?.ApproximateReceiveCount ?? '', 10);
  return Number.isFinite(count) && count > 0 ? count : 1;
}

/** Keeps one received message hidden for `seconds` more from now. */
export function visibilityExtender(client: SQSClient, queueUrl: string, receiptHandle: string): (seconds: number) => Promise<void> {
  return async (seconds) => {
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.max(0, Math.min(43_200, Math.ceil(seconds))),
      }),
    );
  };
}

/** Message bodies are JSON; one that is not is still handed on, so the processor records it as a bad payload. */
export function parseBody(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return body;
  }
}

function retryDelay(base: number, attempt: number): number {
  return Math.min(900, base * 2 ** Math.max(0, attempt - 1));
}

function isAbort(error: unknown): boolean {
  return (error as { name?: string })?.name === 'AbortError';
}

/**
 * The AWS queue. In AWS the worker Lambda receives these messages through its event source
 * mapping; `consume` is for a long-running worker that polls the queue itself.
 */
export class SqsQueue implements JobQueue {
  readonly kind = 'sqs' as const;
  readonly client: SQSClient;
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly options: SqsQueueOptions,
    client?: SQSClient,
  ) {
    this.client = client ?? createSqsClient(options);
  }

  /**
   * The tenant is the message group: on a standard queue that makes it an SQS fair queue, so a tenant
   * that floods the queue does not hold back the others' messages (ordering stays best-effort).
   */
  async send(job: Job): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: JSON.stringify(job), MessageGroupId: job.tenant_id }),
    );
  }

  async consume(handler: JobHandler, options: { concurrency: number }): Promise<void> {
    for (let i = 0; i < options.concurrency; i++) this.loops.push(this.poll(handler));
  }

  private async poll(handler: JobHandler): Promise<void> {
    const { log } = this.options;
    while (!this.abort.signal.aborted) {
      let messages: Message[];
      try {
        const out = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: 1,
            WaitTimeSeconds: this.options.waitSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: this.abort.signal },
        );
        messages = out.Messages ?? [];
      } catch (error) {
        if (this.abort.signal.aborted || isAbort(error)) return;
        log.warn({ err: error }, 'could not receive from the queue; retrying');
        await sleep(1000, undefined, { signal: this.abort.signal }).catch(() => undefined);
        continue;
      }
      for (const message of messages) await this.handle(handler, message);
    }
  }

  private async handle(handler: JobHandler, message: Message): Promise<void> {
    const receiptHandle = message.ReceiptHandle as string;
    const extend = visibilityExtender(this.client, this.options.queueUrl, receiptHandle);
    const delivery: Delivery = { attempt: attemptOf(message.Attributes), maxAttempts: this.options.maxAttempts, extend };
    try {
      await handler(parseBody(message.Body) as Job, delivery);
    } catch (error) {
      this.options.log.warn(
        { err: error, message_id: message.MessageId, attempt: delivery.attempt },
        'job failed; the queue will deliver it again',
      );
      await extend(retryDelay(this.options.retryDelaySeconds, delivery.attempt)).catch(() => undefined);
      return;
    }
    try {
      await this.client.send(new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: receiptHandle }));
    } catch (error) {
      // The work is done and idempotent: a redelivery is acknowledged without doing it again.
      this.options.log.warn({ err: error, message_id: message.MessageId }, 'could not delete a finished message');
    }
  }

  /** Stops polling at once and waits for the jobs in hand; their messages are deleted or left for redelivery as usual. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
    this.client.destroy();
  }

  async ping(): Promise<void> {
    await this.client.send(new GetQueueAttributesCommand({ QueueUrl: this.options.queueUrl, AttributeNames: ['QueueArn'] }));
  }
}
