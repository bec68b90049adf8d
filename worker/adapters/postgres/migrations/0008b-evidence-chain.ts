import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import { chainHash, GENESIS, type ChainFields } from '../../../evidence/chain';
import type { Migration } from './migration';

/** A record as it was before the chain: everything a link covers but its place and the link before it. */
type Row = Omit<ChainFields, 'chain_seq' | 'prev_hash'>;

/**
 * Evidence records become a hash chain per tenant: each holds its place (chain_seq), the previous
 * record's link (prev_hash) and its own (chain_hash), so an edit in the database shows. Records made
 * before the chain are linked here, oldest first, with the append-only trigger set aside for it.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addColumn('evidence_records', 'chain_seq', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('evidence_records', 'prev_hash', { type: DataTypes.TEXT, allowNull: true });
  await qi.addColumn('evidence_records', 'chain_hash', { type: DataTypes.TEXT, allowNull: true });
  const rows = await qi.sequelize.query<Row>(
    'SELECT id, tenant_id, document_id, task_id, kind, sha256, recorded_at FROM evidence_records ORDER BY tenant_id, recorded_at, kind, id',
    { type: QueryTypes.SELECT },
  );
  await qi.sequelize.query('ALTER TABLE evidence_records DISABLE TRIGGER evidence_records_append_only');
  let tenant = '';
  let seq = 0;
  let previous = GENESIS;
  for (const row of rows) {
    if (row.tenant_id !== tenant) [tenant, seq, previous] = [row.tenant_id, 0, GENESIS];
    seq += 1;
    const link = chainHash({ ...row, chain_seq: seq, prev_hash: previous });
    await qi.sequelize.query('UPDATE evidence_records SET chain_seq = :seq, prev_hash = :previous, chain_hash = :link WHERE id = :id', {
      replacements: { seq, previous, link, id: row.id },
    });
    previous = link;
  }
  await qi.sequelize.query('ALTER TABLE evidence_records ENABLE TRIGGER evidence_records_append_only');
  for (const column of ['chain_seq', 'prev_hash', 'chain_hash']) {
    await qi.sequelize.query(`ALTER TABLE evidence_records ALTER COLUMN ${column} SET NOT NULL`);
  }
  await qi.addIndex('evidence_records', ['tenant_id', 'chain_seq'], { unique: true, name: 'evidence_records_chain_seq' });
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.removeIndex('evidence_records', 'evidence_records_chain_seq');
  for (const column of ['chain_hash', 'prev_hash', 'chain_seq']) await qi.removeColumn('evidence_records', column);
};
