import { expect } from 'chai';
import { createKybClient, KybError, type ProgressView } from '../../client/src';

const TASK = '11111111-1111-1111-1111-111111111111';

function view(state: ProgressView['state'], percent: number, stage: ProgressView['stage'] = null): ProgressView {
  return {
    task_id: TASK,
    document_id: '22222222-2222-2222-2222-222222222222',
    state,
    stage,
    percent,
    updated_at: '2026-01-01T00:00:00.000Z',
    error: null,
  };
}

const event = (id: number, progress: ProgressView) => `id: ${id}\nevent: progress\ndata: ${JSON.stringify(progress)}\n\n`;

/** A fetch that answers each request with the next scripted event stream, cut into the given chunks; `null` breaks the connection. */
function scriptedFetch(streams: (string | null)[][], seen: Request[] = []): typeof fetch {
  let call = 0;
  return async (input) => {
    seen.push(input as Request);
    const chunks = streams[Math.min(call++, streams.length - 1)] ?? [];
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next === chunks.length) return controller.close();
        const chunk = chunks[next++];
        if (chunk === null || chunk === undefined) controller.error(new TypeError('terminated'));
        else controller.enqueue(encoder.encode(chunk));
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
  };
}

const follow = (fetch: typeof globalThis.fetch, options = {}) => {
  const events: ProgressView[] = [];
  const client = createKybClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch });
  return { events, done: client.followProgress(TASK, (e) => events.push(e), { retryDelayMs: 1, ...options }) };
};

describe('following progress over server-sent events', () => {
  it('when events arrive split across chunks with keep-alive comments, then each is delivered once and the final one resolves', async () => {
    const seen: Request[] = [];
    const text =
      event(1, view('queued', 0)) + ': keep-alive\n\n' + event(2, view('running', 40, 'text')) + event(3, view('completed', 100));
    const chunks = [text.slice(0, 25), text.slice(25, 130), text.slice(130, 131), text.slice(131)];
    const { events, done } = follow(scriptedFetch([chunks], seen));
    expect(await done).to.deep.equal(view('completed', 100));
    expect(events.map((e) => [e.state, e.percent])).to.deep.equal([
      ['queued', 0],
      ['running', 40],
      ['completed', 100],
    ]);
    expect(seen[0]?.headers.get('accept')).to.equal('text/event-stream');
    expect(seen[0]?.headers.get('authorization')).to.equal('Bearer k');
    expect(seen[0]?.url).to.equal(`http://api.test/api/v1/progress/${TASK}`);
  });

  it('when the stream closes before the task ends, then it is reopened and resolves with the final state', async () => {
    const { events, done } = follow(
      scriptedFetch([
        [event(1, view('running', 20, 'text'))],
        [event(1, view('running', 60, 'extract')), event(2, view('completed', 100))],
      ]),
    );
    expect((await done).state).to.equal('completed');
    expect(events.map((e) => e.percent)).to.deep.equal([20, 60, 100]);
  });

  it('when the connection breaks mid-stream, then it is reopened and resolves with the final state', async () => {
    const { events, done } = follow(scriptedFetch([[event(1, view('running', 30, 'text')), null], [event(1, view('completed', 100))]]));
    expect((await done).state).to.equal('completed');
    expect(events.map((e) => e.percent)).to.deep.equal([30, 100]);
  });

  it('when reopened streams keep closing with no news, then it gives up with stream_ended', async () => {
    const { done } = follow(scriptedFetch([[event(1, view('running', 20))], []]), { maxQuietRetries: 2 });
    const error = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(KybError);
    expect(error).to.include({ code: 'stream_ended' });
  });

  it("when the caller's handler throws, then following stops with that error instead of reconnecting", async () => {
    const client = createKybClient({ baseUrl: 'http://api.test', apiKey: 'k', fetch: scriptedFetch([[event(1, view('running', 20))]]) });
    const done = client.followProgress(TASK, () => {
      throw new Error('handler broke');
    });
    const error = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property('message', 'handler broke');
  });

  it('when the caller aborts, then following stops with the abort reason', async () => {
    const controller = new AbortController();
    const never: typeof fetch = (input) =>
      new Promise((_resolve, reject) =>
        (input as Request).signal.addEventListener('abort', () => reject((input as Request).signal.reason)),
      );
    const { done } = follow(never, { signal: controller.signal });
    controller.abort();
    const error = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property('name', 'AbortError');
  });
});
