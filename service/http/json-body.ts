import type { Response } from 'express';

/**
 * Answers 200 with JSON serialised once beforehand (a kept view): tsoa would serialise the object
 * again for every answer, and Express's `send` would parse the content type and test freshness again
 * (the caller has answered If-None-Match already). The answer is complete when this returns, so tsoa
 * adds nothing to it; Node leaves the body out of an answer to HEAD.
 */
export function sendJsonBody(res: Response, body: Buffer, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.statusCode = 200;
  res.end(body);
}
