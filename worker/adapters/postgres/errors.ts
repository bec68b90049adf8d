import { ConnectionError, TimeoutError } from 'sequelize';

/**
 * SQLSTATEs of a connection lost rather than a statement refused: class 08 (connection exception)
 * and 57P01–57P03 (the server shutting down, crashed, or not yet accepting).
 */
const LOST = /^(08|57P0[1-3])/;

/** What pg's client says, with no code, when its connection broke under it. */
const BROKEN = /^(Connection terminated|Client has encountered a connection error|Client was closed)/;

function lostConnection(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; parent?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && LOST.test(e.code)) return true;
  if (typeof e.message === 'string' && BROKEN.test(e.message)) return true;
  // Sequelize wraps what pg threw in `parent`.
  return e.parent !== undefined && e.parent !== error && lostConnection(e.parent);
}

/** Whether an error means the database could not be reached, or went away mid-statement (as opposed to a query it refused). */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof ConnectionError || error instanceof TimeoutError || lostConnection(error);
}
