import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { DeliveryAttempt, WebhookDeliveryLog } from '../persistence/port';
import { recordAttempts } from '../webhooks/notifier';
import { createSignedSender, webhookOptionsFrom, type WebhookOptions } from '../webhooks/sender';

/** What the receiver is told when a person decides: the review, the automatic verdict beside it, and which stands. */
export interface ReviewWebhook {
  event: 'document.reviewed' | 'case.reviewed';
  review_id: string;
  document_id?: string;
  case_id?: string;
  /** The verification (document) or case version the reviewer decided on. */
  reviewed_version: string;
  automatic_decision: string;
  decision: string;
  reason_code: string;
  reviewed_at: string;
  reviewer_key_id: string;
  /** The decision that stands now, and who made it. */
  standing: { decision: string; by: 'automatic' | 'review' };
  result_url: string;
}

export type ReviewNotifier = (tenantId: string, message: Omit<ReviewWebhook, 'review_id' | 'result_url'>) => Promise<void>;

/**
 * Sends reviews through the same signed, retried, logged delivery as task webhooks. Each review
 * gets its own id, which keys the idempotency header and the delivery log (its document_id column
 * holds the case id for a case review). It never throws: the review is recorded either way.
 */
export function createReviewNotifier(
  options: WebhookOptions,
  record: (attempt: DeliveryAttempt) => Promise<void>,
  log: Logger,
): ReviewNotifier {
  const send = createSignedSender(options);
  const base = options.publicUrl.replace(/\/+$/, '');
  return async (tenantId, message) => {
    const review_id = randomUUID();
    const subject = message.document_id ? `documents/${message.document_id}` : `cases/${message.case_id}`;
    const payload: ReviewWebhook = { ...message, review_id, result_url: `${base}/api/v1/${subject}` };
    const idempotencyKey = `${review_id}:${message.event}`;
    const result = await send(
      { event: message.event, idempotencyKey, payload },
      recordAttempts(
        {
          tenant_id: tenantId,
          document_id: message.document_id ?? message.case_id ?? review_id,
          task_id: review_id,
          event: message.event,
          idempotency_key: idempotencyKey,
          url: options.url,
        },
        record,
        log,
      ),
    );
    if (!result.delivered) log.warn({ review_id, event: message.event, attempts: result.attempts }, 'review webhook not delivered');
  };
}

/** The review notifier, or undefined when no WEBHOOK_URL is configured. */
export function reviewNotifierFrom(config: Config, deliveries: WebhookDeliveryLog, log: Logger): ReviewNotifier | undefined {
  const options = webhookOptionsFrom(config);
  if (!options) return undefined;
  return createReviewNotifier(options, (attempt) => deliveries.record(attempt), log.child({ component: 'webhooks' }));
}
