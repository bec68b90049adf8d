import { createHash, randomUUID } from 'node:crypto';
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';

export const TEST_QUEUE_ARN = 'arn:aws:sqs:eu-west-2:000000000000:documents';

export interface SqsRecordOptions {
  messageId?: string;
  receiptHandle?: string;
  receiveCount?: number;
  queueArn?: string;
  messageAttributes?: SQSMessageAttributes;
}

/** One SQS record as Lambda's event source mapping delivers it (the shape Powertools' own tests build). */
export function sqsRecordFactory(body: string, options: SqsRecordOptions = {}): SQSRecord {
  const queueArn = options.queueArn ?? TEST_QUEUE_ARN;
  const now = Date.now();
  return {
    messageId: options.messageId ?? randomUUID(),
    receiptHandle: options.receiptHandle ?? randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: String(now),
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(now),
    },
    messageAttributes: options.messageAttributes ?? {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] ?? 'eu-west-2',
  };
}

export function sqsEventFactory(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

function recordAttributes(attributes: Message['MessageAttributes']): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {}) as Array<[string, MessageAttributeValue]>) {
    out[name] = {
      dataType: value.DataType ?? 'String',
      stringValue: value.StringValue,
      binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
    };
  }
  return out;
}

/** The event Lambda builds from messages it received from a real queue (ReceiveMessage with all attributes). */
export function sqsEventFromMessages(messages: Message[], queueArn: string): SQSEvent {
  return sqsEventFactory(
    messages.map((m) => {
      const record = sqsRecordFactory(m.Body ?? '', {
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
        queueArn,
        messageAttributes: recordAttributes(m.MessageAttributes),
      });
      if (m.Attributes?.SentTimestamp) record.attributes.SentTimestamp = m.Attributes.SentTimestamp;
      if (m.Attributes?.ApproximateFirstReceiveTimestamp)
        record.attributes.ApproximateFirstReceiveTimestamp = m.Attributes.ApproximateFirstReceiveTimestamp;
      if (m.MD5OfBody) record.md5OfBody = m.MD5OfBody;
      return record;
    }),
  );
}

/** A Lambda context with a fresh request id and a generous remaining time. */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  const deadline = Date.now() + 15 * 60 * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'kyb-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:kyb-worker',
    memoryLimitInMB: '2048',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/kyb-worker',
    logStreamName: `2025/01/01/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
