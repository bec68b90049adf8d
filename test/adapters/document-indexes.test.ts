import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { connect } from '../../worker/adapters/postgres/database';
import { PostgresDocumentRepository } from '../../worker/adapters/postgres/document-repository';
import { freshDatabase } from '../helpers/database';

describe('document indexes', function () {
  this.timeout(60_000);
  let db: ReturnType<typeof connect>;
  let drop: () => Promise<void>;
  const tenantIds: string[] = [];

  const document = (tenantId: string, status: string) =>
    db.models.Document.create({
      tenant_id: tenantId,
      status,
      filename: `${status}.pdf`,
      content_type: 'application/pdf',
      size_bytes: 1,
      sha256: randomUUID(),
      storage_key: null,
      ...(status === 'failed' ? { error_code: 'unreadable', error_message: 'No text.' } : {}),
    } as never);

  before(async () => {
    ({ db, drop } = await freshDatabase('kyb_failed'));
    for (const name of ['first', 'second']) tenantIds.push((await db.models.Tenant.create({ name } as never)).id);
    await document(tenantIds[0]!, 'failed');
    // Stamped in milliseconds: the second failure is the later one.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await document(tenantIds[1]!, 'failed');
    for (const status of ['queued', 'processing', 'completed']) await document(tenantIds[0]!, status);
  });

  /** The plan of `sql` where the table's few rows would otherwise be read whole, whatever the indexes. */
  const planOf = (sql: string) =>
    db.sequelize.transaction(async (transaction) => {
      await db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
      const lines = await db.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, { type: QueryTypes.SELECT, transaction });
      return lines.map((line) => line['QUERY PLAN']).join('\n');
    });

  after(async () => drop?.());

  it('when failed documents are asked for across tenants, then only the failed ones are listed, latest failure first', async () => {
    const failed = await new PostgresDocumentRepository(db).failedDocuments({ limit: 10 });
    expect(failed.map((f) => [f.tenant, f.error_code])).to.deep.equal([
      ['second', 'unreadable'],
      ['first', 'unreadable'],
    ]);
  });

  it('when a document is uploaded or changes status, then no index entry is kept for it unless it failed, and the failed query reads that index', async () => {
    const indexes = await db.sequelize.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents'`,
      { type: QueryTypes.SELECT },
    );
    expect(indexes.map((i) => i.indexdef).filter((def) => /\(status\)$/.test(def))).to.deep.equal([]);
    expect(indexes.find((i) => i.indexname === 'documents_failed')?.indexdef).to.match(/\(updated_at\) WHERE \(status = 'failed'::text\)$/);
    expect(await planOf(`SELECT id FROM documents WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 10`)).to.match(
      /Index Scan Backward using documents_failed/,
    );
  });

  it('when a document has no decision or type yet, then their indexes keep no entry for it, and the listings by one still read them', async () => {
    const indexes = await db.sequelize.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents'`,
      { type: QueryTypes.SELECT },
    );
    const definition = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef;
    expect(definition('documents_tenant_id_decision_created_at_id')).to.match(/WHERE \(decision IS NOT NULL\)$/);
    expect(definition('documents_tenant_id_document_type_created_at_id')).to.match(/WHERE \(document_type IS NOT NULL\)$/);
    const listing = (column: string) =>
      `SELECT id FROM documents WHERE tenant_id = '${tenantIds[0]}' AND ${column} = 'x' ORDER BY created_at DESC, id DESC LIMIT 10`;
    expect(await planOf(listing('decision'))).to.match(/using documents_tenant_id_decision_created_at_id/);
    expect(await planOf(listing('document_type'))).to.match(/using documents_tenant_id_document_type_created_at_id/);
  });
});
