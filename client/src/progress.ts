import type { Client } from 'openapi-fetch';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { KybApiError, KybError } from './errors';
import type { paths } from './generated/schema';
import { sleep } from './sleep';
import { isFinal, type ProgressView } from './types';

export interface FollowOptions {
  /** Stops following (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Pause before reopening a stream that closed before the task ended. */
  retryDelayMs?: number;
  /** Give up after this many reopened streams in a row brought no news. */
  maxQuietRetries?: number;
}

/**
 * Feeds a `text/event-stream` body to the parser until the server ends it. A broken connection is
 * returned (the caller may reconnect); errors from `onMessage` are the caller's and propagate.
 */
async function readEvents(body: ReadableStream<Uint8Array>, onMessage: (message: EventSourceMessage) => void): Promise<unknown> {
  const parser = createParser({ onEvent: onMessage });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (broken) {
        return broken;
      }
      if (chunk.done) return undefined;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * Follows a task over server-sent events read with fetch (EventSource cannot send the API key),
 * calling `onEvent` with every `progress` event, and resolves with the final one. A stream that
 * drops early is reopened: the server starts each stream with the task's current state.
 */
export async function followProgress(
  api: Client<paths>,
  taskId: string,
  onEvent: (progress: ProgressView) => void,
  { signal, retryDelayMs = 1000, maxQuietRetries = 3 }: FollowOptions = {},
): Promise<ProgressView> {
  let quiet = 0;
  let last: ProgressView | undefined;
  for (;;) {
    const { data, error, response } = await api.GET('/api/v1/progress/{task_id}', {
      params: { path: { task_id: taskId }, header: { accept: 'text/event-stream' } },
      parseAs: 'stream',
      signal,
    });
    if (!response.ok) throw KybApiError.fromResponse(response, error);
    if (!data || !response.headers.get('Content-Type')?.includes('text/event-stream')) {
      throw new KybApiError(response.status, 'unexpected_response', 'The progress endpoint did not answer with an event stream.');
    }
    let news = false;
    const broken = await readEvents(data, (message) => {
      if (message.event !== 'progress') return;
      last = JSON.parse(message.data) as ProgressView;
      news = true;
      onEvent(last);
    });
    if (signal?.aborted) throw signal.reason;
    if (last && isFinal(last)) return last;
    quiet = news ? 0 : quiet + 1;
    if (quiet > maxQuietRetries) {
      throw broken ?? new KybError('stream_ended', `The progress stream for task ${taskId} kept closing before the task ended.`);
    }
    await sleep(retryDelayMs, signal);
  }
}
