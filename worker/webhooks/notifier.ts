import type { Logger } from '../logger';
import type { TaskFinished } from '../domain';
import type { DeliveryAttempt } from '../persistence/port';
import { createSignedSender, type AttemptOutcome, type WebhookOptions } from './sender';

export interface WebhookPayload {
  event: 'task.completed' | 'task.failed';
  document_id: string;
  task_id: string;
  decision: string | null;
  result_url: string;
}

export function payloadOf(event: TaskFinished, publicUrl: string): WebhookPayload {
  return {
    event: event.state === 'completed' ? 'task.completed' : 'task.failed',
    document_id: event.document_id,
    task_id: event.task_id,
    decision: event.decision,
    result_url: `${publicUrl.replace(/\/+$/, '')}/api/v1/documents/${event.document_id}`,
  };
}

/** What every attempt of one message is logged under. */
export type DeliveryKey = Pick<DeliveryAttempt, 'tenant_id' | 'document_id' | 'task_id' | 'event' | 'idempotency_key' | 'url'>;

/** Records each attempt of one message; a failure to record is only logged, never the sender's problem. */
export function recordAttempts(key: DeliveryKey, record: (attempt: DeliveryAttempt) => Promise<void>, log: Logger) {
  return (outcome: AttemptOutcome): Promise<void> =>
    record({
      ...key,
      attempt: outcome.attempt,
      status_code: outcome.status,
      error: outcome.error,
      delivered: outcome.delivered,
      duration_ms: outcome.duration_ms,
    }).catch((err: unknown) => log.warn({ err }, 'could not record a webhook attempt'));
}

/**
 * Tells the configured receiver that a task ended, recording every attempt. The idempotency key
 * lets the receiver drop repeats. It never throws: a receiver's outage must not fail a task that
 * has already finished.
 */
export function createWebhookNotifier(options: WebhookOptions, record: (attempt: DeliveryAttempt) => Promise<void>, log: Logger) {
  const send = createSignedSender(options);
  return async function notify(event: TaskFinished): Promise<void> {
    const payload = payloadOf(event, options.publicUrl);
    const idempotencyKey = `${payload.task_id}:${payload.event}`;
    const result = await send(
      { event: payload.event, idempotencyKey, payload },
      recordAttempts(
        {
          tenant_id: event.tenant_id,
          document_id: payload.document_id,
          task_id: payload.task_id,
          event: payload.event,
          idempotency_key: idempotencyKey,
          url: options.url,
        },
        record,
        log,
      ),
    );
    if (result.delivered) log.info({ task_id: payload.task_id, event: payload.event }, 'webhook delivered');
    else
      log.warn(
        { task_id: payload.task_id, event: payload.event, attempts: result.attempts, status: result.status },
        'webhook not delivered',
      );
  };
}
