import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';

/** The business figures the dashboard and alarms read. */
export interface BusinessMetrics {
  /** A task ended with a verdict (or failed: decision `failed`). */
  documentDecided(documentType: string, decision: string): void;
  stageDuration(stage: string, ms: number): void;
  ocrPages(pages: number): void;
  registryCall(registry: string, outcome: 'ok' | 'error', ms: number): void;
  /** How long a job waited in the queue before a worker took it. */
  queueAge(seconds: number): void;
  /** A promise rejected with nobody to handle it: logged and counted, and the process carries on. */
  unhandledRejection(): void;
}

export const METRIC = {
  decided: 'DocumentsDecided',
  stage: 'StageDuration',
  ocr: 'OcrPages',
  registryCalls: 'RegistryCalls',
  registryErrors: 'RegistryErrors',
  registryLatency: 'RegistryLatency',
  queueAge: 'QueueAge',
  unhandledRejections: 'UnhandledRejections',
} as const;

export const noMetrics: BusinessMetrics = {
  documentDecided: () => undefined,
  stageDuration: () => undefined,
  ocrPages: () => undefined,
  registryCall: () => undefined,
  queueAge: () => undefined,
  unhandledRejection: () => undefined,
};

/** Like OpenTelemetry's API, one process-wide sink: the composition root sets it, the code that counts reads it. */
let sink: BusinessMetrics = noMetrics;

export function metrics(): BusinessMetrics {
  return sink;
}

/** Makes `next` the process's sink; returns the function that puts the previous one back. */
export function useMetrics(next: BusinessMetrics): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

/**
 * CloudWatch embedded metric format through Powertools: one JSON line on stdout per figure, which
 * CloudWatch Logs turns into metrics (Lambda and the ECS awslogs driver alike), with no API call.
 * Each figure is emitted at once with its own dimensions, so nothing waits for a flush.
 */
export function emfMetrics(namespace: string, serviceName: string): BusinessMetrics {
  const metrics = new Metrics({ namespace, serviceName });
  const emit = (name: string, unit: Unit, value: number, dimensions: Record<string, string> = {}) => {
    const single = metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, unit, value);
  };
  return {
    documentDecided: (documentType, decision) => emit(METRIC.decided, MetricUnit.Count, 1, { document_type: documentType, decision }),
    stageDuration: (stage, ms) => emit(METRIC.stage, MetricUnit.Milliseconds, ms, { stage }),
    ocrPages: (pages) => emit(METRIC.ocr, MetricUnit.Count, pages),
    registryCall: (registry, outcome, ms) => {
      emit(METRIC.registryCalls, MetricUnit.Count, 1, { registry });
      if (outcome === 'error') emit(METRIC.registryErrors, MetricUnit.Count, 1, { registry });
      emit(METRIC.registryLatency, MetricUnit.Milliseconds, ms, { registry });
    },
    queueAge: (seconds) => emit(METRIC.queueAge, MetricUnit.Seconds, seconds),
    unhandledRejection: () => emit(METRIC.unhandledRejections, MetricUnit.Count, 1),
  };
}
