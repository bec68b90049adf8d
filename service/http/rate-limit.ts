import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options, type RateLimitInfo } from 'express-rate-limit';
import { bearerKey } from './auth';
import { ApiError, sendError } from './errors';

export interface RateLimitSettings {
  /** Requests per minute for one API key. */
  perKeyPerMinute: number;
  /** Failed authentications (no key, a malformed or unknown one) per minute for one client address. */
  failedAuthPerMinute: number;
}

/** The client's address as Express sees it: the socket's, unless `trust proxy` names hops to believe. */
const addressOf = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

/** Answers 429 `rate_limited` with the seconds until the window resets in `Retry-After` and the message. */
function sendRefusal(req: Request, res: Response, resetTime: Date | undefined, message: (retryAfter: string) => string): void {
  const reset = resetTime?.getTime() ?? Date.now() + 60_000;
  const retryAfter = String(Math.max(1, Math.ceil((reset - Date.now()) / 1000)));
  sendError(res, req, new ApiError(429, 'rate_limited', message(retryAfter), undefined, { 'Retry-After': retryAfter }));
}

function refuse(message: (retryAfter: string) => string): Options['handler'] {
  return (req, res) => sendRefusal(req, res, (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime, message);
}

/**
 * An address that keeps failing to authenticate is refused before its next attempt reaches the key
 * lookup, so a flood of made-up keys costs no database query once over budget. Only answers of 401
 * count, once they are sent: counting at the start (express-rate-limit's way) would refuse a burst of
 * good requests from one address while they are in flight.
 */
function failedAuthPerAddress(perMinute: number): RequestHandler {
  const windowMs = 60_000;
  const failures = new MemoryStore();
  failures.init({ windowMs } as Options);
  /** When this process last answered 401: with none for a whole window, no address can be over budget. */
  let lastFailure = -Infinity;
  const message = (s: string) => `Too many failed authentication attempts from this address; retry in ${s} s.`;
  const countFailure = (req: Request, res: Response) =>
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      lastFailure = Date.now();
      void failures.increment(addressOf(req));
    });
  return (req, res, next) => {
    // The common case, skipped without resolving the address or asking the store: no failures of late.
    if (Date.now() - lastFailure > windowMs) {
      countFailure(req, res);
      next();
      return;
    }
    failures
      .get(addressOf(req))
      .then((seen) => {
        if (seen && seen.totalHits >= perMinute) {
          sendRefusal(req, res, seen.resetTime, message);
          return;
        }
        countFailure(req, res);
        next();
      })
      .catch(next);
  };
}

/**
 * One budget per API key, keyed on the key as authentication parses it (so `Bearer  KEY`, `bearer KEY`
 * and `Bearer KEY ` share one), hashed so keys never sit in memory in the clear. A parsed key stands for
 * exactly one key id; anything that is not a key is left to the per-address limit on failures.
 */
function perKey(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => bearerKey(req) === undefined,
    // The digest authentication looks up next: the key is parsed and hashed once a request.
    keyGenerator: (req) => `key:${bearerKey(req)?.digest ?? ''}`,
    handler: refuse((s) => `Too many requests for this API key; retry in ${s} s.`),
  });
}

/** Rate limits for the API: failed authentications per address first, then each key's budget. */
export function rateLimits(settings: RateLimitSettings): RequestHandler[] {
  return [failedAuthPerAddress(settings.failedAuthPerMinute), perKey(settings.perKeyPerMinute)];
}
