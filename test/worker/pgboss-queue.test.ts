import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import { connect } from '../../worker/adapters/postgres/database';
import { PostgresApiKeyRepository } from '../../worker/adapters/postgres/api-key-repository';
import { PostgresDocumentRepository } from '../../worker/adapters/postgres/document-repository';
import { migrate } from '../../worker/adapters/postgres/migrate';
import { inSqlTransaction } from '../../worker/adapters/postgres/sql';
import type { NewUpload } from '../../worker/persistence/port';
import { createLogger } from '../../worker/logger';
import { PgBossQueue, type PgBossQueueOptions } from '../../worker/queue/pgboss';
import type { Delivery, Job } from '../../worker/queue/port';
import { testDatabaseUrl } from '../helpers/database';
import { until } from '../helpers/poll';

const job = (): Job => ({ document_id: randomUUID(), task_id: randomUUID(), generation: 1 });

const freshName = () => `test-${randomUUID().slice(0, 8)}`;

const queueNamed = async (name: string, settings: Partial<PgBossQueueOptions> = {}) =>
  new PgBossQueue({
    connection: { connectionString: await testDatabaseUrl() },
    queueName: name,
    maxAttempts: 3,
    expireInSeconds: 60,
    log: createLogger('silent'),
    ...settings,
  });

/** An upload's rows as the API records them, for a file never stored (the statement is what is tested). */
function newUpload(tenant_id: string, filename: string): NewUpload {
  const id = randomUUID();
  return {
    id,
    tenant_id,
    filename,
    content_type: 'application/pdf',
    size_bytes: 1,
    sha256: '0'.repeat(64),
    storage_key: `documents/${id}.pdf`,
    claims: {},
    task_id: randomUUID(),
  };
}

