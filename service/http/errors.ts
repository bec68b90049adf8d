import type { ErrorRequestHandler, Request, Response } from 'express';
import { MulterError } from 'multer';
import { ValidateError } from '@tsoa/runtime';
import type { Logger } from '../../worker';
import { ServiceError, type ErrorKind } from '../errors';

/** The body of every error the API returns: a stable machine-readable code and a sentence for people. */
export interface ErrorBody {
  code: string;
  message: string;
  request_id?: string;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The one place a service's error kind becomes an HTTP status. */
const STATUS: Record<ErrorKind, number> = {
  bad_input: 400,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported: 415,
  invalid: 422,
  too_many: 429,
  unavailable: 503,
};

const unavailable = (code: string, message: string) => new ApiError(503, code, message, undefined, { 'Retry-After': '5' });

const MULTER_ERRORS: Record<string, [number, string, string]> = {
  LIMIT_FILE_SIZE: [413, 'file_too_large', 'The file is larger than the upload limit.'],
  LIMIT_FILE_COUNT: [400, 'too_many_files', 'Send exactly one file, in the part named "file".'],
  LIMIT_UNEXPECTED_FILE: [400, 'unexpected_file', 'Send the document in a part named "file", and only one.'],
  LIMIT_PART_COUNT: [400, 'too_many_parts', 'The form has too many parts.'],
  LIMIT_FIELD_COUNT: [400, 'too_many_fields', 'The form has too many fields.'],
  LIMIT_FIELD_KEY: [400, 'field_name_too_long', 'A form field name is too long.'],
  LIMIT_FIELD_VALUE: [413, 'field_too_large', 'A form field value is too large.'],
};

function translate(error: unknown, isUnavailable: (error: unknown) => boolean): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof ServiceError) {
    if (error.kind === 'unavailable') return unavailable(error.code, error.message);
    return new ApiError(STATUS[error.kind], error.code, error.message, error.details);
  }
  if (error instanceof MulterError) {
    const [status, code, message] = MULTER_ERRORS[error.code] ?? [400, 'invalid_multipart', error.message];
    const limits = error.code === 'LIMIT_FILE_SIZE' ? { field: error.field } : undefined;
    return new ApiError(status, code, message, limits);
  }
  if (error instanceof ValidateError) {
    return new ApiError(422, 'validation_failed', 'The request is not valid.', { fields: error.fields });
  }
  if (isUnavailable(error)) return unavailable('database_unavailable', 'The database is not reachable; try again shortly.');
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new ApiError(413, 'body_too_large', 'The request body is too large.');
  if (e?.type === 'entity.parse.failed') return new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  if (typeof e?.message === 'string' && /boundary|multipart|Unexpected end of form|Malformed part header/i.test(e.message)) {
    return new ApiError(400, 'invalid_multipart', 'The multipart body is malformed.');
  }
  if (e?.status && e.status >= 400 && e.status < 500) return new ApiError(e.status, 'bad_request', e.message ?? 'Bad request.');
  return undefined;
}

export function requestId(req: Request): string | undefined {
  return (req as Request & { id?: string }).id?.toString();
}

export function sendError(res: Response, req: Request, error: ApiError): void {
  if (error.headers) res.set(error.headers);
  const body: ErrorBody = { code: error.code, message: error.message, request_id: requestId(req) };
  if (error.details) body.details = error.details;
  res.status(error.status).json(body);
}

/** Turns every error into `{ code, message, request_id }` with the right status; unknown ones are logged and answered 500. */
export function errorHandler(log: Logger, isUnavailable: (error: unknown) => boolean): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = translate(error, isUnavailable);
    if (known) return sendError(res, req, known);
    log.error({ err: error, request_id: requestId(req) }, 'unhandled error');
    sendError(res, req, new ApiError(500, 'internal_error', 'Something went wrong on our side; try again.'));
  };
}
