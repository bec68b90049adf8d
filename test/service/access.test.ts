import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import { createApp } from '../../service/app';
import { startTestApp, waitForTask, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import { QueryTypes } from 'sequelize';
import supertest from 'supertest';

describe('access and tenancy', () => {
  let t: TestApp;
  let documentId: string;
  let taskId: string;
  before(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://onboarding.example.com' } });
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Private record']]), 'p.pdf');
    documentId = up.body.document_id;
    taskId = up.body.task_id;
    await waitForTask(t, taskId);
  });
  after(async () => t.close());

  const routes = () =>
    [
      { method: 'post', path: '/api/v1/documents/upload' },
      { method: 'get', path: `/api/v1/documents/${documentId}` },
      { method: 'get', path: `/api/v1/documents/${documentId}/original` },
      { method: 'delete', path: `/api/v1/documents/${documentId}` },
      { method: 'post', path: `/api/v1/verification/${documentId}` },
      { method: 'get', path: `/api/v1/progress/${taskId}` },
    ] as const;

  it('when a /api/v1 route is called without a key, with a wrong key or with a malformed header, then it answers 401 unauthorized', async () => {
    for (const { method, path } of routes()) {
      for (const header of [undefined, 'Bearer kyb_wrongwrongwrongwrongwrong', 'Basic dXNlcjpwYXNz']) {
        let req = t.request[method](path);
        if (header) req = req.set('Authorization', header);
        const res = await req;
        expect(res.status, `${method} ${path} with ${header}`).to.equal(401);
        expect(res.body.code).to.equal('unauthorized');
        expect(res.headers['www-authenticate']).to.equal('Bearer');
      }
    }
  });

  it("when another tenant asks for this tenant's document, task or original, then it gets 404 exactly as for a missing one", async () => {
    const other = { Authorization: `Bearer ${await t.newTenantKey()}` };
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const { method, path } of routes().filter((r) => r.method !== 'post' || r.path.includes('verification'))) {
      const theirs = await t.request[method](path).set(other).send({});
      const absent = await t.request[method](path.replace(documentId, missing).replace(taskId, missing)).set(other).send({});
      expect(theirs.status, `${method} ${path}`).to.equal(404);
      expect(theirs.body.code).to.equal(absent.body.code);
      expect(theirs.body.message).to.equal(absent.body.message);
    }
    const still = await t.request.get(`/api/v1/documents/${documentId}`).set(t.auth);
    expect(still.status).to.equal(200);
    expect(still.body.text).to.contain('Private record');
  });

  it('when an id has the length and letters of a UUID but not its form, then every route answers 404 not_found, never 500', async () => {
    const lookalike = '-'.repeat(36);
    for (const path of [
      `/api/v1/documents/${lookalike}`,
      `/api/v1/documents/${lookalike}/original`,
      `/api/v1/documents/${lookalike}/evidence`,
      `/api/v1/progress/${lookalike}`,
      `/api/v1/cases/${lookalike}`,
      `/api/v1/monitors/${lookalike}`,
    ]) {
      const res = await t.request.get(path).set(t.auth);
      expect(res.status, path).to.equal(404);
      expect(res.body.code, path).to.equal('not_found');
    }
  });

  it('when a key is revoked, then it stops working at once', async () => {
    const key = await t.newTenantKey();
    expect((await t.request.get(`/api/v1/progress/${taskId}`).set('Authorization', `Bearer ${key}`)).status).to.equal(404);
    await t.runtime.repos.apiKeys.revoke(key);
    expect((await t.request.get(`/api/v1/progress/${taskId}`).set('Authorization', `Bearer ${key}`)).status).to.equal(401);
  });

  it('when health, readiness and the docs are asked for without a key, then they answer', async () => {
    expect((await t.request.get('/health')).body).to.deep.equal({ status: 'ok' });
    const ready = await t.request.get('/ready');
    expect(ready.status).to.equal(200);
    expect(ready.body.checks).to.deep.equal({ database: 'up', storage: 'up', queue: 'up' });
    const spec = await t.request.get('/api/openapi.json');
    expect(spec.body.paths).to.have.property('/api/v1/documents/upload');
    expect((await t.request.get('/api/docs/')).status).to.equal(200);
    const redoc = await t.request.get('/api/redoc');
    expect(redoc.text).to.contain('/api/redoc/redoc.standalone.js');
    const script = await t.request.get('/api/redoc/redoc.standalone.js');
    expect(script.status).to.equal(200);
    expect(script.text.length).to.be.greaterThan(100_000);
  });

  it('when a browser from an allowed origin calls, then CORS allows it; from another origin, then it does not', async () => {
    const allowed = await t.request.get('/health').set('Origin', 'https://onboarding.example.com');
    expect(allowed.headers['access-control-allow-origin']).to.equal('https://onboarding.example.com');
    const denied = await t.request.get('/health').set('Origin', 'https://evil.example.net');
    expect(denied.headers['access-control-allow-origin']).to.equal(undefined);
  });

  it('when any response is sent, then it carries security headers', async () => {
    const res = await t.request.get('/health');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'");
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('when the original is downloaded, then the exact bytes come back as an attachment', async () => {
    const pdf = await textPdf([['Original bytes']]);
    const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', pdf, 'orig.pdf');
    const res = await t.request
      .get(`/api/v1/documents/${up.body.document_id}/original`)
      .set(t.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.match(/^attachment; filename\*=UTF-8''orig\.pdf$/);
    expect(Buffer.compare(res.body as Buffer, pdf)).to.equal(0);
  });

  it('when a document is deleted, then its original, text and results are gone, an audit record remains, and it answers 404', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['To be deleted']]), 'del.pdf');
    await waitForTask(t, up.body.task_id);
    const [row] = await t.runtime.db.sequelize.query<{ storage_key: string }>('SELECT storage_key FROM documents WHERE id = :id', {
      replacements: { id: up.body.document_id },
      type: QueryTypes.SELECT,
    });
    const del = await t.request.delete(`/api/v1/documents/${up.body.document_id}`).set(t.auth);
    expect(del.status).to.equal(204);
    expect((await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth)).status).to.equal(404);
    expect((await t.request.get(`/api/v1/progress/${up.body.task_id}`).set(t.auth)).status).to.equal(404);
    let caught: unknown;
    await t.runtime.store.get(row!.storage_key).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(Error);
    const counts = await t.runtime.db.sequelize.query<{ results: number; tasks: number }>(
      `SELECT (SELECT count(*) FROM results WHERE document_id = :id)::int AS results,
              (SELECT count(*) FROM tasks WHERE document_id = :id)::int AS tasks`,
      { replacements: { id: up.body.document_id }, type: QueryTypes.SELECT },
    );
    expect(counts[0]).to.deep.equal({ results: 0, tasks: 0 });
    const audit = await t.runtime.repos.documents.auditTrail(up.body.document_id);
    expect(audit.map((a) => a.action)).to.deep.equal(['document.deleted']);
    expect(audit[0]!.actor).to.match(/^api_key:/);
    expect(audit[0]!.details).to.include.keys('sha256', 'size_bytes');
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  after(async () => t.close());

  it('when a key sends more requests than its budget, then it gets 429 rate_limited with Retry-After, and another key is unaffected', async () => {
    const missing = '/api/v1/documents/00000000-0000-4000-8000-000000000000';
    const statuses: number[] = [];
    let last: supertest.Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await t.request.get(missing).set(t.auth);
      statuses.push(last.status);
    }
    expect(statuses).to.deep.equal([404, 404, 404, 404, 404, 429, 429]);
    expect(last!.body.code).to.equal('rate_limited');
    expect(Number(last!.headers['retry-after'])).to.be.within(1, 60);
    const other = await t.request.get(missing).set('Authorization', `Bearer ${await t.newTenantKey()}`);
    expect(other.status).to.equal(404);
  });

  it('when one key is sent with different spacing and case of the scheme, then every spelling draws on the same budget', async () => {
    const key = await t.newTenantKey();
    const missing = '/api/v1/documents/00000000-0000-4000-8000-000000000000';
    const spellings = [`Bearer ${key}`, `Bearer  ${key}`, `bearer ${key}`, `Bearer ${key} `, `Bearer\t${key}`, `BEARER   ${key}`];
    const statuses: number[] = [];
    for (const header of spellings) statuses.push((await t.request.get(missing).set('Authorization', header)).status);
    expect(statuses).to.deep.equal([404, 404, 404, 404, 404, 429]);
  });
});

