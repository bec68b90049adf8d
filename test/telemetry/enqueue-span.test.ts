import { expect } from 'chai';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { stampedJob } from '../../worker/queue/traced';
import type { Job } from '../../worker/queue/port';
import { addSpanProcessor, startTracing } from '../../worker/telemetry/setup';

const job: Job = { task_id: 't-1', document_id: 'd-1', tenant_id: 'tenant-1', generation: 1 };

/** Stamps `job` inside a request span, as an upload does; returns the stamped job and the request span's context. */
async function stampedInRequest() {
  const tracer = trace.getTracer('test');
  return tracer.startActiveSpan('POST /upload', async (request) => {
    const stamped = await stampedJob('local', job, async (j) => j);
    request.end();
    return { stamped, request: request.spanContext() };
  });
}

describe('enqueue spans', () => {
  before(async () => {
    await startTracing({ serviceName: 'test', exporter: 'none' });
  });

  it('when nothing records the request, then no enqueue span is made and the job carries the request span as its parent', async () => {
    const { stamped, request } = await stampedInRequest();
    expect(stamped.trace?.traceparent).to.equal(`00-${request.traceId}-${request.spanId}-00`);
    expect(stamped.sent_at).to.be.a('string');
  });

  it('when the request is recorded, then an enqueue span is recorded in its trace and the job carries that span', async () => {
    const exporter = new InMemorySpanExporter();
    const remove = addSpanProcessor(new SimpleSpanProcessor({ exporter }));
    try {
      const { stamped, request } = await stampedInRequest();
      const enqueue = exporter.getFinishedSpans().find((span) => span.name === 'enqueue');
      expect(enqueue?.spanContext().traceId).to.equal(request.traceId);
      expect(enqueue?.attributes['kyb.document_id']).to.equal('d-1');
      expect(stamped.trace?.traceparent).to.equal(`00-${request.traceId}-${enqueue?.spanContext().spanId}-01`);
    } finally {
      remove();
    }
  });
});
