import type { Logger } from './logger';
import { errorFields } from './logger/error-fields';
import { metrics } from './telemetry/metrics';

/**
 * Keeps a long-running process (the API with its in-process worker) alive through a promise that
 * rejects with nobody listening, such as a dependency's call made without a catch during a database
 * outage: it is logged and counted as a metric instead of ending the process. Returns the remover.
 */
export function guardUnhandledRejections(log: Logger): () => void {
  const onRejection = (reason: unknown) => {
    metrics().unhandledRejection();
    log.error({ err: errorFields(reason) }, 'unhandled promise rejection; the process carries on');
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
