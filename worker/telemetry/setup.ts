import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SamplingDecision,
  TracerProvider,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { PooledIdGenerator } from './ids';

export type TracesExporter = 'none' | 'console' | 'otlp';

export interface TracingOptions {
  serviceName: string;
  exporter: TracesExporter;
  /** OTLP/HTTP endpoint base (the collector's, e.g. the ADOT sidecar or Lambda extension on localhost:4318). */
  otlpEndpoint?: string;
}

export interface Tracing {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The OTLP exporter is loaded only when chosen: it brings protobuf serialisers and the metrics SDK, some 200 modules. */
async function exporterOf(options: TracingOptions): Promise<SpanExporter | undefined> {
  if (options.exporter === 'console') return new ConsoleSpanExporter();
  if (options.exporter === 'otlp') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(options.otlpEndpoint ? { url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` } : {});
  }
  return undefined;
}

/** Processors added after start (an in-memory exporter in a test): the provider's own list is fixed at construction. */
const extra = new Set<SpanProcessor>();
const fanOut: SpanProcessor = {
  onStart: (span, parent) => extra.forEach((p) => p.onStart(span, parent)),
  onEnd: (span) => extra.forEach((p) => p.onEnd(span)),
  forceFlush: async () => void (await Promise.all([...extra].map((p) => p.forceFlush()))),
  shutdown: async () => void (await Promise.all([...extra].map((p) => p.shutdown()))),
};

/** Adds a processor to the running provider; returns the function that removes it. */
export function addSpanProcessor(processor: SpanProcessor): () => void {
  extra.add(processor);
  return () => extra.delete(processor);
}

let active: Promise<Tracing> | undefined;

/**
 * Registers a tracer provider once per process. Spans always carry a trace id, so every log line and
 * every evidence record can name its trace; they are recorded only when something exports them.
 */
export function startTracing(options: TracingOptions): Promise<Tracing> {
  active ??= registerProvider(options);
  return active;
}

async function registerProvider(options: TracingOptions): Promise<Tracing> {
  const exporter = await exporterOf(options);
  // Spans nobody exports are not recorded: they still carry a trace id (logs and evidence name it) at almost no cost.
  const sampler: Sampler = {
    shouldSample: () => ({ decision: exporter || extra.size > 0 ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD }),
    toString: () => 'RecordWhenExported',
  };
  const provider = new TracerProvider({
    sampler,
    idGenerator: new PooledIdGenerator(),
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [...(exporter ? [new BatchSpanProcessor({ exporter })] : []), fanOut],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
