import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = pino.Logger;

/** Carries the request id through every await of a request, so each log line can name it. */
const context = new AsyncLocalStorage<{ request_id: string }>();

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ request_id: requestId }, fn);
}

export type LogFormat = 'auto' | 'json' | 'pretty';

/** pino-pretty is a development dependency: a production install has none, and gets JSON. */
function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Readable lines for a person at a terminal; JSON for machines, and always in production. */
export function wantsPretty(format: LogFormat, stdoutIsTty: boolean, nodeEnv: string): boolean {
  if (format === 'json') return false;
  if (format === 'auto' && (!stdoutIsTty || nodeEnv === 'production')) return false;
  return prettyAvailable();
}

const PRETTY = {
  target: 'pino-pretty',
  options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,req,res,responseTime' },
};

/**
 * Structured logs, each line with the request id when there is one: JSON lines, or one coloured line
 * each on a terminal (`pretty`). Document text, names and numbers never go in at info level: log ids,
 * codes and sizes, and put anything from a document behind `debug`.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}, pretty = false): Logger {
  return pino({
    level,
    base: { service: 'kyb', ...base },
    mixin: () => context.getStore() ?? {},
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.secret', '*.apiKey'], censor: '[redacted]' },
    ...(pretty ? { transport: PRETTY } : {}),
  });
}
