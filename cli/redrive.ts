import 'dotenv/config';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Command } from 'commander';
import { createSqsClient, loadConfig, loadSecrets } from '../worker';

export interface RedriveOptions {
  queueUrl: string;
  dlqUrl: string;
  /** How long to wait for SQS's own move task to finish. */
  timeoutMs?: number;
}

export interface RedriveResult {
  moved: number;
  /** `move-task`: SQS moved them itself (StartMessageMoveTask); `copy`: received, re-sent and deleted here. */
  method: 'move-task' | 'copy';
}

/** Error names of servers (local stand-ins) that do not offer message move tasks. */
const UNSUPPORTED = new Set(['InvalidAction', 'UnsupportedOperation', 'UnknownOperationException', 'NotImplemented']);

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`No ARN for queue ${url}`);
  return arn;
}

async function moveWithTask(sqs: SQSClient, options: RedriveOptions): Promise<number> {
  const [source, destination] = await Promise.all([queueArn(sqs, options.dlqUrl), queueArn(sqs, options.queueUrl)]);
  const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: source, DestinationArn: destination }));
  const deadline = Date.now() + (options.timeoutMs ?? 5 * 60_000);
  while (Date.now() < deadline) {
    const { Results = [] } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: source, MaxResults: 10 }));
    const task = Results.find((r) => r.TaskHandle === TaskHandle) ?? Results[0];
    if (task?.Status === 'COMPLETED') return task.ApproximateNumberOfMessagesMoved ?? 0;
    if (task?.Status === 'FAILED' || task?.Status === 'CANCELLED') {
      throw new Error(`The move task ${task.Status.toLowerCase()}: ${task.FailureReason ?? 'no reason given'}`);
    }
    await sleep(1000);
  }
  throw new Error(`The move task ${TaskHandle ?? ''} did not finish in time; it keeps running in SQS`);
}

function entriesOf(messages: Message[]) {
  return messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '', MessageAttributes: m.MessageAttributes }));
}

/** Receive, send to the queue, then delete from the DLQ: a message is deleted only once its copy is sent. */
async function moveByCopy(sqs: SQSClient, options: RedriveOptions): Promise<number> {
  let moved = 0;
  while (true) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return moved;
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entriesOf(Messages) }));
    const ok = (sent.Successful ?? []).map((s) => Messages[Number(s.Id)]).filter((m): m is Message => Boolean(m));
    if (ok.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.dlqUrl,
          Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
    moved += ok.length;
    if (sent.Failed?.length)
      throw new Error(`Moved ${moved}; ${sent.Failed.length} could not be sent: ${sent.Failed[0]?.Message ?? 'unknown error'}`);
  }
}

/** Moves every message of the dead-letter queue back to the work queue. */
export async function redrive(sqs: SQSClient, options: RedriveOptions): Promise<RedriveResult> {
  try {
    return { moved: await moveWithTask(sqs, options), method: 'move-task' };
  } catch (error) {
    if (!UNSUPPORTED.has((error as Error).name)) throw error;
  }
  return { moved: await moveByCopy(sqs, options), method: 'copy' };
}

async function redriveFromSettings(opts: { queueUrl?: string; dlqUrl?: string }): Promise<void> {
  await loadSecrets();
  const config = loadConfig();
  const queueUrl = opts.queueUrl ?? config.SQS_QUEUE_URL;
  const dlqUrl = opts.dlqUrl ?? config.SQS_DLQ_URL;
  if (!queueUrl || !dlqUrl) throw new Error('Set SQS_QUEUE_URL and SQS_DLQ_URL (or pass --queue-url and --dlq-url)');
  const sqs = createSqsClient({ region: config.AWS_REGION, endpoint: config.SQS_ENDPOINT });
  try {
    const { moved } = await redrive(sqs, { queueUrl, dlqUrl });
    process.stdout.write(`Moved ${moved} message${moved === 1 ? '' : 's'} from ${dlqUrl} back to ${queueUrl}.\n`);
  } finally {
    sqs.destroy();
  }
}

/** The redrive command; `kyb redrive` mounts the same command. */
export function redriveCommand(): Command {
  return new Command('redrive')
    .description('Move the messages of the dead-letter queue back to the work queue and say how many')
    .option('--queue-url <url>', 'work queue (default SQS_QUEUE_URL)')
    .option('--dlq-url <url>', 'dead-letter queue (default SQS_DLQ_URL)')
    .action((opts: { queueUrl?: string; dlqUrl?: string }) => redriveFromSettings(opts));
}

if (require.main === module) {
  redriveCommand()
    .parseAsync()
    .catch((error: unknown) => {
      process.stderr.write(`redrive failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
