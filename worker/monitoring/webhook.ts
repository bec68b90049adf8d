import type { MonitorEventRecord } from './port';
import type { Logger } from '../logger';
import { createSignedSender, type DeliveryResult, type WebhookOptions } from '../webhooks/sender';

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

export function monitorPayload(event: MonitorEventRecord, publicUrl: string): MonitorEventPayload {
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
 * Sends monitoring events signed exactly as task webhooks are, so a receiver verifies both the
 * same way. The event id is the idempotency key for every attempt. It never throws: an outage of
 * the receiver leaves the event stored and marked failed.
 */
export function createMonitorWebhookSender(options: WebhookOptions, log: Logger) {
  const send = createSignedSender(options);
  return async function sendEvent(event: MonitorEventRecord): Promise<DeliveryResult> {
    const payload = monitorPayload(event, options.publicUrl);
    const result = await send({ event: payload.event, idempotencyKey: payload.event_id, payload });
    if (!result.delivered)
      log.warn({ event_id: event.id, event: payload.event, status: result.status }, 'monitoring webhook not delivered');
    return result;
  };
}

export type MonitorWebhookSender = ReturnType<typeof createMonitorWebhookSender>;