describe('rate limiting failed authentication', () => {
  let t: TestApp;
  let lookups: number;
  let app: ReturnType<typeof supertest>;

  const start = async (env: Record<string, string>) => {
    t = await startTestApp({ worker: false, env: { RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '5', ...env } });
    lookups = 0;
    const apiKeys = t.runtime.repos.apiKeys;
    const counted = Object.assign(Object.create(apiKeys) as typeof apiKeys, {
      authenticate: (key: string) => {
        lookups += 1;
        return apiKeys.authenticate(key);
      },
    });
    app = supertest(createApp({ ...t.runtime, repos: { ...t.runtime.repos, apiKeys: counted } }));
  };
  afterEach(async () => t.close());

  const badKeys = async (count: number, forwardedFor?: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      let req = app
        .get('/api/v1/documents/00000000-0000-4000-8000-000000000000')
        .set('Authorization', `Bearer kyb_made-up-key-number-${i}`);
      if (forwardedFor) req = req.set('X-Forwarded-For', forwardedFor(i));
      statuses.push((await req).status);
    }
    return statuses;
  };

  it('when one address sends a burst of good requests at once, then none is refused by the failed-authentication budget', async () => {
    await start({});
    const { key } = await t.runtime.repos.apiKeys.create('burst');
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        async () => (await app.get('/api/v1/documents/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${key}`)).status,
      ),
    );
    expect(statuses.filter((s) => s === 429)).to.deep.equal([]);
    expect(statuses.every((s) => s === 404)).to.equal(true);
  });

  it('when one address tries many made-up keys, then after its budget it gets 429 rate_limited and no further key is looked up', async () => {
    await start({});
    expect(await badKeys(8)).to.deep.equal([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(lookups).to.equal(5);
    const noKey = await app.get('/api/v1/documents/00000000-0000-4000-8000-000000000000');
    expect(noKey.status).to.equal(429);
    expect(noKey.body.code).to.equal('rate_limited');
    expect(Number(noKey.headers['retry-after'])).to.be.within(1, 60);
  });

  it('when no proxy is trusted (the local default), then rotating X-Forwarded-For does not buy more attempts', async () => {
    await start({});
    expect(await badKeys(7, (i) => `203.0.113.${i + 1}`)).to.deep.equal([401, 401, 401, 401, 401, 429, 429]);
    expect(lookups).to.equal(5);
  });

  it('when TRUST_PROXY names the ALB hop, then the forwarded client address is the one limited', async () => {
    await start({ TRUST_PROXY: '1' });
    expect(await badKeys(6, () => '203.0.113.7')).to.deep.equal([401, 401, 401, 401, 401, 429]);
    expect(await badKeys(1, () => '203.0.113.8')).to.deep.equal([401]);
  });
});

describe('logging', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  it('when a request is served at info level, then every line names the request id and none carries the document text or the key', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logged = createApp({ ...t.runtime, log: pino({ level: 'info', mixin: () => ({}) }, sink) });
    const secretText = 'Confidential Widgets Limited 09446231';
    const req = supertest(logged);
    const up = await req
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .set('X-Request-Id', 'req-abcdef123')
      .attach('file', await textPdf([[secretText]]), 'c.pdf');
    expect(up.status).to.equal(202);
    await new Promise((r) => setTimeout(r, 50));
    const requestLines = lines.filter((l) => JSON.stringify(l).includes('req-abcdef123'));
    expect(requestLines.length).to.be.greaterThan(0);
    const all = JSON.stringify(lines);
    expect(all).to.not.contain('Confidential Widgets');
    expect(all).to.not.contain(t.key);
  });
});
