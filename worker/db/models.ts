import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type {
  Claims,
  Classification,
  DocumentStatus,
  DocumentType,
  ExtractedField,
  PageInfo,
  StageName,
  TaskKind,
  TaskState,
  Verification,
} from '../domain';
import { defineCaseModels } from './case-models';
import { defineMonitorModels } from './monitor-models';

export class Tenant extends Model<InferAttributes<Tenant>, InferCreationAttributes<Tenant>> {
  declare id: CreationOptional<string>;
  declare name: string;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class ApiKey extends Model<InferAttributes<ApiKey>, InferCreationAttributes<ApiKey>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string;
  declare prefix: string;
  declare key_hash: string;
  declare label: string | null;
  declare revoked_at: Date | null;
  declare last_used_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class DocumentRow extends Model<InferAttributes<DocumentRow>, InferCreationAttributes<DocumentRow>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string;
  declare status: DocumentStatus;
  declare filename: string;
  declare content_type: string;
  declare size_bytes: number;
  declare sha256: string;
  declare storage_key: string | null;
  declare claims: CreationOptional<Claims>;
  declare pages: CreationOptional<number | null>;
  declare page_info: CreationOptional<PageInfo[] | null>;
  declare page_texts: CreationOptional<string[] | null>;
  declare text: CreationOptional<string | null>;
  declare error_code: CreationOptional<string | null>;
  declare error_message: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class TaskRow extends Model<InferAttributes<TaskRow>, InferCreationAttributes<TaskRow>> {
  declare id: CreationOptional<string>;
  declare document_id: string;
  declare tenant_id: string;
  declare kind: TaskKind;
  declare state: TaskState;
  declare stage: CreationOptional<StageName | null>;
  declare percent: CreationOptional<number>;
  declare attempts: CreationOptional<number>;
  declare lease_until: CreationOptional<Date | null>;
  declare claims: CreationOptional<Claims>;
  declare error_code: CreationOptional<string | null>;
  declare error_message: CreationOptional<string | null>;
  declare started_at: CreationOptional<Date | null>;
  declare finished_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class ResultRow extends Model<InferAttributes<ResultRow>, InferCreationAttributes<ResultRow>> {
  declare id: CreationOptional<string>;
  declare document_id: string;
  declare task_id: string;
  declare document_type: DocumentType | null;
  declare classification: Classification | null;
  declare fields: Record<string, ExtractedField>;
  declare verification: Verification | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class AuditEvent extends Model<InferAttributes<AuditEvent>, InferCreationAttributes<AuditEvent>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string | null;
  declare document_id: string | null;
  declare action: 'document.deleted' | 'document.purged';
  declare actor: string;
  declare details: Record<string, unknown>;
  declare created_at: CreationOptional<Date>;
}

const uuidKey = { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 };
const stamps = {
  created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
};
const options = (sequelize: Sequelize, tableName: string) => ({
  sequelize,
  tableName,
  underscored: true,
  timestamps: true,
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** BIGINT comes back from pg as a string; sizes here always fit a JS number. */
const bigintAsNumber = {
  type: DataTypes.BIGINT,
  allowNull: false,
  get(this: DocumentRow): number {
    return Number(this.getDataValue('size_bytes'));
  },
};

export function defineModels(sequelize: Sequelize): void {
  Tenant.init({ id: uuidKey, name: { type: DataTypes.TEXT, allowNull: false }, ...stamps }, options(sequelize, 'tenants'));
  ApiKey.init(
    {
      id: uuidKey,
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      prefix: { type: DataTypes.TEXT, allowNull: false },
      key_hash: { type: DataTypes.TEXT, allowNull: false },
      label: { type: DataTypes.TEXT, allowNull: true },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
      last_used_at: { type: DataTypes.DATE, allowNull: true },
      ...stamps,
    },
    options(sequelize, 'api_keys'),
  );
  DocumentRow.init(
    {
      id: uuidKey,
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false },
      filename: { type: DataTypes.TEXT, allowNull: false },
      content_type: { type: DataTypes.TEXT, allowNull: false },
      size_bytes: bigintAsNumber,
      sha256: { type: DataTypes.TEXT, allowNull: false },
      storage_key: { type: DataTypes.TEXT, allowNull: true },
      claims: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      pages: { type: DataTypes.INTEGER, allowNull: true },
      page_info: { type: DataTypes.JSONB, allowNull: true },
      page_texts: { type: DataTypes.JSONB, allowNull: true },
      text: { type: DataTypes.TEXT, allowNull: true },
      error_code: { type: DataTypes.TEXT, allowNull: true },
      error_message: { type: DataTypes.TEXT, allowNull: true },
      ...stamps,
    },
    options(sequelize, 'documents'),
  );
  TaskRow.init(
    {
      id: uuidKey,
      document_id: { type: DataTypes.UUID, allowNull: false },
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      kind: { type: DataTypes.TEXT, allowNull: false },
      state: { type: DataTypes.TEXT, allowNull: false },
      stage: { type: DataTypes.TEXT, allowNull: true },
      percent: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lease_until: { type: DataTypes.DATE, allowNull: true },
      claims: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      error_code: { type: DataTypes.TEXT, allowNull: true },
      error_message: { type: DataTypes.TEXT, allowNull: true },
      started_at: { type: DataTypes.DATE, allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
      ...stamps,
    },
    options(sequelize, 'tasks'),
  );
  AuditEvent.init(
    {
      id: uuidKey,
      tenant_id: { type: DataTypes.UUID, allowNull: true },
      document_id: { type: DataTypes.UUID, allowNull: true },
      action: { type: DataTypes.TEXT, allowNull: false },
      actor: { type: DataTypes.TEXT, allowNull: false },
      details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'audit_events', timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
  ResultRow.init(
    {
      id: uuidKey,
      document_id: { type: DataTypes.UUID, allowNull: false },
      task_id: { type: DataTypes.UUID, allowNull: false },
      document_type: { type: DataTypes.TEXT, allowNull: true },
      classification: { type: DataTypes.JSONB, allowNull: true },
      fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      verification: { type: DataTypes.JSONB, allowNull: true },
      ...stamps,
    },
    options(sequelize, 'results'),
  );
  defineCaseModels(sequelize);
  defineMonitorModels(sequelize);
}
