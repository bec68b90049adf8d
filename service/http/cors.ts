import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the browser origins configured, or no middleware at all when there are none: same-origin
 * callers and servers need nothing, and every request would otherwise pay for a handler that says no.
 */
export function corsFor(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({ origin: [...origins], exposedHeaders: ['X-Request-Id', 'Retry-After'] });
}
