import { expect } from 'chai';
import { listen, type Listening } from '../client/listen';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

describe('per-tenant caps', () => {
  let t: TestApp;
  let server: Listening;
  before(async () => {
    t = await startTestApp({ worker: false, env: { MAX_PROGRESS_STREAMS_PER_TENANT: '2', MAX_MONITORS_PER_TENANT: '2' } });
    server = await listen(t.app);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it('when a tenant holds as many progress streams open as it may, then one more answers 429 too_many_streams, other tenants are unaffected, and closing one frees a place', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Streams']]), 's.pdf');
    const aborts: AbortController[] = [];
    const stream = async (headers: Record<string, string>, taskId: string) => {
      const abort = new AbortController();
      aborts.push(abort);
      return fetch(`${server.url}/api/v1/progress/${taskId}`, {
        headers: { ...headers, Accept: 'text/event-stream' },
        signal: abort.signal,
      });
    };
    try {
      const open = [await stream(t.auth, up.body.task_id), await stream(t.auth, up.body.task_id)];
      expect(open.map((r) => r.status)).to.deep.equal([200, 200]);
      const refused = await stream(t.auth, up.body.task_id);
      expect(refused.status).to.equal(429);
      expect(((await refused.json()) as { code: string }).code).to.equal('too_many_streams');
      // A plain read of the same task is not a stream and is answered.
      expect((await t.request.get(`/api/v1/progress/${up.body.task_id}`).set(t.auth)).status).to.equal(200);

      const otherKey = await t.newTenantKey();
      const theirs = await t.request
        .post('/api/v1/documents/upload')
        .set(bearer(otherKey))
        .attach('file', await textPdf([['Other']]), 'o.pdf');
      expect((await stream(bearer(otherKey), theirs.body.task_id)).status).to.equal(200);

      aborts[0]?.abort();
      const deadline = Date.now() + 5_000;
      let again = await stream(t.auth, up.body.task_id);
      while (again.status === 429 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        again = await stream(t.auth, up.body.task_id);
      }
      expect(again.status).to.equal(200);
    } finally {
      for (const a of aborts) a.abort();
    }
  });

  it('when a tenant holds as many active monitors as it may, then a new one answers 429 too_many_monitors, an existing one is still returned, and stopping one frees a place', async () => {
    const key = await t.newTenantKey();
    const create = (company_number: string, k = key) => t.request.post('/api/v1/monitors').set(bearer(k)).send({ company_number });
    const first = await create('09446231');
    expect([first.status, (await create('01234567')).status]).to.deep.equal([201, 201]);
    const refused = await create('07654321');
    expect(refused.status).to.equal(429);
    expect(refused.body.code).to.equal('too_many_monitors');
    expect((await create('09446231')).status).to.equal(200);
    expect((await create('07654321', await t.newTenantKey())).status).to.equal(201);

    expect((await t.request.delete(`/api/v1/monitors/${first.body.monitor_id}`).set(bearer(key))).status).to.be.oneOf([200, 204]);
    expect((await create('07654321')).status).to.equal(201);
  });
});