describe('local queue (pg-boss)', function () {
  this.timeout(60_000);
  let queue: PgBossQueue;
  before(async () => {
    queue = await queueNamed(freshName());
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
    await until(() => received.filter((r) => r.job.task_id === doomed.task_id).length === 3, 'three attempts of the failing job', {
      timeoutMs: 40_000,
    });
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
    const slowPoll = await queueNamed(freshName(), { pollingIntervalSeconds: 30 });
    try {
      const received: Job[] = [];
      await slowPoll.consume(async (j) => void received.push(j), { concurrency: 1 });
      // Let the worker's first poll find the queue empty, so only a wake-up can start the job before 30 s.
      await new Promise((r) => setTimeout(r, 500));
      const sent = job();
      await slowPoll.send(sent);
      await until(() => received.length === 1, 'the job started before the next poll', { timeoutMs: 5_000 });
      expect(received).to.deep.equal([sent]);
    } finally {
      await slowPoll.stop();
    }
  });

  it('when a job is sent within a transaction by the process that consumes the queue, then a worker starts it as soon as that commits, not at its next poll', async () => {
    const url = await testDatabaseUrl();
    const slowPoll = await queueNamed(freshName(), { pollingIntervalSeconds: 30 });
    const { sequelize } = connect(url, 2);
    try {
      const received: Job[] = [];
      await slowPoll.consume(async (j) => void received.push(j), { concurrency: 1 });
      await new Promise((r) => setTimeout(r, 500));
      const sent = job();
      await inSqlTransaction(sequelize, async (transaction) => {
        await slowPoll.sendWithin([sent], transaction);
        // Time for a worker woken too early to look, find nothing committed, and go back to its 30 s wait.
        await new Promise((r) => setTimeout(r, 300));
      });
      await until(() => received.length === 1, 'the job started before the next poll', { timeoutMs: 5_000 });
      expect(received).to.deep.equal([sent]);
    } finally {
      await slowPoll.stop();
      await sequelize.close();
    }
  });

  it('when uploads are recorded with their jobs in one statement, then their rows exist and a worker of the queue picks up each job as pg-boss sent it', async () => {
    const url = await testDatabaseUrl();
    const recorded = await queueNamed(freshName());
    const connection = connect(url, 2);
    try {
      await migrate(connection.sequelize);
      const { tenant_id } = await new PostgresApiKeyRepository(connection).create(`tenant-${randomUUID()}`);
      const documents = new PostgresDocumentRepository(connection);
      const uploads = ['a.pdf', 'b.pdf'].map((filename) => newUpload(tenant_id, filename));
      const jobs = uploads.map((u) => ({ document_id: u.id, task_id: u.task_id, tenant_id, generation: 1 }));
      const received: Job[] = [];
      await recorded.consume(async (j) => void received.push(j), { concurrency: 2 });
      const tasks = await documents.recordUploads(uploads, await recorded.insertOf(jobs));
      expect(tasks.map((t) => [t.id, t.document_id])).to.deep.equal(uploads.map((u) => [u.task_id, u.id]));
      expect((await documents.findDocument(tenant_id, uploads[1]!.id))?.filename).to.equal('b.pdf');
      await until(() => received.length === 2, 'both jobs started', { timeoutMs: 5_000 });
      expect(received.sort((x, y) => x.task_id.localeCompare(y.task_id))).to.deep.equal(
        jobs.sort((x, y) => x.task_id.localeCompare(y.task_id)),
      );
    } finally {
      await recorded.stop();
      await connection.sequelize.close();
    }
  });

  it('when an upload of a statement with jobs cannot be recorded, then neither its rows nor any job are left', async () => {
    const url = await testDatabaseUrl();
    const connection = connect(url, 2);
    try {
      await migrate(connection.sequelize);
      const documents = new PostgresDocumentRepository(connection);
      const orphan = newUpload(randomUUID(), 'orphan.pdf');
      const id = orphan.id;
      const insert = await queue.insertOf([{ document_id: id, task_id: orphan.task_id, generation: 1 }]);
      let failed = false;
      await documents.recordUploads([orphan], insert).catch(() => (failed = true));
      expect(failed).to.equal(true);
      const [jobs] = await connection.sequelize.query(`SELECT id FROM pgboss.job WHERE data->>'task_id' = '${orphan.task_id}'`);
      expect(jobs).to.deep.equal([]);
      expect(await documents.findDocument(orphan.tenant_id, id)).to.equal(null);
    } finally {
      await connection.sequelize.close();
    }
  });

  it('when the database answers, then ping resolves', async () => {
    await queue.ping();
  });

  it('when the queue already exists and TASK_TIMEOUT_SECONDS or the attempts change, then the existing queue takes the new settings', async () => {
    const name = freshName();
    const before = await queueNamed(name);
    expect(await before.queueSettings()).to.include({ retryLimit: 2, expireInSeconds: 60 });
    await before.stop();
    const after = await queueNamed(name, { maxAttempts: 5, expireInSeconds: 120 });
    try {
      expect(await after.queueSettings()).to.include({ retryLimit: 4, expireInSeconds: 120 });
    } finally {
      await after.stop();
    }
  });

  it('when the queue reports an error that holds a database client, then the log line says what went wrong and not what the client holds', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await queueNamed(freshName(), { log: pino({ level: 'error' }, sink) });
    const error = Object.assign(new Error('Connection terminated unexpectedly'), {
      code: 'ECONNRESET',
      client: { connectionParameters: { password: 'hunter2-secret', host: 'db.internal' }, _queryable: true },
    });
    (logged as unknown as { boss: EventEmitter }).boss.emit('error', error);
    const line = JSON.parse(lines.join('')) as { msg: string; err: Record<string, unknown> };
    expect(line.msg).to.equal('queue error');
    expect(line.err).to.include({ message: 'Connection terminated unexpectedly', code: 'ECONNRESET' });
    expect(JSON.stringify(line)).to.not.contain('hunter2-secret');
    expect(line.err).to.not.have.property('client');
  });

  it("when one tenant floods the queue, then another tenant's job still starts within the next couple of jobs, not after the flood", async () => {
    const fair = await queueNamed(freshName());
    try {
      const flooder = randomUUID();
      const other = randomUUID();
      const started: string[] = [];
      for (let i = 0; i < 12; i++) await fair.send({ ...job(), tenant_id: flooder });
      await fair.send({ ...job(), tenant_id: other });
      await fair.consume(
        async (j) => {
          started.push(j.tenant_id ?? '');
          await new Promise((r) => setTimeout(r, 400));
        },
        { concurrency: 2 },
      );
      await until(() => started.includes(other), "the other tenant's job started");
      // Two workers, one tenant may hold only one of them: the other tenant's job takes the free one.
      expect(started.indexOf(other)).to.be.at.most(2);
    } finally {
      await fair.stop();
    }
  });
});
