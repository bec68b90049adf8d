import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { Logger } from '../logger';
import type { TaskFinished } from '../processor';
import type { DeliveryAttempt } from './deliveries';
import { EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from './signing';

export interface WebhookOptions {
  url: string;
  secret: string;
  /** Base of the result_url sent to the receiver. */
  publicUrl: string;
  maxAttempts: number;
  timeoutMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface WebhookPayload {
  event: 'task.completed' | 'task.failed';
  document_id: string;
  task_id: string;
  decision: string | null;
  result_url: string;
}

/** The receiver may succeed next time: it did not answer, or answered 408, 429 or 5xx. */
class RetryableDelivery extends Error {}

export function payloadOf(event: TaskFinished, publicUrl: string): WebhookPayload {
  return {
    event: event.state === 'completed' ? 'task.completed' : 'task.failed',
    document_id: event.document_id,
    task_id: event.task_id,
    decision: event.decision,
    result_url: `${publicUrl.replace(/\/+$/, '')}/api/v1/documents/${event.document_id}`,
  };
}

/**
 * Tells the configured receiver that a task ended. Each attempt is signed afresh (its own
 * timestamp), carries the same idempotency key so the receiver can drop repeats, and is recorded.
 * It never throws: a receiver's outage must not fail a task that has already finished.
 */
export function createWebhookNotifier(options: WebhookOptions, record: (attempt: DeliveryAttempt) => Promise<void>, log: Logger) {
  const policy = retry(
    handleWhen((e) => e instanceof RetryableDelivery),
    {
      maxAttempts: options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
    },
  );

  async function attempt(event: TaskFinished, payload: WebhookPayload, n: number): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const idempotencyKey = `${payload.task_id}:${payload.event}`;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(options.secret, timestamp, body),
          [IDEMPOTENCY_HEADER]: idempotencyKey,
          [EVENT_HEADER]: payload.event,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message;
    }
    const delivered = status !== null && status >= 200 && status < 300;
    await record({
      tenant_id: event.tenant_id,
      document_id: payload.document_id,
      task_id: payload.task_id,
      event: payload.event,
      idempotency_key: idempotencyKey,
      url: options.url,
      attempt: n,
      status_code: status,
      error,
      delivered,
      duration_ms: Date.now() - started,
    }).catch((err: unknown) => log.warn({ err }, 'could not record a webhook attempt'));
    if (delivered) return;
    if (status === null || status === 408 || status === 429 || status >= 500) throw new RetryableDelivery(error ?? `HTTP ${status}`);
    throw new Error(`The receiver refused the webhook with HTTP ${status}`);
  }

  return async function notify(event: TaskFinished): Promise<void> {
    const payload = payloadOf(event, options.publicUrl);
    try {
      await policy.execute(({ attempt: n }) => attempt(event, payload, n + 1));
      log.info({ task_id: payload.task_id, event: payload.event }, 'webhook delivered');
    } catch (err) {
      log.warn({ err, task_id: payload.task_id, event: payload.event }, 'webhook not delivered');
    }
  };
}
