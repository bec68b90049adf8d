import 'dotenv/config';
import os from 'node:os';
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
import { createLogger, loadConfig, loadSecrets, openOperatorTools, openSqsClient, redriveTask } from '../worker';

export interface RedriveOptions {
  queueUrl: string;
  dlqUrl: string;
  /** How long to wait for SQS's own move task to finish. */
  timeoutMs?: number;
  /**
   * Who asks for the redrive. With it, each message is copied with a redrive request naming them, so
   * the worker re-opens the failed task under a new generation and records who asked; moved as they
   * were, the messages would only be acknowledged as stale retries of a failed task.
   */
  actor?: string;
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

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** The body with a redrive request added, when it is a job; any other body goes back as it was. */
function withRedriveRequest(body: string | undefined, actor: string | undefined): string {
  if (!actor) return body ?? '';
  const job = parseJson(body ?? '');
  if (!job || typeof job !== 'object' || Array.isArray(job)) return body ?? '';
  return JSON.stringify({ ...job, redrive: { actor } });
}

function entriesOf(messages: Message[], actor: string | undefined) {
  return messages.map((m, i) => ({
    Id: String(i),
    MessageBody: withRedriveRequest(m.Body, actor),
    MessageAttributes: m.MessageAttributes,
  }));
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
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    if (Messages.length === 0) return moved;
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entriesOf(Messages, options.actor) }));
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
  if (options.actor) return { moved: await moveByCopy(sqs, options), method: 'copy' };
  try {
    return { moved: await moveWithTask(sqs, options), method: 'move-task' };
  } catch (error) {
    if (!UNSUPPORTED.has((error as Error).name)) throw error;
  }
  return { moved: await moveByCopy(sqs, options), method: 'copy' };
}

/** Who an operator's redrive is recorded as. */
const defaultActor = () => `cli:${os.userInfo().username}`;

async function redriveDeadLetters(opts: RedriveCommandOptions): Promise<void> {
  await loadSecrets();
  const config = loadConfig();
  const queueUrl = opts.queueUrl ?? config.SQS_QUEUE_URL;
  const dlqUrl = opts.dlqUrl ?? config.SQS_DLQ_URL;
  if (!queueUrl || !dlqUrl) throw new Error('Set SQS_QUEUE_URL and SQS_DLQ_URL (or pass --queue-url and --dlq-url)');
  const sqs = await openSqsClient({ region: config.AWS_REGION, endpoint: config.SQS_ENDPOINT });
  try {
    const { moved } = await redrive(sqs, { queueUrl, dlqUrl, actor: opts.actor });
    process.stdout.write(
      `Moved ${moved} message${moved === 1 ? '' : 's'} from ${dlqUrl} back to ${queueUrl}, each asking to re-open its task.\n`,
    );
  } finally {
    sqs.destroy();
  }
}

/** Re-opens named failed tasks under a new generation and sends them on the configured queue (pg-boss or SQS). */
async function redriveTasks(taskIds: string[], actor: string): Promise<void> {
  await loadSecrets();
  const tools = await openOperatorTools(loadConfig(), createLogger('warn'));
  try {
    for (const taskId of taskIds) {
      const job = await redriveTask({ repo: tools.repos.documents, queue: tools.queue }, taskId, actor);
      if (job) process.stdout.write(`Redrove task ${taskId} as generation ${job.generation}.\n`);
      else {
        process.stdout.write(`Task ${taskId} is not failed; left as it is.\n`);
        process.exitCode = 1;
      }
    }
  } finally {
    await tools.close();
  }
}

interface RedriveCommandOptions {
  queueUrl?: string;
  dlqUrl?: string;
  task?: string[];
  actor: string;
}

/** The redrive command; `kyb redrive` mounts the same command. */
export function redriveCommand(): Command {
  return new Command('redrive')
    .description(
      'Re-open failed tasks under a new generation (recorded) and send them again: named ones with --task, or those of every dead letter',
    )
    .option('--task <id...>', 'failed task ids to re-open and send on the configured queue (needs the database)')
    .option('--actor <name>', 'who the redrive is recorded as', defaultActor())
    .option('--queue-url <url>', 'work queue (default SQS_QUEUE_URL)')
    .option('--dlq-url <url>', 'dead-letter queue (default SQS_DLQ_URL)')
    .action((opts: RedriveCommandOptions) => (opts.task?.length ? redriveTasks(opts.task, opts.actor) : redriveDeadLetters(opts)));
}

if (require.main === module) {
  redriveCommand()
    .parseAsync()
    .catch((error: unknown) => {
      process.stderr.write(`redrive failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
