import type { QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * The index on `documents(status)` served only the operators' failed documents across tenants
 * (every listing filters by tenant first), yet every upload and every status change wrote an entry
 * in it. Failed documents are few: a partial index holds them alone, in the order the query reads
 * them (latest failure first), and the uploads and passing documents write nothing to it.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addIndex('documents', ['updated_at'], { name: 'documents_failed', where: { status: 'failed' } });
  await qi.removeIndex('documents', ['status']);
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addIndex('documents', ['status']);
  await qi.removeIndex('documents', 'documents_failed');
};
