import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/** Audit records outlive what they describe, so they hold ids and facts, not foreign keys. */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('audit_events', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: { type: DataTypes.UUID, allowNull: true },
    document_id: { type: DataTypes.UUID, allowNull: true },
    action: { type: DataTypes.TEXT, allowNull: false },
    actor: { type: DataTypes.TEXT, allowNull: false },
    details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('audit_events', ['tenant_id', 'created_at']);
  await qi.addIndex('audit_events', ['document_id']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('audit_events');
};
