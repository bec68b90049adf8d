import { performance } from 'node:perf_hooks';
import { QueryTypes, type Sequelize } from 'sequelize';
import { documentListQuery, PostgresListingRepository } from '../worker/adapters/postgres/listing-repository';
import type { Connection } from '../worker/adapters/postgres/models';
import type { DocumentFilters, Keyset } from '../worker/listing/port';
import { median } from './report';

/** Rows are written this many at a time, so a million never sits in one transaction. */
const BATCH = 200_000;

/**
 * `count` documents for one tenant, written by Postgres itself (generate_series): one a second
 * back from now, a third each verified, in review and rejected, every tenth in review already decided.
 */
export async function seedDocuments(sequelize: Sequelize, tenantId: string, count: number): Promise<void> {
  for (let from = 1; from <= count; from += BATCH) {
    await sequelize.query(
      `INSERT INTO documents (id, tenant_id, status, filename, content_type, size_bytes, sha256, claims,
                              decision, document_type, review_decision, created_at, updated_at)
       SELECT gen_random_uuid(), :tenantId, 'completed', 'statement-' || i || '.pdf', 'application/pdf', 20000 + i % 1000,
              md5(i::text) || md5(i::text), '{}', (ARRAY['verified', 'review', 'rejected'])[1 + i % 3], 'bank_statement',
              CASE WHEN i % 30 = 1 THEN 'verified' END, now() - i * interval '1 second', now()
         FROM generate_series(:from::int, :to::int) AS i`,
      { replacements: { tenantId, from, to: Math.min(count, from + BATCH - 1) } },
    );
  }
  await sequelize.query('ANALYZE documents');
}

/** What Postgres did for one page: the index it read, whether it sorted, how many index entries it read. */
export interface PagePlan {
  index: string | null;
  sorted: boolean;
  rows_read: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

/** The keyset where page `n` (1-based) of `pageSize` starts: the last row of the page before, read once by OFFSET. */
export async function keysetBefore(sequelize: Sequelize, tenantId: string, page: number, pageSize: number): Promise<Keyset | undefined> {
  if (page <= 1) return undefined;
  const [row] = await sequelize.query<{ created_at: string; id: string }>(
    `SELECT created_at::text AS created_at, id FROM documents WHERE tenant_id = :tenantId
      ORDER BY created_at DESC, id DESC OFFSET :offset LIMIT 1`,
    { replacements: { tenantId, offset: (page - 1) * pageSize - 1 }, type: QueryTypes.SELECT },
  );
  return row;
}

/** EXPLAIN ANALYZE of exactly the list's query for that page: the outer LIMIT node is left out, the scan under it counted. */
export async function planOf(
  sequelize: Sequelize,
  tenantId: string,
  pageSize: number,
  after: Keyset | undefined,
  filters: DocumentFilters = {},
): Promise<PagePlan> {
  const query = documentListQuery({ tenantId, limit: pageSize, after }, filters);
  const [result] = await sequelize.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, {
    replacements: query.values,
    type: QueryTypes.SELECT,
  });
  const all = nodes(result?.['QUERY PLAN'][0]?.Plan ?? { 'Node Type': 'none' });
  // The main scan reads the documents table; the per-row case look-ups are Index Scans on case_documents.
  const scan = all.find((n) => n['Index Name']?.startsWith('documents_') || n['Node Type'] === 'Seq Scan');
  return {
    index: scan?.['Index Name'] ?? null,
    sorted: all.some((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Incremental Sort'),
    rows_read: (scan?.['Actual Rows'] ?? 0) * (scan?.['Actual Loops'] ?? 1),
  };
}

/**
 * The median time of reading each page through the list's repository, `repeats` times: the pages
 * take turns, so a busy moment on the machine falls on all of them alike. One warm-up read each first.
 */
export async function timePages(
  db: Connection,
  tenantId: string,
  pageSize: number,
  starts: (Keyset | undefined)[],
  repeats: number,
): Promise<number[]> {
  const listing = new PostgresListingRepository(db);
  const read = (after: Keyset | undefined) => listing.documents({ tenantId, limit: pageSize, after }, {});
  for (const after of starts) await read(after);
  const times = starts.map((): number[] => []);
  for (let i = 0; i < repeats; i++) {
    for (const [n, after] of starts.entries()) {
      const started = performance.now();
      await read(after);
      times[n]?.push(performance.now() - started);
    }
  }
  return times.map((t) => median(t));
}
