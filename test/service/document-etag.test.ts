import { expect } from 'chai';
import supertest from 'supertest';
import { createApp } from '../../service/app';
import { processJob } from '../../worker/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const firstAttempt = { attempt: 1, maxAttempts: 3 };

describe("a document's view: ETags, 304s and the view cache", function () {
  this.timeout(60_000);
  let t: TestApp;
  /** A second API process on the same database (another task behind the load balancer), with its own cache. */
  let other: ReturnType<typeof supertest>;
  /** How many times the full view query ran. */
  let viewQueries = 0;

  before(async () => {
    t = await startTestApp({ worker: false });
    other = supertest(createApp(t.runtime));
    const repo = t.runtime.repos.documents;
    const documentView = repo.documentView.bind(repo);
    repo.documentView = (tenantId, id) => {
      viewQueries++;
      return documentView(tenantId, id);
    };
  });
  after(async () => t.close());

  /** A document uploaded and processed to the end (no registries: it ends in review). */
  async function finished(companyNumber = '09446231'): Promise<{ id: string; task_id: string }> {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .field('company_number', companyNumber)
      .attach('file', await textPdf([['Acme Widgets Limited']]), 'etag.pdf');
    await processJob(t.runtime.processorDeps(), { ...up.body, generation: 1 }, firstAttempt);
    return { id: up.body.document_id, task_id: up.body.task_id };
  }

  /** A document uploaded and left queued (no worker runs here): its upload's answer. */
  async function uploadQueued(filename: string): Promise<{ document_id: string; task_id: string }> {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Acme Widgets Limited']]), filename);
    return up.body;
  }

  const get = (id: string, headers: Record<string, string> = {}, app = t.request) =>
    app.get(`/api/v1/documents/${id}`).set({ ...t.auth, ...headers });

  it('when a finished document is read again with its ETag, then it is answered 304 with no body, without building the view', async () => {
    const { id } = await finished();
    const first = await get(id);
    expect(first.status).to.equal(200);
    expect(first.body.status).to.equal('completed');
    expect(first.headers.etag).to.match(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers['cache-control']).to.equal('private, no-cache');

    const queriesBefore = viewQueries;
    const again = await get(id, { 'If-None-Match': first.headers.etag });
    expect(again.status).to.equal(304);
    expect(again.text).to.equal('');
    expect(again.headers.etag).to.equal(first.headers.etag);
    expect(again.headers['cache-control']).to.equal('private, no-cache');
    // A list holding it, or a weak comparison, matches too.
    expect((await get(id, { 'If-None-Match': `"other", W/${first.headers.etag}` })).status).to.equal(304);
    expect(viewQueries).to.equal(queriesBefore);
  });

  it('when a finished document is read again without an ETag, then the kept view is served, equal to the first, without the view query', async () => {
    const { id } = await finished();
    const first = await get(id);
    const queriesBefore = viewQueries;
    const again = await get(id);
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.etag).to.equal(first.headers.etag);
    expect(viewQueries).to.equal(queriesBefore);
  });

  it('when a kept view is asked for with HEAD, then the answer has its headers and length but no body', async () => {
    const { id } = await finished();
    const first = await get(id);
    const head = await t.request.head(`/api/v1/documents/${id}`).set(t.auth);
    expect(head.status).to.equal(200);
    expect(head.headers.etag).to.equal(first.headers.etag);
    expect(head.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(Number(head.headers['content-length'])).to.equal(Buffer.byteLength(first.text));
    expect(head.text ?? '').to.equal('');
  });

  it('when the ETag sent is not the current one, or the client asks for a reload, then the whole view is sent', async () => {
    const { id } = await finished();
    const first = await get(id);
    const stale = await get(id, { 'If-None-Match': '"not-this-version"' });
    expect(stale.status).to.equal(200);
    expect(stale.body).to.deep.equal(first.body);
    const reload = await get(id, { 'If-None-Match': first.headers.etag, 'Cache-Control': 'no-cache' });
    expect(reload.status).to.equal(200);
    expect(reload.body.document_id).to.equal(id);
  });

  it('when another API process verifies the document again, then this one never serves its kept view: the new state, a new ETag, and no 304 for the old one', async () => {
    const { id, task_id } = await finished();
    const kept = await get(id);
    const again = await other.post(`/api/v1/verification/${id}`).set(t.auth).send({ company_number: '12345678' });
    expect(again.status).to.equal(202);

    const queued = await get(id, { 'If-None-Match': kept.headers.etag });
    expect(queued.status).to.equal(200);
    expect(queued.body.status).to.equal('queued');
    expect(queued.headers.etag).to.not.equal(kept.headers.etag);
    expect((await get(id)).body.status).to.equal('queued');

    await processJob(t.runtime.processorDeps(), { document_id: id, task_id: again.body.task_id, generation: 1 }, firstAttempt);
    const done = await get(id);
    expect(done.body.status).to.equal('completed');
    expect(done.body.task_id).to.equal(again.body.task_id).and.not.equal(task_id);
    expect(done.body.claims.company_number).to.equal('12345678');
    expect(done.headers.etag).to.not.equal(queued.headers.etag);
  });

  it('when a reviewer decides the verdict through another API process, then the view read here shows the review at once', async () => {
    const { id } = await finished();
    const kept = await get(id);
    expect(kept.body.review).to.equal(null);
    const tenant = await t.runtime.db.models.Tenant.findByPk(t.tenantId);
    const reviewer = await t.runtime.repos.apiKeys.create(tenant!.name, { role: 'reviewer' });
    const decided = await other
      .post(`/api/v1/documents/${id}/review`)
      .set({ Authorization: `Bearer ${reviewer.key}` })
      .send({ decision: 'rejected', reason_code: 'mismatch', verification_id: kept.body.verification_id });
    expect(decided.status, JSON.stringify(decided.body)).to.equal(200);

    const after = await get(id, { 'If-None-Match': kept.headers.etag });
    expect(after.status).to.equal(200);
    expect(after.body.review).to.deep.include({ decision: 'rejected', reason_code: 'mismatch' });
    expect(after.body.standing).to.deep.equal({ decision: 'rejected', by: 'review' });
  });

  it('when another API process deletes the document, then this one answers 404, with or without the old ETag', async () => {
    const { id } = await finished();
    const kept = await get(id);
    expect((await other.delete(`/api/v1/documents/${id}`).set(t.auth)).status).to.equal(204);
    expect((await get(id)).status).to.equal(404);
    expect((await get(id, { 'If-None-Match': kept.headers.etag })).status).to.equal(404);
  });

  it("when another tenant's key asks for a kept document, with or without its ETag, then it is answered 404 and never the view", async () => {
    const { id } = await finished();
    const kept = await get(id);
    expect(kept.status).to.equal(200);
    const stranger = { Authorization: `Bearer ${await t.newTenantKey()}` };
    for (const headers of [stranger, { ...stranger, 'If-None-Match': kept.headers.etag }, { ...stranger, 'If-None-Match': '*' }]) {
      const res = await t.request.get(`/api/v1/documents/${id}`).set(headers);
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('not_found');
      expect(res.text).to.not.include('Acme');
    }
  });

  it('when a document still being processed is polled without an ETag, then the kept view is served without the view query until the document moves on', async () => {
    const up = await uploadQueued('polled.pdf');
    const first = await get(up.document_id);
    expect(first.body.status).to.equal('queued');
    const queriesBefore = viewQueries;
    const again = await get(up.document_id);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.etag).to.equal(first.headers.etag);
    expect(viewQueries).to.equal(queriesBefore);

    await processJob(t.runtime.processorDeps(), { ...up, generation: 1 }, firstAttempt);
    const done = await get(up.document_id);
    expect(done.body.status).to.equal('completed');
    expect(done.headers.etag).to.not.equal(first.headers.etag);
    expect(viewQueries).to.equal(queriesBefore + 1);
  });

  it('when a document is still being processed, then it carries an ETag that changes as it moves on', async () => {
    const up = await uploadQueued('running.pdf');
    const queued = await get(up.document_id);
    expect(queued.body.status).to.equal('queued');
    expect((await get(up.document_id, { 'If-None-Match': queued.headers.etag })).status).to.equal(304);
    await processJob(t.runtime.processorDeps(), { ...up, generation: 1 }, firstAttempt);
    const done = await get(up.document_id, { 'If-None-Match': queued.headers.etag });
    expect(done.status).to.equal(200);
    expect(done.body.status).to.equal('completed');
  });
});
