import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * The webhook outbox: a task's end and the webhook that tells of it are written in one transaction,
 * and a dispatcher sends what is pending (at least once, always with the same idempotency key), so a
 * crash between recording a result and sending it loses nothing.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('webhook_outbox', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: { type: DataTypes.UUID, allowNull: false },
    document_id: { type: DataTypes.UUID, allowNull: false },
    task_id: { type: DataTypes.UUID, allowNull: false },
    state: { type: DataTypes.TEXT, allowNull: false },
    decision: { type: DataTypes.TEXT, allowNull: true },
    idempotency_key: { type: DataTypes.TEXT, allowNull: false, unique: true },
    status: { type: DataTypes.TEXT, allowNull: false },
    rounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE, allowNull: false },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    delivered_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('webhook_outbox', ['status', 'next_attempt_at']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('webhook_outbox');
};
