import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';

/** Rows written straight to the tables, so the lists can be tested on known decisions and times without processing. */
async function seedDocuments(t: TestApp, tenantId: string, rows: Record<string, unknown>[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  await t.runtime.db.models.Document.bulkCreate(
    rows.map((row, i) => ({
      id: ids[i],
      tenant_id: tenantId,
      status: 'completed',
      filename: `doc-${i}.pdf`,
      content_type: 'application/pdf',
      size_bytes: 1000 + i,
      sha256: 'a'.repeat(64),
      storage_key: null,
      claims: {},
      text: 'SECRET TEXT',
      ...row,
    })) as never,
  );
  return ids;
}

describe('lists: documents, cases and monitors, a page at a time', () => {
  let t: TestApp;
  let ids: string[];
  let caseId: string;
  const base = Date.parse('2026-03-01T12:00:00Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000);

  before(async () => {
    t = await startTestApp({ worker: false });
    // Nine documents; two pairs share a timestamp, so order must fall back to the id.
    ids = await seedDocuments(t, t.tenantId, [
      { created_at: at(0), decision: 'verified', document_type: 'bank_statement' },
      { created_at: at(1), decision: 'review', document_type: 'utility_bill' },
      { created_at: at(1), decision: 'review', document_type: 'utility_bill', review_decision: 'verified', reviewed_at: at(30) },
      { created_at: at(2), decision: 'rejected', document_type: 'certificate_of_incorporation' },
      { created_at: at(3), decision: 'review', document_type: 'bank_statement' },
      { created_at: at(3), decision: 'review', document_type: 'certificate_of_incorporation' },
      { created_at: at(4), status: 'queued', decision: null },
      { created_at: at(5), status: 'failed', decision: null },
      { created_at: at(6), decision: 'verified', document_type: 'vat_registration_certificate' },
    ]);
    const created = await t.runtime.repos.cases.create({
      tenant_id: t.tenantId,
      claims: { company_number: '09446231', company_name: 'Acme Ltd' },
      reference: 'ref-1',
      required_document_types: [],
    });
    caseId = created.id;
    await t.runtime.repos.cases.attach(t.tenantId, caseId, ids[1] as string);
    await t.runtime.repos.cases.attach(t.tenantId, caseId, ids[4] as string);
  });
  after(async () => t.close());

  const list = (query: Record<string, string | number | boolean>, auth = t.auth) =>
    t.request.get('/api/v1/documents').query(query).set(auth);

  async function all(query: Record<string, string | number | boolean>): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    let cursor: string | null = null;
    do {
      const res = await list({ ...query, ...(cursor ? { cursor } : {}) });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
    } while (cursor);
    return items;
  }

  it('when pages of 2 are followed to the end, then every document comes once, newest first by (created_at, id), and the last page has no cursor', async () => {
    const items = await all({ limit: 2 });
    const expected = ids
      .map((id, i) => ({ id, t: [0, 1, 1, 2, 3, 3, 4, 5, 6][i] as number }))
      .sort((a, b) => b.t - a.t || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    expect(items.map((d) => d.document_id)).to.deep.equal(expected);
    const last = await list({ limit: 9 });
    expect(last.body.items).to.have.length(9);
    expect(last.body.next_cursor).to.equal(null);
  });

  it('when a page is listed, then each item is a summary: no text, no evidence, with the decision, its review and which stands', async () => {
    const res = await list({ limit: 50 });
    const reviewed = res.body.items.find((d: any) => d.document_id === ids[2]);
    expect(reviewed).to.include({ decision: 'review', review_decision: 'verified', open_review: false, document_type: 'utility_bill' });
    expect(reviewed.standing).to.deep.equal({ decision: 'verified', by: 'review' });
    expect(reviewed.reviewed_at).to.equal(at(30).toISOString());
    const open = res.body.items.find((d: any) => d.document_id === ids[1]);
    expect(open).to.include({ open_review: true, case_id: caseId });
    expect(open.standing).to.deep.equal({ decision: 'review', by: 'automatic' });
    for (const item of res.body.items) expect(item).to.not.have.any.keys('text', 'verification', 'fields', 'evidence', 'claims');
    expect(JSON.stringify(res.body)).to.not.include('SECRET TEXT');
  });

  it('when filters are given, then only matching documents are listed, each filter on its own and combined', async () => {
    const idsOf = async (q: Record<string, string | number | boolean>) => (await all({ ...q, limit: 3 })).map((d) => d.document_id).sort();
    const pick = (...n: number[]) => n.map((i) => ids[i]).sort();
    expect(await idsOf({ open_review: true })).to.deep.equal(pick(1, 4, 5));
    expect(await idsOf({ open_review: false })).to.deep.equal(pick(0, 2, 3, 6, 7, 8));
    expect(await idsOf({ decision: 'review' })).to.deep.equal(pick(1, 2, 4, 5));
    expect(await idsOf({ decision: 'verified' })).to.deep.equal(pick(0, 8));
    expect(await idsOf({ status: 'failed' })).to.deep.equal(pick(7));
    expect(await idsOf({ document_type: 'utility_bill' })).to.deep.equal(pick(1, 2));
    expect(await idsOf({ case_id: caseId })).to.deep.equal(pick(1, 4));
    expect(await idsOf({ created_from: at(3).toISOString(), created_to: at(5).toISOString() })).to.deep.equal(pick(4, 5, 6));
    expect(await idsOf({ open_review: true, document_type: 'bank_statement' })).to.deep.equal(pick(4));
  });

  it('when the dashboard asks for counts, then it gets the documents per automatic decision, open reviews and decided reviews', async () => {
    const res = await t.request.get('/api/v1/document-counts').set(t.auth);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ total: 9, verified: 2, review: 4, rejected: 1, undecided: 2, open_reviews: 3, reviewed: 1 });
  });

  it("when another tenant lists, filters by this tenant's case or counts, then it sees nothing of this tenant's", async () => {
    const other = { Authorization: `Bearer ${await t.newTenantKey()}` };
    const queries: Record<string, string | boolean>[] = [{}, { case_id: caseId }, { open_review: true }];
    for (const query of queries) {
      const res = await list(query, other);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ items: [], next_cursor: null });
    }
    expect((await t.request.get('/api/v1/cases').set(other)).body.items).to.deep.equal([]);
    expect((await t.request.get('/api/v1/document-counts').set(other)).body.total).to.equal(0);
  });

  it('when limit, cursor or a filter is malformed, then the list answers 422 with a stable code and the server keeps serving', async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ limit: 0 }, 'invalid_limit'],
      [{ limit: 201 }, 'invalid_limit'],
      [{ cursor: 'not-a-cursor' }, 'invalid_cursor'],
      [{ cursor: Buffer.from('["2026-01-01", "x"]').toString('base64url') }, 'invalid_cursor'],
      [{ created_from: 'yesterday' }, 'invalid_filter'],
      [{ case_id: 'abc' }, 'invalid_filter'],
      [{ decision: 'maybe' }, 'validation_failed'],
    ];
    for (const [query, code] of cases) {
      const res = await list(query);
      expect(res.status, JSON.stringify(query)).to.equal(422);
      expect(res.body.code, JSON.stringify(query)).to.equal(code);
    }
    expect((await list({ limit: 1 })).status).to.equal(200);
  });

  it('when cases and monitors are listed, then they page newest first and filter by decision, status and recent events', async () => {
    const second = await t.runtime.repos.cases.create({
      tenant_id: t.tenantId,
      claims: { company_number: 'SC123456', company_name: 'Beta Ltd' },
      reference: null,
      required_document_types: [],
    });
    await t.runtime.repos.reviews.markCase(t.tenantId, second.id, { decision: 'rejected', review_decision: null, reviewed_at: null });
    const page1 = await t.request.get('/api/v1/cases').query({ limit: 1 }).set(t.auth);
    expect(page1.body.items.map((c: any) => c.case_id)).to.deep.equal([second.id]);
    const page2 = await t.request.get('/api/v1/cases').query({ limit: 1, cursor: page1.body.next_cursor }).set(t.auth);
    expect(page2.body.items[0]).to.include({ case_id: caseId, documents: 2, company_name: 'Acme Ltd', reference: 'ref-1' });
    expect(page2.body.next_cursor).to.equal(null);
    const rejected = await t.request.get('/api/v1/cases').query({ decision: 'rejected' }).set(t.auth);
    expect(rejected.body.items.map((c: any) => c.case_id)).to.deep.equal([second.id]);

    const quiet = await t.runtime.repos.monitors.ensure({
      tenant_id: t.tenantId,
      company_number: '09446231',
      vat_number: null,
      source: 'api',
    });
    const busy = await t.runtime.repos.monitors.ensure({
      tenant_id: t.tenantId,
      company_number: 'SC123456',
      vat_number: null,
      source: 'api',
    });
    await t.runtime.db.models.MonitorEvent.create({
      monitor_id: busy.monitor.id,
      tenant_id: t.tenantId,
      type: 'company.renamed',
      company_number: 'SC123456',
      summary: 'Renamed',
      before: null,
      after: null,
      detected_at: at(100),
      delivery_state: 'not_configured',
    });
    const monitors = await t.request.get('/api/v1/monitors').set(t.auth);
    expect(monitors.body.items.map((m: any) => m.monitor_id)).to.deep.equal([busy.monitor.id, quiet.monitor.id]);
    const recent = await t.request
      .get('/api/v1/monitors')
      .query({ events_since: at(50).toISOString() })
      .set(t.auth);
    expect(recent.body.items.map((m: any) => m.monitor_id)).to.deep.equal([busy.monitor.id]);
    expect(recent.body.items[0].last_event_at).to.equal(at(100).toISOString());
    const stopped = await t.request.get('/api/v1/monitors').query({ status: 'stopped' }).set(t.auth);
    expect(stopped.body.items).to.deep.equal([]);
  });
});
