import type { Config } from '../config';
import type { Logger } from '../logger';
import type { WebhookDeliveryLog, WebhookOutbox } from '../persistence/port';
import { createOutboxDispatcher, type OutboxDispatcher } from './notifier';
import { webhookOptionsFrom } from './sender';

export type { OutboxDispatcher } from './notifier';

/** The outbox's dispatcher, or undefined when no WEBHOOK_URL is configured. */
export function outboxDispatcherFrom(
  config: Config,
  outbox: WebhookOutbox,
  deliveries: WebhookDeliveryLog,
  log: Logger,
): OutboxDispatcher | undefined {
  const options = webhookOptionsFrom(config);
  if (!options) return undefined;
  return createOutboxDispatcher(options, outbox, (attempt) => deliveries.record(attempt), log.child({ component: 'webhooks' }));
}
