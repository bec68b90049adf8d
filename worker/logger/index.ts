import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = pino.Logger;

/** Carries the request id through every await of a request, so each log line can name it. */
const context = new AsyncLocalStorage<{ request_id: string }>();

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ request_id: requestId }, fn);
}

/**
 * Structured JSON logs, each line with the request id when there is one. Document text, names and
 * numbers never go in at info level: log ids, codes and sizes, and put anything from a document
 * behind `debug`.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'kyb', ...base },
    mixin: () => context.getStore() ?? {},
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.secret', '*.apiKey'], censor: '[redacted]' },
  });
}
