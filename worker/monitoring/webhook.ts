import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { MonitorEventRow } from '../db/monitor-models';
import type { Logger } from '../logger';
import { EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from '../webhooks/signing';

export interface MonitorWebhookOptions {
  url: string;
  secret: string;
  /** Base of the events_url sent to the receiver. */
  publicUrl: string;
  maxAttempts: number;
  timeoutMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface MonitorEventPayload {
  event: `monitor.${string}`;
  event_id: string;
  monitor_id: string;
  company_number: string;
  type: string;
  summary: string;
  before: unknown;
  after: unknown;
  detected_at: string;
  events_url: string;
}

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  status: number | null;
}

/** The receiver may succeed next time: it did not answer, or answered 408, 429 or 5xx. */
class RetryableDelivery extends Error {}

export function monitorPayload(event: MonitorEventRow, publicUrl: string): MonitorEventPayload {
  return {
    event: `monitor.${event.type}`,
    event_id: event.id,
    monitor_id: event.monitor_id,
    company_number: event.company_number,
    type: event.type,
    summary: event.summary,
    before: event.before,
    after: event.after,
    detected_at: event.detected_at.toISOString(),
    events_url: `${publicUrl.replace(/\/+$/, '')}/api/v1/monitors/${event.monitor_id}/events`,
  };
}

/**
 * Sends monitoring events signed exactly as task webhooks are (worker/webhooks/signing), so a
 * receiver verifies both the same way. The event id is the idempotency key for every attempt.
 * It never throws: an outage of the receiver leaves the event stored and marked failed.
 */
export function createMonitorWebhookSender(options: MonitorWebhookOptions, log: Logger) {
  const policy = retry(
    handleWhen((e) => e instanceof RetryableDelivery),
    {
      maxAttempts: options.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs }),
    },
  );

  async function attempt(payload: MonitorEventPayload, result: DeliveryResult): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    result.attempts += 1;
    result.status = null;
    try {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: sign(options.secret, timestamp, body),
          [IDEMPOTENCY_HEADER]: payload.event_id,
          [EVENT_HEADER]: payload.event,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      result.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      throw new RetryableDelivery((error as Error).message);
    }
    if (result.status >= 200 && result.status < 300) return;
    if (result.status === 408 || result.status === 429 || result.status >= 500) throw new RetryableDelivery(`HTTP ${result.status}`);
    throw new Error(`The receiver refused the webhook with HTTP ${result.status}`);
  }

  return async function send(event: MonitorEventRow): Promise<DeliveryResult> {
    const payload = monitorPayload(event, options.publicUrl);
    const result: DeliveryResult = { delivered: false, attempts: 0, status: null };
    try {
      await policy.execute(() => attempt(payload, result));
      result.delivered = true;
    } catch (err) {
      log.warn({ err, event_id: event.id, event: payload.event }, 'monitoring webhook not delivered');
    }
    return result;
  };
}

export type MonitorWebhookSender = ReturnType<typeof createMonitorWebhookSender>;
