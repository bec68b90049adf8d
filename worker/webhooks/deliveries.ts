import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';

export interface DeliveryAttempt {
  tenant_id: string;
  document_id: string;
  task_id: string;
  event: string;
  idempotency_key: string;
  url: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  delivered: boolean;
  duration_ms: number;
}

export interface DeliveryRecord extends DeliveryAttempt {
  id: string;
  created_at: Date;
}

/** The webhook_deliveries table: every attempt, delivered or not. */
export class WebhookDeliveryLog {
  constructor(private readonly sequelize: Sequelize) {}

  async record(attempt: DeliveryAttempt): Promise<void> {
    await this.sequelize.getQueryInterface().bulkInsert('webhook_deliveries', [{ id: randomUUID(), ...attempt, created_at: new Date() }]);
  }

  forTask(taskId: string): Promise<DeliveryRecord[]> {
    return this.sequelize.query<DeliveryRecord>('SELECT * FROM webhook_deliveries WHERE task_id = :taskId ORDER BY attempt', {
      replacements: { taskId },
      type: QueryTypes.SELECT,
    });
  }
}
