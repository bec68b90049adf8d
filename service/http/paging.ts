import { isUuid, type Keyset } from '../../worker';
import { ServiceError } from '../errors';

/** The most items one page may hold, and how many a page holds when the client does not say. */
export const MAX_PAGE_LIMIT = 200;
export const DEFAULT_PAGE_LIMIT = 50;

/** Postgres's text form of a timestamptz, which the cursor carries to keep its microseconds. */
const STORED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const invalidCursor = () =>
  new ServiceError('invalid', 'invalid_cursor', 'cursor is not one this API gave out: pass next_cursor from the previous page unchanged.');

/** Opaque to clients: they pass back what they were given, so the encoding may change without breaking them. */
export function encodeCursor(keyset: Keyset | undefined): string | null {
  return keyset ? Buffer.from(JSON.stringify([keyset.created_at, keyset.id])).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > 200) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [created_at, id] = parsed as unknown[];
  if (typeof created_at !== 'string' || !STORED_TIME.test(created_at) || typeof id !== 'string' || !isUuid(id)) throw invalidCursor();
  return { created_at, id };
}

export function pageLimit(limit: number | undefined): number {
  const value = limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_LIMIT)
    throw new ServiceError('invalid', 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.`);
  return value;
}

/** An ISO 8601 time from a query string, or a 422 naming the parameter. */
export function queryTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime()))
    throw new ServiceError('invalid', 'invalid_filter', `${name} must be an ISO 8601 date or time, e.g. 2026-01-31T00:00:00Z.`, {
      parameter: name,
    });
  return time;
}
