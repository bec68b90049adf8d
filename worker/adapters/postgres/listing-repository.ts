import { QueryTypes } from 'sequelize';
import type {
  CaseFilters,
  CaseSummaryRecord,
  DecisionCounts,
  DocumentFilters,
  DocumentSummaryRecord,
  ListingRepository,
  MonitorFilters,
  MonitorSummaryRecord,
  Page,
  PageRequest,
} from '../../listing/port';
import { PostgresRepository } from './repository';

/** A WHERE clause being built: its conditions and the values they name. */
interface Conditions {
  sql: string[];
  values: Record<string, unknown>;
}

/**
 * The tenant, the filters and the keyset, newest first. `created_at::text` keeps the microseconds
 * a JavaScript Date would drop, so the cursor names the row exactly.
 */
function keysetQuery(
  table: string,
  columns: string,
  where: Conditions,
  page: PageRequest,
): { sql: string; values: Record<string, unknown> } {
  const sql = [`${table}.tenant_id = :tenantId`, ...where.sql];
  const values: Record<string, unknown> = { ...where.values, tenantId: page.tenantId, limit: page.limit + 1 };
  if (page.after) {
    sql.push(`(${table}.created_at, ${table}.id) < (:afterCreated::timestamptz, :afterId::uuid)`);
    values.afterCreated = page.after.created_at;
    values.afterId = page.after.id;
  }
  return {
    sql: `SELECT ${columns}, ${table}.created_at::text AS created_key
            FROM ${table}
           WHERE ${sql.join(' AND ')}
           ORDER BY ${table}.created_at DESC, ${table}.id DESC
           LIMIT :limit`,
    values,
  };
}

/** One more row than asked for says whether another page follows, without counting. */
function toPage<T extends { id: string }>(rows: (T & { created_key: string })[], limit: number): Page<T> {
  const items = rows.slice(0, limit).map(({ created_key: _, ...item }) => item as unknown as T);
  const last = rows[limit - 1];
  return rows.length > limit && last ? { items, next: { created_at: last.created_key, id: last.id } } : { items };
}

function add(where: Conditions, condition: string, values: Record<string, unknown> = {}): void {
  where.sql.push(condition);
  Object.assign(where.values, values);
}

/** The document list's SQL and values: exported so a test can EXPLAIN exactly what the list runs. */
export function documentListQuery(page: PageRequest, filters: DocumentFilters): { sql: string; values: Record<string, unknown> } {
  const where: Conditions = { sql: [], values: {} };
  if (filters.status) add(where, 'documents.status = :status', { status: filters.status });
  if (filters.decision) add(where, 'documents.decision = :decision', { decision: filters.decision });
  if (filters.document_type) add(where, 'documents.document_type = :documentType', { documentType: filters.document_type });
  if (filters.created_from) add(where, 'documents.created_at >= :createdFrom', { createdFrom: filters.created_from });
  if (filters.created_to) add(where, 'documents.created_at < :createdTo', { createdTo: filters.created_to });
  // Written as the partial index's predicate, so the planner can use it.
  if (filters.open_review === true) add(where, "documents.decision = 'review' AND documents.review_decision IS NULL");
  if (filters.open_review === false)
    add(where, "NOT (documents.decision IS NOT DISTINCT FROM 'review' AND documents.review_decision IS NULL)");
  if (filters.case_id)
    add(where, 'documents.id IN (SELECT document_id FROM case_documents WHERE case_id = :caseId AND tenant_id = :tenantId)', {
      caseId: filters.case_id,
    });
  return keysetQuery(
    'documents',
    `documents.id, documents.filename, documents.status, documents.content_type, documents.size_bytes::float8 AS size_bytes,
     documents.pages, documents.document_type, documents.decision, documents.review_decision, documents.reviewed_at,
     (SELECT case_id FROM case_documents WHERE document_id = documents.id) AS case_id, documents.created_at, documents.updated_at`,
    where,
    page,
  );
}

/** Lists for the review queue and dashboards, on the (tenant, [filter,] created_at, id) indexes of migration 0007. */
export class PostgresListingRepository extends PostgresRepository implements ListingRepository {
  async documents(page: PageRequest, filters: DocumentFilters): Promise<Page<DocumentSummaryRecord>> {
    const query = documentListQuery(page, filters);
    const rows = await this.sequelize.query<DocumentSummaryRecord & { created_key: string }>(query.sql, {
      replacements: query.values,
      type: QueryTypes.SELECT,
    });
    return toPage(rows, page.limit);
  }

  async documentCounts(tenantId: string): Promise<DecisionCounts> {
    const [row] = await this.sequelize.query<Record<keyof DecisionCounts, string>>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE decision = 'verified') AS verified,
              count(*) FILTER (WHERE decision = 'review') AS review,
              count(*) FILTER (WHERE decision = 'rejected') AS rejected,
              count(*) FILTER (WHERE decision IS NULL) AS undecided,
              count(*) FILTER (WHERE decision = 'review' AND review_decision IS NULL) AS open_reviews,
              count(*) FILTER (WHERE review_decision IS NOT NULL) AS reviewed
         FROM documents WHERE tenant_id = :tenantId`,
      { replacements: { tenantId }, type: QueryTypes.SELECT },
    );
    const n = (k: keyof DecisionCounts) => Number(row?.[k] ?? 0);
    return {
      total: n('total'),
      verified: n('verified'),
      review: n('review'),
      rejected: n('rejected'),
      undecided: n('undecided'),
      open_reviews: n('open_reviews'),
      reviewed: n('reviewed'),
    };
  }

  async cases(page: PageRequest, filters: CaseFilters): Promise<Page<CaseSummaryRecord>> {
    const where: Conditions = { sql: [], values: {} };
    if (filters.decision) add(where, 'cases.decision = :decision', { decision: filters.decision });
    const query = keysetQuery(
      'cases',
      `cases.id, cases.reference, cases.claims->>'company_number' AS company_number, cases.claims->>'company_name' AS company_name,
       cases.decision, cases.review_decision, cases.reviewed_at, cases.created_at,
       (SELECT count(*)::int FROM case_documents WHERE case_id = cases.id) AS documents`,
      where,
      page,
    );
    const rows = await this.sequelize.query<CaseSummaryRecord & { created_key: string }>(query.sql, {
      replacements: query.values,
      type: QueryTypes.SELECT,
    });
    return toPage(rows, page.limit);
  }

  async monitors(page: PageRequest, filters: MonitorFilters): Promise<Page<MonitorSummaryRecord>> {
    const where: Conditions = { sql: [], values: {} };
    if (filters.status) add(where, 'monitors.status = :status', { status: filters.status });
    if (filters.events_since)
      add(where, 'EXISTS (SELECT 1 FROM monitor_events e WHERE e.monitor_id = monitors.id AND e.detected_at >= :eventsSince)', {
        eventsSince: filters.events_since,
      });
    const query = keysetQuery(
      'monitors',
      `monitors.id, monitors.company_number, monitors.vat_number, monitors.status, monitors.source, monitors.last_checked_at,
       (SELECT max(detected_at) FROM monitor_events WHERE monitor_id = monitors.id) AS last_event_at, monitors.created_at`,
      where,
      page,
    );
    const rows = await this.sequelize.query<MonitorSummaryRecord & { created_key: string }>(query.sql, {
      replacements: query.values,
      type: QueryTypes.SELECT,
    });
    return toPage(rows, page.limit);
  }
}
