import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { ApiError, sendError } from './errors';

/**
 * One budget per API key (hashed, so keys never sit in memory in the clear), or per address for
 * requests without one. Runs before authentication so floods of bad keys are limited too.
 */
export function rateLimitPerKey(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      if (auth) return `key:${createHash('sha256').update(auth).digest('hex')}`;
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + 60_000;
      const retryAfter = String(Math.max(1, Math.ceil((reset - Date.now()) / 1000)));
      sendError(
        res,
        req,
        new ApiError(429, 'rate_limited', `Too many requests for this API key; retry in ${retryAfter} s.`, undefined, {
          'Retry-After': retryAfter,
        }),
      );
    },
  });
}
