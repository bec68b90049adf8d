import { DataTypes, type Sequelize } from 'sequelize';
import type { MonitorEventRecord, MonitorRecord } from '../../monitoring/port';
import { timestamp, uuidKey, type RowModel } from './columns';

export interface MonitorModels {
  Monitor: RowModel<MonitorRecord, 'id' | 'created_at' | 'updated_at' | 'snapshot' | 'last_checked_at' | 'last_error' | 'stopped_at'>;
  MonitorEvent: RowModel<MonitorEventRecord, 'id' | 'delivery_attempts' | 'last_delivery_status' | 'delivered_at'>;
}

export function defineMonitorModels(sequelize: Sequelize): MonitorModels {
  return {
    Monitor: sequelize.define(
      'Monitor',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
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
        created_at: timestamp(),
        updated_at: timestamp(),
      },
      {
        tableName: 'monitors',
        indexes: [
          // One active monitor per company and tenant; stopped ones stay for their history.
          { name: 'monitors_active_company', fields: ['tenant_id', 'company_number'], unique: true, where: { status: 'active' } },
          { name: 'monitors_due', fields: ['next_check_at'], where: { status: 'active' } },
          { fields: ['tenant_id', 'created_at', 'id'] },
          { fields: ['tenant_id', 'status', 'created_at', 'id'] },
        ],
        underscored: true,
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    ),
    MonitorEvent: sequelize.define(
      'MonitorEvent',
      {
        id: uuidKey(),
        monitor_id: { type: DataTypes.UUID, allowNull: false },
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
      },
      { tableName: 'monitor_events', indexes: [{ fields: ['monitor_id', 'detected_at'] }], timestamps: false },
    ),
  };
}
