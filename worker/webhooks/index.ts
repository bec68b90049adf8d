import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { TaskFinished } from '../processor';
import { WebhookDeliveryLog } from './deliveries';
import { createWebhookNotifier } from './notifier';

/** The notifier for ProcessorDeps.onFinished, or undefined when no WEBHOOK_URL is configured. */
export function webhookNotifierFrom(
  config: Config,
  sequelize: Sequelize,
  log: Logger,
): ((event: TaskFinished) => Promise<void>) | undefined {
  if (!config.WEBHOOK_URL || !config.WEBHOOK_SECRET) return undefined;
  const deliveries = new WebhookDeliveryLog(sequelize);
  return createWebhookNotifier(
    {
      url: config.WEBHOOK_URL,
      secret: config.WEBHOOK_SECRET,
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      initialDelayMs: config.WEBHOOK_RETRY_DELAY_MS,
      maxDelayMs: Math.max(config.WEBHOOK_RETRY_DELAY_MS, 60_000),
    },
    (attempt) => deliveries.record(attempt),
    log.child({ component: 'webhooks' }),
  );
}
