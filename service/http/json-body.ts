import type { Response } from 'express';

/**
 * Sends JSON serialised once beforehand (a kept view) as `res.json` would send it after serialising:
 * tsoa would serialise the object again for every answer. The answer is complete when this returns,
 * so tsoa adds nothing to it.
 */
export function sendJsonBody(res: Response, body: Buffer, headers: Record<string, string>): void {
  res.set(headers).type('application/json; charset=utf-8').send(body);
}
