import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * Companies under monitoring and the changes found in them. A monitor keeps the last snapshot the
 * registries gave, so each check compares against what was seen, not against the documents.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('monitors', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'tenants', key: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
    },
    company_number: { type: DataTypes.TEXT, allowNull: false },
    vat_number: { type: DataTypes.TEXT, allowNull: true },
    status: { type: DataTypes.TEXT, allowNull: false },
    source: { type: DataTypes.TEXT, allowNull: false },
    source_id: { type: DataTypes.UUID, allowNull: true },
    snapshot: { type: DataTypes.JSONB, allowNull: true },
    last_checked_at: { type: DataTypes.DATE, allowNull: true },
    next_check_at: { type: DataTypes.DATE, allowNull: false },
    last_error: { type: DataTypes.JSONB, allowNull: true },
    stopped_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  // One active monitor per company and tenant; stopped ones stay for their history.
  await qi.addIndex('monitors', ['tenant_id', 'company_number'], {
    unique: true,
    where: { status: 'active' },
    name: 'monitors_active_company',
  });
  await qi.addIndex('monitors', ['next_check_at'], { where: { status: 'active' }, name: 'monitors_due' });

  await qi.createTable('monitor_events', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    monitor_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'monitors', key: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
    },
    tenant_id: { type: DataTypes.UUID, allowNull: false },
    type: { type: DataTypes.TEXT, allowNull: false },
    company_number: { type: DataTypes.TEXT, allowNull: false },
    summary: { type: DataTypes.TEXT, allowNull: false },
    before: { type: DataTypes.JSONB, allowNull: true },
    after: { type: DataTypes.JSONB, allowNull: true },
    detected_at: { type: DataTypes.DATE, allowNull: false },
    delivery_state: { type: DataTypes.TEXT, allowNull: false },
    delivery_attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_delivery_status: { type: DataTypes.INTEGER, allowNull: true },
    delivered_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.addIndex('monitor_events', ['monitor_id', 'detected_at']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('monitor_events');
  await qi.dropTable('monitors');
};
