import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '../../worker/logger';
import { PgBossQueue } from '../../worker/queue/pgboss';
import type { Delivery, Job } from '../../worker/queue/port';
import { testDatabaseUrl } from '../helpers/database';

const job = (): Job => ({ document_id: randomUUID(), task_id: randomUUID() });

async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local queue (pg-boss)', function () {
  this.timeout(60_000);
  let queue: PgBossQueue;
  before(async () => {
    queue = new PgBossQueue({
      connection: { connectionString: await testDatabaseUrl() },
      queueName: `test-${randomUUID().slice(0, 8)}`,
      maxAttempts: 3,
      expireInSeconds: 60,
      log: createLogger('silent'),
    });
  });
  after(async () => queue.stop());

  it('when jobs are sent and consumed, then each arrives once with its payload, and the last failing attempt sends it to the dead letters', async () => {
    const received: Array<{ job: Job; delivery: Delivery }> = [];
    const good = job();
    const doomed = job();
    await queue.consume(
      async (j, delivery) => {
        received.push({ job: j, delivery });
        if (j.task_id === doomed.task_id) throw new Error('transient failure');
      },
      { concurrency: 2 },
    );
    await queue.send(good);
    await queue.send(doomed);
    // Retries back off from 2 s, so three attempts take a few seconds.
    await until(() => received.filter((r) => r.job.task_id === doomed.task_id).length === 3, 40_000);
    expect(received.filter((r) => r.job.task_id === good.task_id)).to.have.length(1);
    const attempts = received.filter((r) => r.job.task_id === doomed.task_id).map((r) => r.delivery.attempt);
    expect(attempts).to.deep.equal([1, 2, 3]);
    expect(received.every((r) => r.delivery.maxAttempts === 3)).to.equal(true);
    let dead: Job[] = [];
    for (let i = 0; i < 40 && dead.length === 0; i++) {
      dead = await queue.deadLetters();
      if (dead.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(dead).to.deep.equal([doomed]);
  });

  it('when a job is sent by the process that consumes the queue, then a worker starts it at once, not at its next poll', async () => {
    const slowPoll = new PgBossQueue({
      connection: { connectionString: await testDatabaseUrl() },
      queueName: `test-${randomUUID().slice(0, 8)}`,
      maxAttempts: 3,
      expireInSeconds: 60,
      pollingIntervalSeconds: 30,
      log: createLogger('silent'),
    });
    try {
      const received: Job[] = [];
      await slowPoll.consume(async (j) => void received.push(j), { concurrency: 1 });
      // Let the worker's first poll find the queue empty, so only a wake-up can start the job before 30 s.
      await new Promise((r) => setTimeout(r, 500));
      const sent = job();
      await slowPoll.send(sent);
      await until(() => received.length === 1, 5_000);
      expect(received).to.deep.equal([sent]);
    } finally {
      await slowPoll.stop();
    }
  });

  it('when the database answers, then ping resolves', async () => {
    await queue.ping();
  });
});
