import { expect } from 'chai';
import { startLocalWorker } from '../../worker/local';
import type { Stage } from '../../worker/pipeline/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { pollUntil } from '../helpers/poll';
import { onePagePdf } from '../hostile/files/pdf';
import { dedicatedDatabase } from './support';

describe('a job that outlives its queue expiry', function () {
  this.timeout(120_000);
  let t: TestApp;
  let database: Awaited<ReturnType<typeof dedicatedDatabase>>;
  const runs = new Map<string, number>();
  /** Silent (no progress) for well past TASK_TIMEOUT_SECONDS and the first retry. */
  const silent: Stage = {
    name: 'identify',
    weight: 0,
    run: async (ctx) => {
      runs.set(ctx.document.id, (runs.get(ctx.document.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 9_000));
    },
  };

  before(async () => {
    database = await dedicatedDatabase('overrun');
    t = await startTestApp({
      worker: false,
      env: { DATABASE_URL: database.url, TASK_TIMEOUT_SECONDS: '2', WORKER_CONCURRENCY: '2', TENANT_CONCURRENCY: '2' },
    });
    await startLocalWorker({
      ...t.runtime,
      processorDeps: () => ({ ...t.runtime.processorDeps(), stages: [silent, ...t.runtime.stages] }),
    });
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  it('when a handler runs past pg-boss expiry without reporting progress, then the retry finds the task held and it runs once, to completion', async () => {
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'long.pdf');
    expect(up.status).to.equal(202);
    const status = await pollUntil(
      async () => (await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).body.status as string,
      (s) => s === 'completed' || s === 'failed',
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect(status).to.equal('completed');
    // Long enough for pg-boss to have retried (expiry 2 s, retry delay 2 s) while the first run held the task.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(runs.get(up.body.document_id)).to.equal(1);
  });
});
