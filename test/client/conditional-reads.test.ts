import { expect } from 'chai';
import { createKybClient, type DocumentView, type KybClient } from '../../client/src';
import { processJob } from '../../worker/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import { listen, type Listening } from './listen';

const firstAttempt = { attempt: 1, maxAttempts: 3 };

interface Exchange {
  ifNoneMatch: string | null;
  status: number;
}

describe('typed client: document reads revalidate with their ETag', function () {
  this.timeout(60_000);
  let t: TestApp;
  let server: Listening;
  /** The document reads the client sent, with the ETag each carried and the status it got. */
  let reads: Exchange[];
  let client: KybClient;

  before(async () => {
    t = await startTestApp({ worker: false });
    server = await listen(t.app);
  });
  after(async () => {
    await server?.close();
    await t?.close();
  });
  beforeEach(() => {
    reads = [];
    const recording: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const response = await fetch(request);
      if (request.method === 'GET' && /\/api\/v1\/documents\/[0-9a-f-]{36}$/.test(new URL(request.url).pathname))
        reads.push({ ifNoneMatch: request.headers.get('If-None-Match'), status: response.status });
      return response;
    };
    client = createKybClient({ baseUrl: server.url, apiKey: t.key, fetch: recording });
  });

  async function upload(): Promise<{ document_id: string; task_id: string }> {
    const pdf = new Uint8Array(await textPdf([['Acme Widgets Limited', 'Company number 09446231']]));
    return client.upload(new File([pdf], 'acme.pdf', { type: 'application/pdf' }), { company_number: '09446231' });
  }
  const finish = (ids: { document_id: string; task_id: string }) =>
    processJob(t.runtime.processorDeps(), { ...ids, generation: 1 }, firstAttempt);

  it('when an unchanged document is read again, then the client sends its ETag, is answered 304 and returns the view it holds', async () => {
    const ids = await upload();
    await finish(ids);
    const first = await client.getDocument(ids.document_id);
    const again = await client.getDocument(ids.document_id);
    expect(again).to.deep.equal(first);
    expect(again.status).to.equal('completed');
    expect(reads.map((r) => r.status)).to.deep.equal([200, 304]);
    expect(reads[0]!.ifNoneMatch).to.equal(null);
    expect(reads[1]!.ifNoneMatch).to.match(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('when a document changed since the client read it (verified again), then the read is answered 200 with the new view, never the held one', async () => {
    const ids = await upload();
    await finish(ids);
    const before = await client.getDocument(ids.document_id);
    const again = await client.verify(ids.document_id, { company_number: '12345678' });
    const queued = await client.getDocument(ids.document_id);
    expect(queued.status).to.equal('queued');
    await finish({ document_id: ids.document_id, task_id: again.task_id });
    const after = await client.getDocument(ids.document_id);
    expect(after.task_id).to.equal(again.task_id).and.not.equal(before.task_id);
    expect(after.claims.company_number).to.equal('12345678');
    expect(reads.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(reads.slice(1).every((r) => r.ifNoneMatch !== null)).to.equal(true);
  });

  it('when a poller follows a document until it is finished, then every poll after the first sends its ETag, 304s are no news, and it resolves with the finished view', async () => {
    const ids = await upload();
    const seen: DocumentView[] = [];
    const polled = client.pollDocument(ids.document_id, (view) => seen.push(view), { intervalMs: 20 });
    while (reads.filter((r) => r.status === 304).length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await finish(ids);
    const done = await polled;

    expect(done.status).to.equal('completed');
    expect(seen[0]!.status).to.equal('queued');
    expect(seen.at(-1)).to.deep.equal(done);
    // One call per changed view, each unlike the one before: the 304s called nothing.
    expect(seen).to.have.length(reads.filter((r) => r.status === 200).length);
    seen.slice(1).forEach((view, i) => expect(view).to.not.deep.equal(seen[i]));
    expect(reads[0]).to.deep.equal({ ifNoneMatch: null, status: 200 });
    expect(reads.slice(1).every((r) => r.ifNoneMatch !== null)).to.equal(true);
    expect(reads.filter((r) => r.status === 304).length).to.be.at.least(3);
  });

  it('when the poll is aborted, then it rejects with the reason and stops reading', async () => {
    const ids = await upload();
    const stop = new AbortController();
    const polled = client.pollDocument(ids.document_id, () => undefined, { intervalMs: 20, signal: stop.signal });
    while (reads.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort(new Error('no longer needed'));
    const error = await polled.catch((e: unknown) => e);
    expect((error as Error).message).to.equal('no longer needed');
    const count = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads.length).to.equal(count);
  });
});
