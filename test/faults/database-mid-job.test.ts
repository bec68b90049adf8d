import fs from 'node:fs/promises';
import { expect } from 'chai';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../worker/adapters/postgres/embedded';
import { startLocalWorker } from '../../worker/local';
import type { Stage } from '../../worker/pipeline/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { pollUntil } from '../helpers/poll';
import { onePagePdf } from '../hostile/files/pdf';
import { scratchDir } from '../helpers/scratch';

/** A stage that holds the job until the test lets it go, so the database can be stopped while the job is in hand. */
function gate(): { stage: Stage; entered: Promise<void>; release(): void } {
  let entered!: () => void;
  let release!: () => void;
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const stage: Stage = {
    name: 'identify',
    weight: 0,
    run: async () => {
      if (!first) return;
      first = false;
      entered();
      await released;
    },
  };
  return { stage, entered: enteredPromise, release };
}

describe('the database stops in the middle of a job', function () {
  this.timeout(120_000);
  let pgDir: string;
  let port: number;
  let database: EmbeddedDatabase;
  let t: TestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    pgDir = await scratchDir('kyb-midjob-pg-');
    port = await freePort();
    database = await startEmbeddedPostgres({ dataDir: pgDir, port, database: 'kyb_midjob' });
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await t?.close();
    await database?.stop();
    await fs.rm(pgDir, { recursive: true, force: true });
  });

  it('when Postgres stops while a job runs, then /health answers throughout, nothing is left unhandled, and once Postgres is back the document completes', async () => {
    const held = gate();
    t = await startTestApp({ worker: false, env: { DATABASE_URL: database.url, TASK_TIMEOUT_SECONDS: '3' } });
    await startLocalWorker({
      ...t.runtime,
      processorDeps: () => ({ ...t.runtime.processorDeps(), stages: [held.stage, ...t.runtime.stages] }),
    });
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'mid-job.pdf');
    expect(up.status).to.equal(202);
    await held.entered;

    await database.stop();
    held.release();
    // The job now fails to report progress, to give its task back and to settle its queue job.
    const answers: Array<{ status: number; ms: number }> = [];
    for (let i = 0; i < 20; i++) {
      const started = Date.now();
      const health = await t.request.get('/health');
      answers.push({ status: health.status, ms: Date.now() - started });
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(
      answers.every((a) => a.status === 200 && a.ms < 1000),
      JSON.stringify(answers),
    ).to.equal(true);
    expect((await t.request.get('/ready')).status).to.equal(503);

    database = await startEmbeddedPostgres({ dataDir: pgDir, port, database: 'kyb_midjob' });
    const doc = await pollUntil(
      () => t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth),
      (d) => d.status === 200 && d.body.status === 'completed',
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect(doc.body.status).to.equal('completed');
    expect((await t.request.get('/health')).status).to.equal(200);
    expect(unhandled).to.deep.equal([]);
  });
});
