import { expect } from 'chai';
import { startLocalWorker } from '../../worker/local';
import type { Stage } from '../../worker/pipeline/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { until } from '../helpers/poll';
import { onePagePdf } from '../hostile/files/pdf';
import { dedicatedDatabase } from './support';

/** Each job takes at least this long, so a flood is hours of work in miniature. */
const JOB_MS = 600;
const slow: Stage = { name: 'identify', weight: 0, run: () => new Promise((r) => setTimeout(r, JOB_MS)) };

describe('fair queues: one tenant floods, another still gets through', function () {
  this.timeout(180_000);
  let t: TestApp;
  let database: Awaited<ReturnType<typeof dedicatedDatabase>>;

  before(async () => {
    database = await dedicatedDatabase('fair');
    t = await startTestApp({ worker: false, env: { DATABASE_URL: database.url, WORKER_CONCURRENCY: '2' } });
    await startLocalWorker({ ...t.runtime, processorDeps: () => ({ ...t.runtime.processorDeps(), stages: [slow, ...t.runtime.stages] }) });
  });
  after(async () => {
    await t?.close();
    await database?.drop();
  });

  const upload = async (auth: Record<string, string>, name: string) => {
    const res = await t.request
      .post('/api/v1/documents/upload')
      .set(auth)
      .attach('file', onePagePdf({ lines: [name] }), `${name}.pdf`);
    expect(res.status).to.equal(202);
    return res.body as { document_id: string; task_id: string };
  };
  const status = async (auth: Record<string, string>, id: string) => (await t.request.get(`/api/v1/documents/${id}`).set(auth)).body.status;
  const timeToDecision = async (auth: Record<string, string>, name: string) => {
    const started = Date.now();
    const { document_id } = await upload(auth, name);
    await until(async () => (await status(auth, document_id)) === 'completed', `${name} completed`, { timeoutMs: 120_000 });
    return Date.now() - started;
  };

  it("when one tenant has queued a dozen documents, then another tenant's document finishes within twice its time alone, while the flood is still running", async () => {
    const other = { Authorization: `Bearer ${await t.newTenantKey()}` };
    const alone = await timeToDecision(other, 'alone');

    const flood = [];
    for (let i = 0; i < 12; i++) flood.push(await upload(t.auth, `flood-${i}`));
    const behindFlood = await timeToDecision(other, 'behind-the-flood');

    const floodStates = await Promise.all(flood.map((d) => status(t.auth, d.document_id)));
    expect(floodStates.filter((s) => s !== 'completed').length, 'the flood was still being worked through').to.be.greaterThan(4);
    expect(behindFlood, `alone ${alone} ms, behind the flood ${behindFlood} ms`).to.be.at.most(2 * alone + JOB_MS);
  });
});
