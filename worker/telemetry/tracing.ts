import { context, isSpanContextValid, propagation, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * Spans for one document's path: the request, the enqueue, the job, each stage and each registry
 * call. The API is a no-op until `startTracing` registers a provider, so code here never checks.
 */
const tracer = trace.getTracer('kyb');

/** W3C trace context as it travels inside a queue message. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Runs `fn` inside a new span (a child of the active one), recording a thrown error on it. */
export function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * `inSpan` when the active span is recorded; within one that is not (nothing exports it), `fn` runs
 * in that span's context instead: a child would not be recorded either, and making it costs every
 * call (on the upload path, a span and its attributes per file).
 */
export function inRecordedSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (trace.getActiveSpan()?.isRecording() === false) return fn();
  return inSpan(name, attributes, fn);
}

/** The active trace's id, for log lines and evidence; undefined outside any span. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/** The active context as a carrier to put in a message, so the consumer continues the same trace. */
export function traceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `fn` in the context a message carried (or the current one when it carried none). */
export function withCarriedTrace<T>(carrier: TraceCarrier | undefined, fn: () => T): T {
  if (!carrier?.traceparent) return fn();
  return context.with(propagation.extract(context.active(), carrier), fn);
}
