import type { DeliveryAttempt, DeliveryRecord, WebhookDeliveryLog } from '../../persistence/port';
import { plainAll } from './columns';
import type { Models } from './models';

/** The webhook_deliveries table: every attempt, delivered or not. */
export class PostgresWebhookDeliveryLog implements WebhookDeliveryLog {
  constructor(private readonly m: Pick<Models, 'WebhookDelivery'>) {}

  async record(attempt: DeliveryAttempt): Promise<void> {
    await this.m.WebhookDelivery.create(attempt);
  }

  async forTask(taskId: string): Promise<DeliveryRecord[]> {
    return plainAll(await this.m.WebhookDelivery.findAll({ where: { task_id: taskId }, order: [['attempt', 'ASC']] }));
  }
}
