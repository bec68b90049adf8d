import type { ErrorBody } from './types';

function isErrorBody(body: unknown): body is ErrorBody {
  const b = body as Partial<ErrorBody> | null;
  return typeof b === 'object' && b !== null && typeof b.code === 'string' && typeof b.message === 'string';
}

/** Every error this client throws has a stable code; `KybApiError` adds what the API answered. */
export class KybError extends Error {
  override readonly name: string = 'KybError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An error answer from the API, as the API stated it: the HTTP status, a stable machine-readable
 * `code` (e.g. `unsupported_type`), a sentence for people, and the request id to quote to support.
 */
export class KybApiError extends KybError {
  override readonly name: string = 'KybApiError';

  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly requestId?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(code, message);
  }

  /** Builds the error from a response and its parsed body; a body without a code (a proxy's page) keeps the status. */
  static fromResponse(response: Response, body: unknown): KybApiError {
    const requestId = response.headers.get('X-Request-Id') ?? undefined;
    if (isErrorBody(body)) {
      return new KybApiError(response.status, body.code, body.message, body.request_id ?? requestId, body.details);
    }
    const reason = response.statusText ? ` ${response.statusText}` : '';
    return new KybApiError(response.status, `http_${response.status}`, `The server answered ${response.status}${reason}.`, requestId);
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; any other answer becomes a KybApiError carrying the API's code and message. */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok || data === undefined) throw KybApiError.fromResponse(response, error);
  return data;
}
