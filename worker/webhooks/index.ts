import type { Config } from '../config';
import type { Logger } from '../logger';
import type { WebhookDeliveryLog } from '../persistence/port';
import type { TaskFinished } from '../domain';
import { createWebhookNotifier } from './notifier';
import { webhookOptionsFrom } from './sender';

/** The notifier for ProcessorDeps.onFinished, or undefined when no WEBHOOK_URL is configured. */
export function webhookNotifierFrom(
  config: Config,
  deliveries: WebhookDeliveryLog,
  log: Logger,
): ((event: TaskFinished) => Promise<void>) | undefined {
  const options = webhookOptionsFrom(config);
  if (!options) return undefined;
  return createWebhookNotifier(options, (attempt) => deliveries.record(attempt), log.child({ component: 'webhooks' }));
}
