import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/** One row per delivery attempt of a webhook, so a tenant can see what was sent and what came back. */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('webhook_deliveries', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'tenants', key: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
    },
    document_id: { type: DataTypes.UUID, allowNull: false },
    task_id: { type: DataTypes.UUID, allowNull: false },
    event: { type: DataTypes.TEXT, allowNull: false },
    idempotency_key: { type: DataTypes.TEXT, allowNull: false },
    url: { type: DataTypes.TEXT, allowNull: false },
    attempt: { type: DataTypes.INTEGER, allowNull: false },
    status_code: { type: DataTypes.INTEGER, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    delivered: { type: DataTypes.BOOLEAN, allowNull: false },
    duration_ms: { type: DataTypes.INTEGER, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('webhook_deliveries', ['task_id', 'attempt']);
  await qi.addIndex('webhook_deliveries', ['tenant_id', 'created_at']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('webhook_deliveries');
};
