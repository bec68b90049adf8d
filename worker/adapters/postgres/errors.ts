import { ConnectionError, TimeoutError } from 'sequelize';

/** Whether an error means the database could not be reached (as opposed to a query it refused). */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof TimeoutError;
}
