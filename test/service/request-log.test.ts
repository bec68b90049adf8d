import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { context, trace } from '@opentelemetry/api';
import { createLogger, withRequestId } from '../../worker/logger';
import { startTestApp, type TestApp } from '../helpers/app';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('the request log', function () {
  this.timeout(60_000);
  let t: TestApp;
  const lines: Array<Record<string, any>> = [];

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, any>);
        done();
      },
    });
    t = await startTestApp({ worker: false, log: createLogger('info', { destination: sink }) });
  });
  after(async () => t?.close());

  const lineOf = (requestId: string) => lines.find((l) => l.request_id === requestId && typeof l.responseTime === 'number');

  it('when a tenant reads a document, then one line names the method, path, status, duration, request id, tenant and document', async () => {
    const id = randomUUID();
    const res = await t.request.get(`/api/v1/documents/${id}`).set(t.auth).set('X-Request-Id', 'req-log-test-1');
    expect(res.status).to.equal(404);
    expect(res.headers['x-request-id']).to.equal('req-log-test-1');
    const line = lineOf('req-log-test-1');
    expect(line).to.deep.include({
      msg: `GET /api/v1/documents/${id} 404 ${line?.responseTime} ms`,
      req: { method: 'GET', path: `/api/v1/documents/${id}` },
      res: { status: 404 },
      tenant_id: t.tenantId,
      document_id: id,
    });
    expect(lines.filter((l) => l.request_id === 'req-log-test-1' && l.responseTime !== undefined)).to.have.length(1);
  });

  it('when a request has no valid key, then its line has no tenant and carries a request id the server made', async () => {
    const res = await t.request.get('/api/v1/documents');
    expect(res.status).to.equal(401);
    const id = res.headers['x-request-id'] as string;
    expect(id).to.match(/^[0-9a-f-]{36}$/);
    const line = lineOf(id);
    expect(line).to.deep.include({ res: { status: 401 } });
    expect(line).to.not.have.property('tenant_id');
    expect(line).to.not.have.property('authorization');
  });

  it('when a line is logged within a request, then it names the request id and the trace id that the request carries', async () => {
    const sink: Array<Record<string, unknown>> = [];
    const log = createLogger('info', {
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          sink.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    });
    const span = trace.getTracer('test').startSpan('GET /test');
    await context.with(withRequestId(trace.setSpan(context.active(), span), 'req-in-context-1'), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      log.info('within the request');
    });
    log.info('outside any request');
    expect(sink[0]).to.deep.include({ msg: 'within the request', request_id: 'req-in-context-1', trace_id: span.spanContext().traceId });
    expect(sink[1]).to.not.have.property('request_id');
    expect(sink[1]).to.not.have.property('trace_id');
  });
});

describe('a buffered log (the server writes its lines a few KB at a time)', function () {
  this.timeout(60_000);

  /** Runs a script that logs numbered lines through the buffered logger and then ends as `ending` says. */
  async function linesWritten(ending: string): Promise<number[]> {
    const script = `
      const { createLogger } = require(${JSON.stringify(path.join(ROOT, 'worker/logger'))});
      const log = createLogger('info', { buffered: true });
      for (let i = 0; i < 3000; i++) log.info({ i }, 'line');
      ${ending}`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 }).catch(
      (failed: { stdout: string }) => failed,
    );
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { i: number }).i);
  }

  const all = Array.from({ length: 3000 }, (_, i) => i);

  it('when the process exits at once after logging, then every line is written, in order', async () => {
    expect(await linesWritten('process.exit(0);')).to.deep.equal(all);
  });

  it('when the process dies of an uncaught error after logging, then every line is still written', async () => {
    expect(await linesWritten("throw new Error('boom');")).to.deep.equal(all);
  });

  it('when the process keeps running quietly, then a last line is written within seconds, not held until more arrive', async () => {
    const written = await linesWritten(
      // Killed outright: no exit handler runs, so only the periodic write can have written the late line.
      "setTimeout(() => { log.info({ i: 3000 }, 'late'); setTimeout(() => process.kill(process.pid, 'SIGKILL'), 3000); }, 10);",
    );
    expect(written).to.deep.equal([...all, 3000]);
  });
});
