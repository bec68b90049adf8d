import { Op, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

const DECISION = ['tenant_id', 'decision', 'created_at', 'id'];
const DOCUMENT_TYPE = ['tenant_id', 'document_type', 'created_at', 'id'];

/**
 * Index entries an upload and each change of a document's row no longer write (every such change
 * moves `updated_at`, so each writes a new entry in every index whose condition the row meets):
 * - `documents(status)` served only the operators' failed documents across tenants (every listing
 *   filters by tenant first). Failed documents are few: a partial index holds them alone, in the
 *   order that query reads them (latest failure first).
 * - the listings by decision and by document type ask for one value, never for none: a document
 *   without one (every document until it is read) needs no entry in their indexes.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addIndex('documents', ['updated_at'], { name: 'documents_failed', where: { status: 'failed' } });
  await qi.removeIndex('documents', ['status']);
  await qi.removeIndex('documents', DECISION);
  await qi.addIndex('documents', DECISION, { where: { decision: { [Op.ne]: null } } });
  await qi.removeIndex('documents', DOCUMENT_TYPE);
  await qi.addIndex('documents', DOCUMENT_TYPE, { where: { document_type: { [Op.ne]: null } } });
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.removeIndex('documents', DOCUMENT_TYPE);
  await qi.addIndex('documents', DOCUMENT_TYPE);
  await qi.removeIndex('documents', DECISION);
  await qi.addIndex('documents', DECISION);
  await qi.addIndex('documents', ['status']);
  await qi.removeIndex('documents', 'documents_failed');
};
