import { expect } from 'chai';
import { Writable } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { generateDocument } from '../../fixtures';
import type { BusinessMetrics } from '../../worker/telemetry/metrics';
import { useMetrics } from '../../worker/telemetry/metrics';
import { addSpanProcessor } from '../../worker/telemetry/setup';
import { createLogger } from '../../worker/logger';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, fakeRegistryEnv } from '../fakes/registry-data';
import { startTestApp, waitForTask, type TestApp } from '../helpers/app';

type Recorded = { name: keyof BusinessMetrics; args: unknown[] };

/** A metrics sink that keeps every call, in order. */
function recordingMetrics(calls: Recorded[]): BusinessMetrics {
  const record =
    (name: keyof BusinessMetrics) =>
    (...args: unknown[]) =>
      void calls.push({ name, args });
  return {
    documentDecided: record('documentDecided'),
    stageDuration: record('stageDuration'),
    ocrPages: record('ocrPages'),
    registryCall: record('registryCall'),
    queueAge: record('queueAge'),
    unhandledRejection: record('unhandledRejection'),
  };
}

describe('tracing and metrics', function () {
  this.timeout(90_000);
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let t: TestApp;
  const exporter = new InMemorySpanExporter();
  const lines: Array<Record<string, unknown>> = [];
  const calls: Recorded[] = [];
  let removeProcessor: () => void;
  let restoreMetrics: () => void;

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await startTestApp({
      env: { ...fakeRegistryEnv(ch, hmrc), REGISTRY_RETRIES: '0' },
      log: createLogger('info', { destination: sink }),
    });
    removeProcessor = addSpanProcessor(new SimpleSpanProcessor({ exporter }));
    restoreMetrics = useMetrics(recordingMetrics(calls));
  });
  after(async () => {
    removeProcessor?.();
    restoreMetrics?.();
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close()]);
  });

  it('when a document is uploaded, then one trace joins the request, the enqueue, the job, every stage and a registry call, and logs and evidence name it', async () => {
    const doc = await generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed: 41, company: ACTIVE.company });
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .field('company_number', ACTIVE.company.number)
      .attach('file', doc.bytes, doc.filename);
    expect(up.status).to.equal(202);
    expect((await waitForTask(t, up.body.task_id)).state).to.equal('completed');

    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === 'POST /api/v1/documents/upload');
    expect(request, spans.map((s) => s.name).join(', ')).to.not.equal(undefined);
    const traceId = request!.spanContext().traceId;
    const inTrace = (name: string | RegExp): ReadableSpan[] =>
      spans.filter((s) => s.spanContext().traceId === traceId && (typeof name === 'string' ? s.name === name : name.test(s.name)));
    expect(inTrace('enqueue')).to.have.length(1);
    const [job] = inTrace('job');
    expect(job?.attributes['kyb.document_id']).to.equal(up.body.document_id);
    const stages = inTrace(/^stage /).map((s) => s.name);
    expect(stages).to.include.members(['stage identify', 'stage text', 'stage classify', 'stage extract', 'stage decide']);
    expect(inTrace('registry companies_house').length).to.be.greaterThan(0);

    const requestLines = lines.filter((l) => String(l.msg ?? '').startsWith('POST /api/v1/documents/upload'));
    expect(requestLines.map((l) => l.trace_id)).to.deep.equal([traceId]);
    const jobLines = lines.filter((l) => l.task_id === up.body.task_id);
    expect(jobLines.length).to.be.greaterThan(0);
    expect(new Set(jobLines.map((l) => l.trace_id))).to.deep.equal(new Set([traceId]));

    const evidence = await t.request.get(`/api/v1/documents/${up.body.document_id}/evidence`).set(t.auth);
    const decision = (evidence.body as Array<{ kind: string; payload: { trace_id?: string } }>).find((r) => r.kind === 'decision');
    expect(decision?.payload.trace_id).to.equal(traceId);
  });

  it('when a document is decided, then the metrics count it by type and decision, time each stage and each registry call, and the queue wait', () => {
    const decided = calls.filter((c) => c.name === 'documentDecided').map((c) => c.args);
    expect(decided).to.deep.include(['certificate_of_incorporation', 'verified']);
    const stages = calls.filter((c) => c.name === 'stageDuration').map((c) => c.args[0]);
    expect(stages).to.include.members(['identify', 'text', 'classify', 'extract', 'decide']);
    for (const c of calls.filter((x) => x.name === 'stageDuration')) expect(c.args[1]).to.be.a('number').and.at.least(0);
    expect(calls.filter((c) => c.name === 'registryCall').map((c) => c.args.slice(0, 2))).to.deep.include(['companies_house', 'ok']);
    expect(calls.find((c) => c.name === 'queueAge')?.args[0])
      .to.be.a('number')
      .and.at.least(0);
  });
});
