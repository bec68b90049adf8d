/**
 * What went wrong, in the services' own terms. service/http/errors.ts maps each kind to its HTTP
 * status in one place; services never choose a status.
 */
export type ErrorKind =
  'bad_input' | 'not_found' | 'conflict' | 'gone' | 'too_large' | 'unsupported' | 'invalid' | 'too_many' | 'unavailable';

export class ServiceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable and machine-readable: clients branch on it. */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what = 'Document'): ServiceError => new ServiceError('not_found', 'not_found', `${what} not found.`);
