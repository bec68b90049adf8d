import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

describe('API key roles', () => {
  let t: TestApp;
  let tenant: string;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  before(async () => {
    t = await startTestApp({ worker: false });
    tenant = `roles-${randomUUID()}`;
  });
  after(async () => t.close());

  it('when a key is made without a role, then it is a submitter and can upload as every key could before roles', async () => {
    const created = await t.runtime.repos.apiKeys.create(tenant);
    expect(created.role).to.equal('submitter');
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(bearer(created.key))
      .attach('file', await textPdf([['Role check']]), 'r.pdf');
    expect(up.status).to.equal(202);
  });

  it('when a reviewer key calls a submitting route, then it gets 403 insufficient_role naming the role it needs', async () => {
    const { key } = await t.runtime.repos.apiKeys.create(tenant, { role: 'reviewer' });
    const missing = randomUUID();
    const calls = [
      t.request
        .post('/api/v1/documents/upload')
        .set(bearer(key))
        .attach('file', await textPdf([['No']]), 'n.pdf'),
      t.request.delete(`/api/v1/documents/${missing}`).set(bearer(key)),
      t.request.post(`/api/v1/verification/${missing}`).set(bearer(key)).send({}),
      t.request.post('/api/v1/cases').set(bearer(key)).send({ company_number: '09446231', company_name: 'Acme Ltd' }),
      t.request.post(`/api/v1/cases/${missing}/documents`).set(bearer(key)).send({ document_id: missing }),
      t.request.post('/api/v1/monitors').set(bearer(key)).send({ company_number: '09446231' }),
      t.request.delete(`/api/v1/monitors/${missing}`).set(bearer(key)),
    ];
    for (const [n, res] of (await Promise.all(calls)).entries()) {
      expect(res.status, `call ${n}`).to.equal(403);
      expect(res.body.code).to.equal('insufficient_role');
      expect(res.body.details.roles).to.deep.equal(['submitter']);
    }
  });

  it('when an admin key submits, then it may, and when a reviewer reads a document, then it may', async () => {
    const admin = await t.runtime.repos.apiKeys.create(tenant, { role: 'admin' });
    const reviewer = await t.runtime.repos.apiKeys.create(tenant, { role: 'reviewer' });
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(bearer(admin.key))
      .attach('file', await textPdf([['Admin upload']]), 'a.pdf');
    expect(up.status).to.equal(202);
    const read = await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(bearer(reviewer.key));
    expect(read.status).to.equal(200);
  });

  it("when a key's role is changed, then the next request is judged by the new role", async () => {
    const { key, id } = await t.runtime.repos.apiKeys.create(tenant);
    expect(await t.runtime.repos.apiKeys.setRole(id, 'reviewer')).to.equal(1);
    const res = await t.request.post('/api/v1/monitors').set(bearer(key)).send({ company_number: '09446231' });
    expect(res.status).to.equal(403);
    expect((await t.runtime.repos.apiKeys.list()).find((k) => k.id === id)?.role).to.equal('reviewer');
  });
});
