import { expect } from 'chai';
import { isValidSpanId, isValidTraceId, trace } from '@opentelemetry/api';
import { PooledIdGenerator } from '../../worker/telemetry/ids';
import { startTracing } from '../../worker/telemetry/setup';

describe('trace and span ids', () => {
  it('when ids are drawn across several pools, then each is valid W3C hex and none repeats', () => {
    const ids = new PooledIdGenerator();
    const traces = Array.from({ length: 1000 }, () => ids.generateTraceId());
    const spans = Array.from({ length: 1000 }, () => ids.generateSpanId());
    expect(traces.every(isValidTraceId)).to.equal(true);
    expect(spans.every(isValidSpanId)).to.equal(true);
    expect(new Set(traces).size).to.equal(traces.length);
    expect(new Set(spans).size).to.equal(spans.length);
  });

  it('when the process traces, then a request span and its child share a trace id and have their own span ids', async () => {
    await startTracing({ serviceName: 'test', exporter: 'none' });
    const tracer = trace.getTracer('test');
    const [parent, child] = tracer.startActiveSpan('request', (request) => {
      const inner = tracer.startSpan('inner');
      return [request.spanContext(), inner.spanContext()];
    });
    expect(isValidTraceId(parent!.traceId)).to.equal(true);
    expect(child!.traceId).to.equal(parent!.traceId);
    expect(child!.spanId).to.not.equal(parent!.spanId);
  });
});
