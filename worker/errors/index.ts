/**
 * A failure that retrying cannot fix (corrupt, encrypted or unsupported file, bad payload).
 * The document ends `failed` with this code and the job is acknowledged.
 */
export class PermanentError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

export function isPermanent(error: unknown): error is PermanentError {
  return error instanceof PermanentError;
}
