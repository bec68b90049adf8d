import type { Logger } from './logger';
import { metrics } from './telemetry/metrics';

/** Only what says what went wrong: a rejection from a database driver may carry its client, with the connection string. */
export function errorFields(reason: unknown): Record<string, unknown> {
  if (!reason || typeof reason !== 'object') return { message: String(reason).slice(0, 500) };
  const { name, message, stack, code, errno, syscall } = reason as Partial<Error> & { code?: unknown; errno?: unknown; syscall?: unknown };
  return { type: name, message: String(message ?? reason), stack, code, errno, syscall };
}

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
