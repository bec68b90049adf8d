import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

const nullableText = { type: DataTypes.TEXT, allowNull: true };
const nullableDate = { type: DataTypes.DATE, allowNull: true };

/**
 * The review queue. Keys get a role (every existing key keeps what it could do: it becomes a
 * submitter). Documents and cases keep their latest automatic decision and the review of it beside
 * their rows, so lists filter and page on indexes alone: every list index ends in (created_at, id),
 * the order pages are read in, which makes page 1,000 cost what page 1 costs.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addColumn('api_keys', 'role', { type: DataTypes.TEXT, allowNull: false, defaultValue: 'submitter' });
  await qi.sequelize.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_role CHECK (role IN ('submitter', 'reviewer', 'admin'))`);

  for (const [column, spec] of [
    ['decision', nullableText],
    ['document_type', nullableText],
    ['review_decision', nullableText],
    ['reviewed_at', nullableDate],
  ] as const)
    await qi.addColumn('documents', column, spec);
  await qi.sequelize.query(`
    UPDATE documents d SET decision = r.verification->>'decision', document_type = r.document_type
      FROM (SELECT DISTINCT ON (document_id) document_id, verification, document_type FROM results
             ORDER BY document_id, created_at DESC) r
     WHERE r.document_id = d.id`);
  await qi.removeIndex('documents', ['tenant_id', 'created_at']);
  await qi.addIndex('documents', ['tenant_id', 'created_at', 'id']);
  await qi.addIndex('documents', ['tenant_id', 'status', 'created_at', 'id']);
  await qi.addIndex('documents', ['tenant_id', 'decision', 'created_at', 'id']);
  await qi.addIndex('documents', ['tenant_id', 'document_type', 'created_at', 'id']);
  await qi.addIndex('documents', ['tenant_id', 'created_at', 'id'], {
    name: 'documents_open_review',
    where: { decision: 'review', review_decision: null },
  });

  for (const [column, spec] of [
    ['decision', nullableText],
    ['review_decision', nullableText],
    ['reviewed_at', nullableDate],
  ] as const)
    await qi.addColumn('cases', column, spec);
  await qi.removeIndex('cases', ['tenant_id', 'created_at']);
  await qi.addIndex('cases', ['tenant_id', 'created_at', 'id']);
  await qi.addIndex('cases', ['tenant_id', 'decision', 'created_at', 'id']);

  await qi.addIndex('monitors', ['tenant_id', 'created_at', 'id']);
  await qi.addIndex('monitors', ['tenant_id', 'status', 'created_at', 'id']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.removeIndex('monitors', ['tenant_id', 'status', 'created_at', 'id']);
  await qi.removeIndex('monitors', ['tenant_id', 'created_at', 'id']);
  for (const column of ['decision', 'review_decision', 'reviewed_at']) await qi.removeColumn('cases', column);
  await qi.removeIndex('cases', ['tenant_id', 'created_at', 'id']);
  await qi.addIndex('cases', ['tenant_id', 'created_at']);
  for (const column of ['decision', 'document_type', 'review_decision', 'reviewed_at']) await qi.removeColumn('documents', column);
  await qi.removeIndex('documents', ['tenant_id', 'created_at', 'id']);
  await qi.addIndex('documents', ['tenant_id', 'created_at']);
  await qi.removeColumn('api_keys', 'role');
};
