import type { Response } from 'express';

export interface SseOptions {
  /** The event name every item is sent as. */
  event: string;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

/**
 * Sends each item as a server-sent event, and a keep-alive comment for the `null` ticks in between
 * when the stream has been quiet for a while; ends when the items end or the client goes away.
 * The first item is read before any header is sent, so an error there still gets a JSON answer.
 * Returns the last item sent.
 */
export async function sendEvents<T>(res: Response, items: AsyncIterable<T | null>, options: SseOptions): Promise<T | undefined> {
  const iterator = items[Symbol.asyncIterator]();
  let step = await iterator.next();
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  let last: T | undefined;
  let lastWrite = Date.now();
  let id = 0;
  while (!step.done && !closed) {
    if (step.value !== null) {
      res.write(`id: ${++id}\nevent: ${options.event}\ndata: ${JSON.stringify(step.value)}\n\n`);
      last = step.value;
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite >= options.heartbeatMs) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    step = await iterator.next();
  }
  await iterator.return?.(undefined);
  res.end();
  return last;
}
