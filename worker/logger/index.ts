import { type Context, context, createContextKey } from '@opentelemetry/api';
import pino from 'pino';
import { currentTraceId } from '../telemetry/tracing';

export type Logger = pino.Logger;

/**
 * The request id rides in the OpenTelemetry context, beside the request's span: one async context a
 * request carries both through every await, where a store of the logger's own was a second one.
 */
const REQUEST_ID = createContextKey('kyb.request_id');

/** `within` with the request id set, for each log line made in it to name. */
export function withRequestId(within: Context, requestId: string): Context {
  return within.setValue(REQUEST_ID, requestId);
}

function requestIdOf(active: Context): { request_id: string } | undefined {
  const requestId = active.getValue(REQUEST_ID) as string | undefined;
  return requestId === undefined ? undefined : { request_id: requestId };
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
 * Structured logs, each line with the request id and the trace id when there are: JSON lines, or one
 * coloured line each on a terminal (`pretty`). Document text, names and numbers never go in at info
 * level: log ids, codes and sizes, and put anything from a document behind `debug`.
 */
export interface LoggerOptions {
  /** Fields on every line (such as the component). */
  base?: Record<string, unknown>;
  /** One coloured line per entry (see `wantsPretty`); JSON lines otherwise. */
  pretty?: boolean;
  /** Where JSON lines go; stdout by default. */
  destination?: pino.DestinationStream;
  /** JSON lines to stdout gathered into fewer writes (see `bufferedStdout`): for a server that logs every request. */
  buffered?: boolean;
}

/**
 * Standard output written asynchronously in writes of a few KB instead of one per line, at least
 * every second, and at once, synchronously, as the process exits (pino registers the flush for an
 * asynchronous destination). Not for a Lambda: it is frozen between invocations, so it logs unbuffered.
 */
export function bufferedStdout(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
}

export function createLogger(level: string, { base = {}, pretty = false, destination, buffered = false }: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'kyb', ...base },
    mixin: () => {
      const traceId = currentTraceId();
      const request = requestIdOf(context.active());
      return traceId ? { ...request, trace_id: traceId } : (request ?? {});
    },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.password', '*.secret', '*.apiKey'], censor: '[redacted]' },
    ...(pretty ? { transport: PRETTY } : {}),
  };
  const stream = destination ?? (buffered && !pretty ? bufferedStdout() : undefined);
  return stream ? pino(options, stream) : pino(options);
}
