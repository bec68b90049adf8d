import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startTestApp, waitForTask, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a server-sent event stream to its end, the way a browser would receive it. */
function readEvents(url: string, headers: Record<string, string>): Promise<{ status: number; type: string; events: SseEvent[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, Accept: 'text/event-stream' } }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (raw += chunk));
        res.on('end', () => {
          const events = raw
            .split('\n\n')
            .filter((block) => block.includes('data:'))
            .map((block) => {
              const field = (name: string) =>
                block
                  .split('\n')
                  .find((l) => l.startsWith(`${name}:`))
                  ?.slice(name.length + 1)
                  .trim() ?? '';
              return { event: field('event'), data: JSON.parse(field('data')) as Record<string, unknown> };
            });
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), events });
        });
      })
      .on('error', reject);
  });
}

describe('progress', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  before(async () => {
    t = await startTestApp();
    server = http.createServer(t.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await t.close();
  });

  it('when a task is followed as JSON, then it shows its state, stage and percent, ending at completed 100', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Hello']]), 'a.pdf');
    const first = await t.request.get(`/api/v1/progress/${up.body.task_id}`).set(t.auth);
    expect(first.status).to.equal(200);
    expect(first.body).to.include.keys('task_id', 'document_id', 'state', 'stage', 'percent', 'updated_at');
    expect(first.body.document_id).to.equal(up.body.document_id);
    const end = await waitForTask(t, up.body.task_id);
    expect(end.state).to.equal('completed');
    expect(end.percent).to.equal(100);
  });

  it('when a task is followed as server-sent events, then the stream rises monotonically and ends at 100 when the task ends', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['One'], ['Two']]), 'b.pdf');
    const { status, type, events } = await readEvents(`${base}/api/v1/progress/${up.body.task_id}`, t.auth);
    expect(status).to.equal(200);
    expect(type).to.match(/^text\/event-stream/);
    expect(events.length).to.be.greaterThan(0);
    expect(events.every((e) => e.event === 'progress')).to.equal(true);
    const percents = events.map((e) => Number(e.data.percent));
    expect(percents).to.deep.equal([...percents].sort((a, b) => a - b));
    const last = events.at(-1)!.data;
    expect(last.state).to.equal('completed');
    expect(last.percent).to.equal(100);
  });

  it('when the stream is asked for an unknown task, then it answers 404 not_found as JSON, not a stream', async () => {
    const { status, type } = await readEvents(`${base}/api/v1/progress/00000000-0000-4000-8000-000000000000`, t.auth);
    expect(status).to.equal(404);
    expect(type).to.match(/application\/json/);
  });

  it('when verification is requested for a document, then a new task runs and completes with the claims applied', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Hello']]), 'c.pdf');
    await waitForTask(t, up.body.task_id);
    const res = await t.request
      .post(`/api/v1/verification/${up.body.document_id}`)
      .set(t.auth)
      .send({ company_number: '09446231', company_name: 'Acme Widgets Ltd' });
    expect(res.status).to.equal(202);
    expect(res.body.task_id).to.be.a('string').and.not.equal(up.body.task_id);
    const end = await waitForTask(t, res.body.task_id);
    expect(end.state).to.equal('completed');
    const doc = await t.request.get(`/api/v1/documents/${up.body.document_id}`).set(t.auth);
    expect(doc.body.task_id).to.equal(res.body.task_id);
    expect(doc.body.text).to.contain('Hello');
  });

  it('when the verification body has unknown fields, then it answers 422 validation_failed', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Hello']]), 'd.pdf');
    const res = await t.request.post(`/api/v1/verification/${up.body.document_id}`).set(t.auth).send({ bogus: 1 });
    expect(res.status).to.equal(422);
    expect(res.body.code).to.equal('validation_failed');
  });
});
