import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

const cascade = { onDelete: 'CASCADE', onUpdate: 'CASCADE' } as const;

/**
 * Cases group a business's documents; evidence records keep every external answer a decision used.
 * Evidence is append-only: a trigger refuses updates, and deletes unless the deleting transaction
 * declares itself a recorded erasure (`kyb.evidence_erasure`), which only the document deletion
 * and retention purge do, each writing an audit event.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.createTable('cases', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'tenants', key: 'id' }, ...cascade },
    reference: { type: DataTypes.TEXT, allowNull: true },
    claims: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    required_document_types: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('cases', ['tenant_id', 'created_at']);
  // A document belongs to at most one case.
  await qi.createTable('case_documents', {
    document_id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, references: { model: 'documents', key: 'id' }, ...cascade },
    case_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'cases', key: 'id' }, ...cascade },
    tenant_id: { type: DataTypes.UUID, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('case_documents', ['case_id']);
  await qi.addIndex('case_documents', ['tenant_id']);
  await qi.createTable('evidence_records', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    tenant_id: { type: DataTypes.UUID, allowNull: false },
    document_id: { type: DataTypes.UUID, allowNull: false, references: { model: 'documents', key: 'id' }, ...cascade },
    task_id: { type: DataTypes.UUID, allowNull: false },
    kind: { type: DataTypes.TEXT, allowNull: false },
    payload: { type: DataTypes.JSONB, allowNull: false },
    sha256: { type: DataTypes.TEXT, allowNull: false },
    recorded_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
  });
  await qi.addIndex('evidence_records', ['document_id', 'recorded_at']);
  await qi.addIndex('evidence_records', ['task_id']);
  await qi.addIndex('evidence_records', ['tenant_id', 'kind']);
  await qi.sequelize.query(`
    CREATE FUNCTION evidence_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('kyb.evidence_erasure', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'evidence records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
  `);
  await qi.sequelize.query(`
    CREATE TRIGGER evidence_records_append_only BEFORE UPDATE OR DELETE ON evidence_records
    FOR EACH ROW EXECUTE FUNCTION evidence_records_append_only();
  `);
  await qi.sequelize.query(`
    CREATE TRIGGER evidence_records_no_truncate BEFORE TRUNCATE ON evidence_records
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_records_append_only();
  `);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.dropTable('evidence_records');
  await qi.sequelize.query('DROP FUNCTION IF EXISTS evidence_records_append_only()');
  await qi.dropTable('case_documents');
  await qi.dropTable('cases');
};
