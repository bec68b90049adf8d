import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { expect } from 'chai';
import { redrive } from '../../cli/redrive';
import { createLogger } from '../../worker/logger';
import type { Delivery, Job } from '../../worker/queue/port';
import { SqsQueue } from '../../worker/queue/sqs';
import { until } from '../helpers/poll';
import { queueDepth, receiveAll, REGION, startLocalAws, type LocalAws, type QueuePair } from './helpers/local-aws';

const job = (): Job => ({ document_id: randomUUID(), task_id: randomUUID(), generation: 1 });

describe('SQS queue (against fauxqs)', function () {
  this.timeout(30_000);
  let aws: LocalAws;
  const queues: SqsQueue[] = [];

  function sqsQueue(pair: QueuePair): SqsQueue {
    const queue = new SqsQueue({
      queueUrl: pair.url,
      region: REGION,
      endpoint: aws.endpoint,
      maxAttempts: pair.maxReceiveCount,
      waitSeconds: 1,
      retryDelaySeconds: 0,
      log: createLogger('silent'),
    });
    queues.push(queue);
    return queue;
  }

  before(async () => {
    aws = await startLocalAws();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop()));
  });
  after(async () => aws.stop());

  it('when a job is sent and consumed, then it arrives once as attempt 1 of maxAttempts and is deleted after success', async () => {
    const pair = aws.queuePair();
    const queue = sqsQueue(pair);
    const received: Array<{ job: Job; delivery: Delivery }> = [];
    const sent = job();
    await queue.consume(
      async (j, delivery) => {
        received.push({ job: j, delivery });
      },
      { concurrency: 2 },
    );
    await queue.send(sent);
    await until(() => received.length === 1 && queueDepth(aws.server, pair.url).inflight === 0, 'the job received and deleted');
    expect(received[0]?.job).to.deep.equal(sent);
    expect(received[0]?.delivery).to.include({ attempt: 1, maxAttempts: 3 });
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
  });

  it('when a job names its tenant, then it is sent with the tenant as its message group (a fair queue on a standard queue)', async () => {
    const pair = aws.queuePair();
    const queue = sqsQueue(pair);
    const tenant = randomUUID();
    // fauxqs keeps message groups for FIFO queues only, so what is asked of SQS is read on the way out.
    const inputs: Array<Record<string, unknown>> = [];
    queue.client.middlewareStack.add(
      (next) => async (args) => {
        inputs.push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize' },
    );
    await queue.send({ ...job(), tenant_id: tenant });
    expect(inputs).to.have.length(1);
    expect(inputs[0]).to.include({ QueueUrl: pair.url, MessageGroupId: tenant });
    expect(queueDepth(aws.server, pair.url).ready).to.equal(1);
  });

  it('when a job keeps failing, then each delivery counts up from the receive count and after the last one it sits in the dead-letter queue', async () => {
    const pair = aws.queuePair({ maxReceiveCount: 3 });
    const queue = sqsQueue(pair);
    const attempts: number[] = [];
    const doomed = job();
    await queue.consume(
      async (_j, delivery) => {
        attempts.push(delivery.attempt);
        throw new Error('transient failure');
      },
      { concurrency: 1 },
    );
    await queue.send(doomed);
    await until(() => queueDepth(aws.server, pair.dlqUrl).ready === 1, 'the message on the DLQ');
    expect(attempts).to.deep.equal([1, 2, 3]);
    const [dead] = await receiveAll(aws.sqs, pair.dlqUrl);
    expect(JSON.parse(dead?.Body ?? '')).to.deep.equal(doomed);
  });

  it('when a job outlasts the visibility timeout but extends it, then nobody else receives the message meanwhile', async () => {
    const pair = aws.queuePair({ visibilityTimeout: 1 });
    const queue = sqsQueue(pair);
    let seenElsewhere = 0;
    let done = false;
    await queue.consume(
      async (_j, delivery) => {
        await delivery.extend?.(4);
        await new Promise((r) => setTimeout(r, 2000));
        seenElsewhere += (await receiveAll(aws.sqs, pair.url)).length;
        done = true;
      },
      { concurrency: 1 },
    );
    await queue.send(job());
    await until(() => done && queueDepth(aws.server, pair.url).inflight === 0, 'the long job done and deleted');
    expect(seenElsewhere).to.equal(0);
    expect(queueDepth(aws.server, pair.url)).to.deep.equal({ ready: 0, inflight: 0 });
  });

  it('when the queue exists, then ping resolves; when it does not, then ping rejects', async () => {
    await sqsQueue(aws.queuePair()).ping();
    const missing = sqsQueue({ ...aws.queuePair(), url: `${aws.endpoint}/000000000000/no-such-queue` });
    let failed = false;
    await missing.ping().catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
  });

  it('when dead letters are redriven, then every one is back on the work queue, none left behind, and the count is reported', async () => {
    const pair = aws.queuePair();
    const bodies = [job(), job(), job()].map((j) => JSON.stringify(j));
    for (const body of bodies) await aws.sqs.send(new SendMessageCommand({ QueueUrl: pair.dlqUrl, MessageBody: body }));
    const result = await redrive(aws.sqs, { queueUrl: pair.url, dlqUrl: pair.dlqUrl });
    // fauxqs has no StartMessageMoveTask, so this exercises the receive/send/delete path.
    expect(result).to.deep.equal({ moved: 3, method: 'copy' });
    expect(queueDepth(aws.server, pair.dlqUrl)).to.deep.equal({ ready: 0, inflight: 0 });
    const back = await receiveAll(aws.sqs, pair.url);
    expect(back.map((m) => m.Body).sort()).to.deep.equal([...bodies].sort());
  });
});
