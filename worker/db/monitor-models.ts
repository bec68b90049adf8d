import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { CompanySnapshot, EventType } from '../monitoring/types';

export type MonitorStatus = 'active' | 'stopped';
/** Who put the company under monitoring: a client through the API, or the system after a verified document. */
export type MonitorSource = 'api' | 'verified_document' | 'case';
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'not_configured';

export class MonitorRow extends Model<InferAttributes<MonitorRow>, InferCreationAttributes<MonitorRow>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string;
  declare company_number: string;
  declare vat_number: string | null;
  declare status: MonitorStatus;
  declare source: MonitorSource;
  declare source_id: string | null;
  declare snapshot: CreationOptional<CompanySnapshot | null>;
  declare last_checked_at: CreationOptional<Date | null>;
  declare next_check_at: Date;
  declare last_error: CreationOptional<{ code: string; message: string } | null>;
  declare stopped_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class MonitorEventRow extends Model<InferAttributes<MonitorEventRow>, InferCreationAttributes<MonitorEventRow>> {
  declare id: CreationOptional<string>;
  declare monitor_id: string;
  declare tenant_id: string;
  declare type: EventType;
  declare company_number: string;
  declare summary: string;
  declare before: unknown;
  declare after: unknown;
  declare detected_at: Date;
  declare delivery_state: DeliveryState;
  declare delivery_attempts: CreationOptional<number>;
  declare last_delivery_status: CreationOptional<number | null>;
  declare delivered_at: CreationOptional<Date | null>;
}

export function defineMonitorModels(sequelize: Sequelize): void {
  MonitorRow.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
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
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'monitors', underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  MonitorEventRow.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
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
    { sequelize, tableName: 'monitor_events', timestamps: false },
  );
}
