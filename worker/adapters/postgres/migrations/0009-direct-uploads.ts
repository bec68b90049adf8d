import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * Direct uploads: a slot is the key a presigned POST lets one tenant write, with the type and size
 * it allows and when it expires; registering the file there makes it a document (same id) once.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('direct_uploads', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: { type: DataTypes.UUID, allowNull: false },
    storage_key: { type: DataTypes.TEXT, allowNull: false, unique: true },
    content_type: { type: DataTypes.TEXT, allowNull: false },
    max_bytes: { type: DataTypes.BIGINT, allowNull: false },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    registered_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('direct_uploads', ['expires_at'], { where: { registered_at: null } });
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('direct_uploads');
};
