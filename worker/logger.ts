import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Document text, names and numbers never go in at info level: log ids,
 * codes and sizes, and put anything from a document behind `debug`.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'kyb', ...base },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.secret'], censor: '[redacted]' },
  });
}
