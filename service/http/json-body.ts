import type { Response } from 'express';

/**
 * Answers with JSON serialised once beforehand (a kept view): tsoa would serialise the object again
 * for every answer, and Express's `send` would parse the content type, hash the body for an ETag and
 * test freshness again (the caller has answered If-None-Match already, or the answer has no versions,
 * as an upload's 202). The answer is complete when this returns, so tsoa adds nothing to it; Node
 * leaves the body out of an answer to HEAD.
 */
export function sendJsonBody(res: Response, body: Buffer | string, headers: Record<string, string>, status = 200): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.statusCode = status;
  res.end(body);
}
