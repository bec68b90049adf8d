import { expect } from 'chai';
import { createKybClient, followCursor, KybApiError, type CursorPage, type DocumentSummary } from '../../client/src';
import { statement } from '../cases/support';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';
import { listen, type Listening } from './listen';
import { rejection } from '../helpers/rejection';

describe('client list helpers: followCursor', () => {
  const pages: Record<string, CursorPage<number>> = {
    start: { items: [1, 2], next_cursor: 'b' },
    b: { items: [3, 4], next_cursor: 'c' },
    c: { items: [5], next_cursor: null },
  };

  it('when pages are followed to the end, then every item comes once in order and each cursor is asked once', async () => {
    const asked: (string | undefined)[] = [];
    const items: number[] = [];
    for await (const n of followCursor(async (cursor) => (asked.push(cursor), pages[cursor ?? 'start'] as CursorPage<number>)))
      items.push(n);
    expect(items).to.deep.equal([1, 2, 3, 4, 5]);
    expect(asked).to.deep.equal([undefined, 'b', 'c']);
  });

  it('when the loop stops early, then no further page is fetched', async () => {
    const asked: (string | undefined)[] = [];
    for await (const n of followCursor(async (cursor) => (asked.push(cursor), pages[cursor ?? 'start'] as CursorPage<number>))) {
      if (n === 2) break;
    }
    expect(asked).to.deep.equal([undefined]);
  });

  it('when a page fails, then the loop throws that error', async () => {
    const failing = followCursor<number>(async (cursor) => {
      if (cursor) throw new Error('page 2 failed');
      return pages.start as CursorPage<number>;
    });
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const n of failing) seen.push(n);
      })(),
    );
    expect((error as Error).message).to.equal('page 2 failed');
    expect(seen).to.deep.equal([1, 2]);
  });
});

describe('typed client: a reviewer works the queue through the client alone', function () {
  this.timeout(60_000);
  let t: TestApp;
  let server: Listening;
  let documentIds: string[];

  before(async () => {
    t = await startTestApp();
    server = await listen(t.app);
    // Three statements with no registry configured: each ends in review.
    documentIds = [];
    for (const account of ['11111111', '22222222', '33333333'])
      documentIds.push((await uploadAndWait(t, await statement({ account }), `${account}.pdf`)).document_id);
  });
  after(async () => {
    await server?.close();
    await t?.close();
  });

  it('when a reviewer lists the open reviews page by page, opens one and decides it, then it leaves the queue and its decision stands', async () => {
    const tenant = await t.runtime.db.models.Tenant.findByPk(t.tenantId);
    const { key } = await t.runtime.repos.apiKeys.create(tenant?.name ?? '', { role: 'reviewer' });
    const client = createKybClient({ baseUrl: server.url, apiKey: key });

    const queue: DocumentSummary[] = [];
    for await (const summary of client.documents({ open_review: true, limit: 1 })) queue.push(summary);
    expect(queue.map((d) => d.document_id)).to.deep.equal([...documentIds].reverse());
    expect((await client.documentCounts()).open_reviews).to.equal(3);

    const opened = await client.getDocument(queue[0]?.document_id ?? '');
    expect(opened.verification?.checks.length).to.be.above(0);
    const decided = await client.reviewDocument(opened.document_id, {
      decision: 'rejected',
      reason_code: 'altered_document',
      verification_id: opened.verification_id ?? '',
    });
    expect(decided.standing).to.deep.equal({ decision: 'rejected', by: 'review' });

    const remaining: string[] = [];
    for await (const summary of client.documents({ open_review: true })) remaining.push(summary.document_id);
    expect(remaining).to.deep.equal([documentIds[1], documentIds[0]]);
    expect((await client.getDocument(opened.document_id)).review?.reason_code).to.equal('altered_document');
  });

  it('when a submitter key reviews, then the client throws 403 insufficient_role; another tenant gets 404 on the document and its review', async () => {
    const submitter = createKybClient({ baseUrl: server.url, apiKey: t.key });
    const document = await submitter.getDocument(documentIds[0] ?? '');
    const body = { decision: 'verified' as const, reason_code: 'ok', verification_id: document.verification_id ?? '' };
    const refused = await rejection(submitter.reviewDocument(document.document_id, body));
    expect(refused).to.be.instanceOf(KybApiError);
    expect(refused).to.include({ status: 403, code: 'insufficient_role' });

    const stranger = await t.runtime.repos.apiKeys.create(`stranger-${Date.now()}`, { role: 'admin' });
    const other = createKybClient({ baseUrl: server.url, apiKey: stranger.key });
    for (const call of [() => other.getDocument(document.document_id), () => other.reviewDocument(document.document_id, body)])
      expect(await rejection(call())).to.include({ status: 404, code: 'not_found' });
    const seen: DocumentSummary[] = [];
    for await (const summary of other.documents()) seen.push(summary);
    expect(seen).to.deep.equal([]);
  });
});
