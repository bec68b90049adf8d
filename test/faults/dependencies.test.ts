import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { expect } from 'chai';
import { DatabaseError } from 'sequelize';
import supertest from 'supertest';
import { createApp } from '../../service/app';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../worker/adapters/postgres/embedded';
import { sweepStuckTasks } from '../../worker/maintenance';
import type { JobQueue } from '../../worker/queue/port';
import { LocalDocumentStore } from '../../worker/storage/local';
import type { StreamPut } from '../../worker/storage/port';
import { startTestApp, type TestApp } from '../helpers/app';
import { pollUntil, until } from '../helpers/poll';
import { onePagePdf } from '../hostile/files/pdf';
import { scratchDir } from '../helpers/scratch';

const FINAL = ['completed', 'failed'];

async function waitForStatus(
  request: ReturnType<typeof supertest>,
  auth: Record<string, string>,
  documentId: string,
  timeoutMs = 30_000,
): Promise<string> {
  return pollUntil(
    async () => (await request.get(`/api/v1/documents/${documentId}`).set(auth)).body.status as string,
    (status) => FINAL.includes(status),
    { timeoutMs, everyMs: 150 },
  );
}

/** Every file under a folder, however deep; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const countRows = async (t: TestApp) =>
  (await t.runtime.db.sequelize.query(
    'SELECT (SELECT count(*) FROM documents WHERE tenant_id = :id)::int AS documents, (SELECT count(*) FROM tasks WHERE tenant_id = :id)::int AS tasks',
    {
      replacements: { id: t.tenantId },
      plain: true,
    },
  )) as { documents: number; tasks: number };

/** A local store whose first file fails its flush to disk (as a failing disk's fsync would), after it is written. */
class FlushFailsOnce extends LocalDocumentStore {
  private failed = false;

  override async putStream(key: string, body: Readable): Promise<StreamPut> {
    const put = await super.putStream(key, body);
    if (this.failed) return put;
    this.failed = true;
    return {
      durable: put.durable.then(() => {
        throw new Error('EIO: the disk refused the flush');
      }),
    };
  }
}

describe('dependencies down', function () {
  this.timeout(90_000);

  describe('the database', () => {
    let pgDir: string;
    let port: number;
    let database: EmbeddedDatabase;
    let t: TestApp;

    before(async () => {
      pgDir = await scratchDir('kyb-fault-pg-');
      port = await freePort();
      database = await startEmbeddedPostgres({ dataDir: pgDir, port, database: 'kyb_fault' });
      t = await startTestApp({ env: { DATABASE_URL: database.url } });
    });
    after(async () => {
      await t?.close();
      await database?.stop();
      await fs.rm(pgDir, { recursive: true, force: true });
    });

    it('when the database stops, then uploads answer 503 with a code and store no object, /ready names the database, and once it is back a new upload completes', async () => {
      await database.stop();

      const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'while-down.pdf');
      expect(up.status).to.equal(503);
      expect(up.body.code).to.equal('database_unavailable');
      expect(up.headers['retry-after']).to.be.a('string');
      expect(await filesUnder(t.dataDir)).to.deep.equal([]);

      const ready = await t.request.get('/ready');
      expect(ready.status).to.equal(503);
      expect(ready.body.checks.database).to.equal('down');
      expect(ready.body.problems.join(' ')).to.match(/^database: /);
      expect((await t.request.get('/health')).status).to.equal(200);

      database = await startEmbeddedPostgres({ dataDir: pgDir, port, database: 'kyb_fault' });
      await until(async () => (await t.request.get('/ready')).status === 200, 'ready again', { everyMs: 200 });
      const again = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'after.pdf');
      expect(again.status).to.equal(202);
      expect(await waitForStatus(t.request, t.auth, again.body.document_id)).to.equal('completed');
    });
  });

  describe('storage and queue', () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp();
    });
    after(async () => t.close());

    it('when document storage cannot be written, then uploads answer 503 storage_unavailable, nothing is recorded, and /ready names storage', async () => {
      // A folder path that runs through a regular file: every write fails, even as root.
      const blocker = path.join(t.dataDir, 'not-a-folder');
      await fs.writeFile(blocker, 'x');
      const broken = createApp({ ...t.runtime, store: new LocalDocumentStore(path.join(blocker, 'documents')) });
      const before = await countRows(t);

      const up = await supertest(broken).post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'no-storage.pdf');
      expect(up.status).to.equal(503);
      expect(up.body.code).to.equal('storage_unavailable');
      expect(await countRows(t)).to.deep.equal(before);

      const ready = await supertest(broken).get('/ready');
      expect(ready.status).to.equal(503);
      expect(ready.body.checks).to.include({ storage: 'down', database: 'up' });
    });

    it('when one file of uploads arriving together cannot be flushed to disk, then that upload alone answers 503 storage_unavailable with no row and no file, and the others are recorded', async () => {
      const root = path.join(t.dataDir, 'flush-fails-once');
      const app = createApp({ ...t.runtime, store: new FlushFailsOnce(root) });
      const before = await countRows(t);

      const answers = await Promise.all(
        ['a', 'b', 'c'].map((name) =>
          supertest(app).post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), `${name}.pdf`),
        ),
      );
      expect(answers.map((a) => a.status).sort()).to.deep.equal([202, 202, 503]);
      expect(answers.find((a) => a.status === 503)!.body.code).to.equal('storage_unavailable');
      const after = await countRows(t);
      expect(after.documents - before.documents).to.equal(2);
      expect(await filesUnder(root)).to.have.length(2);
    });

    it('when the database ends the connection while a key is being looked up (a server shutting down), then the request answers 503 database_unavailable, not 401', async () => {
      const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', sql: 'SELECT' });
      const apiKeys = { ...t.runtime.repos.apiKeys, authenticate: () => Promise.reject(new DatabaseError(shutdown)) };
      const app = createApp({ ...t.runtime, repos: { ...t.runtime.repos, apiKeys } });

      const up = await supertest(app).post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'shutting-down.pdf');
      expect(up.status).to.equal(503);
      expect(up.body.code).to.equal('database_unavailable');
      expect(up.headers['retry-after']).to.be.a('string');
    });

    it('when the queue refuses the job, then the upload is still recorded and answered 202, and the sweeper sends it later so it completes', async () => {
      const real = t.runtime.queue;
      const down: JobQueue = {
        kind: real.kind,
        send: async () => {
          throw new Error('queue unreachable');
        },
        consume: (handler, options) => real.consume(handler, options),
        stop: () => real.stop(),
        ping: async () => {
          throw new Error('queue unreachable');
        },
      };
      const app = supertest(createApp({ ...t.runtime, queue: down }));

      const up = await app.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'queue-down.pdf');
      expect(up.status).to.equal(202);
      expect((await app.get('/ready')).body.checks.queue).to.equal('down');
      // Nothing was sent, so nothing picks it up on its own.
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).body.status).to.equal('queued');

      // A sweep after the task timeout finds it queued too long and sends it on the working queue.
      const later = new Date(Date.now() + (t.config.TASK_TIMEOUT_SECONDS + 1) * 1000);
      const report = await sweepStuckTasks(t.runtime.maintenanceDeps(), later);
      expect(report.requeued).to.be.greaterThan(0);
      expect(await waitForStatus(t.request, t.auth, up.body.document_id)).to.equal('completed');
    });
  });
});
