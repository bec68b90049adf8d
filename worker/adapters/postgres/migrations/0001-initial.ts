import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

const id = { type: DataTypes.UUID, primaryKey: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
};
const cascade = { onDelete: 'CASCADE', onUpdate: 'CASCADE' } as const;

export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('tenants', {
    id,
    name: { type: DataTypes.TEXT, allowNull: false, unique: true },
    ...timestamps,
  });
  await qi.createTable('api_keys', {
    id,
    tenant_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'tenants', key: 'id' }, ...cascade },
    prefix: { type: DataTypes.TEXT, allowNull: false },
    key_hash: { type: DataTypes.TEXT, allowNull: false, unique: true },
    label: { type: DataTypes.TEXT, allowNull: true },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
    last_used_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.createTable('documents', {
    id,
    tenant_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'tenants', key: 'id' }, ...cascade },
    status: { type: DataTypes.TEXT, allowNull: false },
    filename: { type: DataTypes.TEXT, allowNull: false },
    content_type: { type: DataTypes.TEXT, allowNull: false },
    size_bytes: { type: DataTypes.BIGINT, allowNull: false },
    sha256: { type: DataTypes.TEXT, allowNull: false },
    storage_key: { type: DataTypes.TEXT, allowNull: true },
    claims: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    pages: { type: DataTypes.INTEGER, allowNull: true },
    page_info: { type: DataTypes.JSONB, allowNull: true },
    page_texts: { type: DataTypes.JSONB, allowNull: true },
    text: { type: DataTypes.TEXT, allowNull: true },
    error_code: { type: DataTypes.TEXT, allowNull: true },
    error_message: { type: DataTypes.TEXT, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('documents', ['tenant_id', 'created_at']);
  await qi.addIndex('documents', ['sha256']);
  await qi.addIndex('documents', ['status']);
  await qi.createTable('tasks', {
    id,
    document_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'documents', key: 'id' }, ...cascade },
    tenant_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'tenants', key: 'id' }, ...cascade },
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
    ...timestamps,
  });
  await qi.addIndex('tasks', ['document_id', 'created_at']);
  await qi.addIndex('tasks', ['state', 'lease_until']);
  await qi.createTable('results', {
    id,
    document_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'documents', key: 'id' }, ...cascade },
    task_id: { type: DataTypes.UUID, allowNull: false, unique: true, references: { model: 'tasks', key: 'id' }, ...cascade },
    document_type: { type: DataTypes.TEXT, allowNull: true },
    classification: { type: DataTypes.JSONB, allowNull: true },
    fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    verification: { type: DataTypes.JSONB, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('results', ['document_id', 'created_at']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  for (const table of ['results', 'tasks', 'documents', 'api_keys', 'tenants']) await qi.dropTable(table);
};
