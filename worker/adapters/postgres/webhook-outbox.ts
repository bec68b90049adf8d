import { Op, QueryTypes } from 'sequelize';
import type { OutboxMessage, WebhookOutbox } from '../../persistence/port';
import { plainAll } from './columns';
import { PostgresRepository } from './repository';

/** The webhook_outbox table; rows are written by the document repository in the task's own transaction. */
export class PostgresWebhookOutbox extends PostgresRepository implements WebhookOutbox {
  /** Due rows, taken with SKIP LOCKED and pushed out by the lease, so two dispatchers never send one row at once. */
  async claimDue(limit: number, leaseSeconds: number): Promise<OutboxMessage[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `UPDATE webhook_outbox SET next_attempt_at = now() + make_interval(secs => :leaseSeconds)
        WHERE id IN (SELECT id FROM webhook_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      { replacements: { limit, leaseSeconds }, type: QueryTypes.SELECT },
    );
    if (rows.length === 0) return [];
    return plainAll(
      await this.m.WebhookOutbox.findAll({ where: { id: { [Op.in]: rows.map((r) => r.id) } }, order: [['created_at', 'ASC']] }),
    );
  }

  async delivered(id: string): Promise<void> {
    await this.m.WebhookOutbox.update({ status: 'delivered', delivered_at: new Date(), last_error: null }, { where: { id } });
  }

  async undelivered(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.m.WebhookOutbox.update(
      {
        status: retryAt ? 'pending' : 'abandoned',
        last_error: error.slice(0, 1000),
        rounds: this.sequelize.literal('rounds + 1') as unknown as number,
        ...(retryAt ? { next_attempt_at: retryAt } : {}),
      },
      { where: { id } },
    );
  }

  async forTask(taskId: string): Promise<OutboxMessage[]> {
    return plainAll(await this.m.WebhookOutbox.findAll({ where: { task_id: taskId }, order: [['created_at', 'ASC']] }));
  }
}
