import { DataTypes, Op, type Model, type Sequelize } from 'sequelize';
import type { DeliveryRecord, DirectUploadSlot, OutboxMessage } from '../../persistence/port';
import type { ApiKeyRecord, AuditRecord, DocumentRecord, ResultRecord, TaskRecord, TenantRecord } from '../../persistence/records';
import { defineCaseModels, type CaseModels } from './case-models';
import { timestamp, uuidKey, type RowModel } from './columns';
import { defineMonitorModels, type MonitorModels } from './monitor-models';

type Stamped = 'id' | 'created_at' | 'updated_at';
const stamps = () => ({ created_at: timestamp(), updated_at: timestamp() });
/** Indexes by their columns, as the migrations create them. */
const on = (...fields: string[][]) => fields.map((f) => ({ fields: f }));
const options = (tableName: string, indexes: { fields: string[]; name?: string; where?: Record<string, unknown> }[] = []) => ({
  tableName,
  indexes,
  underscored: true,
  timestamps: true,
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** BIGINT comes back from pg as a string; sizes here always fit a JS number. */
const bigintAsNumber = {
  type: DataTypes.BIGINT,
  allowNull: false,
  get(this: Model): number {
    return Number(this.getDataValue('size_bytes'));
  },
};

/** What every repository is built on: the connection and the models defined on it. */
export interface Connection {
  sequelize: Sequelize;
  models: Models;
}

export interface Models extends CaseModels, MonitorModels {
  Tenant: RowModel<TenantRecord, Stamped>;
  ApiKey: RowModel<ApiKeyRecord, Stamped | 'role'>;
  Document: RowModel<
    DocumentRecord,
    | Stamped
    | 'claims'
    | 'pages'
    | 'page_info'
    | 'page_texts'
    | 'text'
    | 'error_code'
    | 'error_message'
    | 'decision'
    | 'document_type'
    | 'review_decision'
    | 'reviewed_at'
  >;
  Task: RowModel<
    TaskRecord,
    | Stamped
    | 'stage'
    | 'percent'
    | 'attempts'
    | 'generation'
    | 'lease_until'
    | 'claims'
    | 'error_code'
    | 'error_message'
    | 'started_at'
    | 'finished_at'
  >;
  Result: RowModel<ResultRecord, Stamped>;
  Audit: RowModel<AuditRecord, 'id' | 'created_at'>;
  WebhookDelivery: RowModel<DeliveryRecord, 'id' | 'created_at'>;
  WebhookOutbox: RowModel<OutboxMessage, 'id' | 'created_at' | 'rounds' | 'last_error' | 'delivered_at'>;
  /** Written and read by `PostgresDirectUploadRepository` in SQL; declared so the schema-drift test holds it to migration 0009. */
  DirectUpload: RowModel<DirectUploadSlot & { created_at: Date }, 'created_at' | 'registered_at'>;
}

/** Defines every table's model on this connection; nothing is bound globally, so two databases can live side by side. */
export function defineModels(sequelize: Sequelize): Models {
  return {
    Tenant: sequelize.define(
      'Tenant',
      { id: uuidKey(), name: { type: DataTypes.TEXT, allowNull: false, unique: true }, ...stamps() },
      options('tenants'),
    ),
    ApiKey: sequelize.define(
      'ApiKey',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        prefix: { type: DataTypes.TEXT, allowNull: false },
        key_hash: { type: DataTypes.TEXT, allowNull: false, unique: true },
        label: { type: DataTypes.TEXT, allowNull: true },
        role: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'submitter' },
        revoked_at: { type: DataTypes.DATE, allowNull: true },
        last_used_at: { type: DataTypes.DATE, allowNull: true },
        ...stamps(),
      },
      options('api_keys'),
    ),
    Document: sequelize.define(
      'Document',
      {
        id: uuidKey(),
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
        decision: { type: DataTypes.TEXT, allowNull: true },
        document_type: { type: DataTypes.TEXT, allowNull: true },
        review_decision: { type: DataTypes.TEXT, allowNull: true },
        reviewed_at: { type: DataTypes.DATE, allowNull: true },
        ...stamps(),
      },
      options('documents', [
        ...on(['sha256'], ['tenant_id', 'created_at', 'id'], ['tenant_id', 'status', 'created_at', 'id']),
        // Listings by decision or document type ask for a value: a document without one needs no entry.
        { fields: ['tenant_id', 'decision', 'created_at', 'id'], where: { decision: { [Op.ne]: null } } },
        { fields: ['tenant_id', 'document_type', 'created_at', 'id'], where: { document_type: { [Op.ne]: null } } },
        { name: 'documents_open_review', fields: ['tenant_id', 'created_at', 'id'], where: { decision: 'review', review_decision: null } },
        { name: 'documents_failed', fields: ['updated_at'], where: { status: 'failed' } },
      ]),
    ),
    Task: sequelize.define(
      'Task',
      {
        id: uuidKey(),
        document_id: { type: DataTypes.UUID, allowNull: false },
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        state: { type: DataTypes.TEXT, allowNull: false },
        stage: { type: DataTypes.TEXT, allowNull: true },
        percent: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        generation: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        lease_until: { type: DataTypes.DATE, allowNull: true },
        claims: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        error_code: { type: DataTypes.TEXT, allowNull: true },
        error_message: { type: DataTypes.TEXT, allowNull: true },
        started_at: { type: DataTypes.DATE, allowNull: true },
        finished_at: { type: DataTypes.DATE, allowNull: true },
        ...stamps(),
      },
      options('tasks', on(['document_id', 'created_at'], ['state', 'lease_until'])),
    ),
    Audit: sequelize.define(
      'AuditEvent',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: true },
        document_id: { type: DataTypes.UUID, allowNull: true },
        action: { type: DataTypes.TEXT, allowNull: false },
        actor: { type: DataTypes.TEXT, allowNull: false },
        details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        created_at: timestamp(),
      },
      {
        tableName: 'audit_events',
        indexes: on(['tenant_id', 'created_at'], ['document_id']),
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: false,
      },
    ),
    Result: sequelize.define(
      'Result',
      {
        id: uuidKey(),
        document_id: { type: DataTypes.UUID, allowNull: false },
        task_id: { type: DataTypes.UUID, allowNull: false, unique: true },
        document_type: { type: DataTypes.TEXT, allowNull: true },
        classification: { type: DataTypes.JSONB, allowNull: true },
        fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        verification: { type: DataTypes.JSONB, allowNull: true },
        ...stamps(),
      },
      options('results', on(['document_id', 'created_at'])),
    ),
    WebhookDelivery: sequelize.define(
      'WebhookDelivery',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
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
        created_at: timestamp(),
      },
      {
        tableName: 'webhook_deliveries',
        indexes: on(['task_id', 'attempt'], ['tenant_id', 'created_at']),
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: false,
      },
    ),
    WebhookOutbox: sequelize.define(
      'WebhookOutbox',
      {
        id: uuidKey(),
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
        created_at: timestamp(),
      },
      {
        tableName: 'webhook_outbox',
        indexes: on(['status', 'next_attempt_at']),
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: false,
      },
    ),
    DirectUpload: sequelize.define(
      'DirectUpload',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        storage_key: { type: DataTypes.TEXT, allowNull: false, unique: true },
        content_type: { type: DataTypes.TEXT, allowNull: false },
        max_bytes: { type: DataTypes.BIGINT, allowNull: false },
        expires_at: { type: DataTypes.DATE, allowNull: false },
        registered_at: { type: DataTypes.DATE, allowNull: true },
        created_at: timestamp(),
      },
      {
        tableName: 'direct_uploads',
        indexes: [{ fields: ['expires_at'], where: { registered_at: null } }],
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: false,
      },
    ),
    ...defineCaseModels(sequelize),
    ...defineMonitorModels(sequelize),
  };
}
