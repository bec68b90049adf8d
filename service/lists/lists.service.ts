import {
  isUuid,
  standing,
  type CaseFilters,
  type CaseSummaryRecord,
  type DocumentFilters,
  type DocumentSummaryRecord,
  type ListingRepository,
  type MonitorFilters,
  type MonitorSummaryRecord,
  type Page,
} from '../../worker';
import { ServiceError } from '../errors';
import { decodeCursor, encodeCursor, pageLimit } from '../http/paging';
import type { CaseList, CaseSummary, DocumentCounts, DocumentList, DocumentSummary, MonitorList, MonitorSummary } from './lists.dto';

/** What a list request asks for: how many, from where. */
export interface PageParams {
  limit?: number;
  cursor?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function documentSummary(d: DocumentSummaryRecord): DocumentSummary {
  const review = d.review_decision ? { decision: d.review_decision } : null;
  return {
    document_id: d.id,
    filename: d.filename,
    status: d.status,
    content_type: d.content_type,
    size_bytes: d.size_bytes,
    pages: d.pages,
    document_type: d.document_type,
    decision: d.decision,
    review_decision: d.review_decision,
    reviewed_at: iso(d.reviewed_at),
    open_review: d.decision === 'review' && !d.review_decision,
    standing: d.decision ? standing(d.decision, review) : null,
    case_id: d.case_id,
    created_at: d.created_at.toISOString(),
    updated_at: d.updated_at.toISOString(),
  };
}

function caseSummary(c: CaseSummaryRecord): CaseSummary {
  return {
    case_id: c.id,
    reference: c.reference,
    company_number: c.company_number,
    company_name: c.company_name,
    decision: c.decision,
    review_decision: c.review_decision,
    reviewed_at: iso(c.reviewed_at),
    standing: c.decision ? standing(c.decision, c.review_decision ? { decision: c.review_decision } : null) : null,
    documents: c.documents,
    created_at: c.created_at.toISOString(),
  };
}

function monitorSummary(m: MonitorSummaryRecord): MonitorSummary {
  return {
    monitor_id: m.id,
    company_number: m.company_number,
    vat_number: m.vat_number,
    status: m.status,
    source: m.source,
    last_checked_at: iso(m.last_checked_at),
    last_event_at: iso(m.last_event_at),
    created_at: m.created_at.toISOString(),
  };
}

function pageOf<R, V>(page: Page<R>, view: (row: R) => V): { items: V[]; next_cursor: string | null } {
  return { items: page.items.map(view), next_cursor: encodeCursor(page.next) };
}

/** Lists of one tenant's documents, cases and monitors, a page at a time, newest first. */
export class ListsService {
  constructor(private readonly listing: ListingRepository) {}

  async documents(tenantId: string, params: PageParams, filters: DocumentFilters): Promise<DocumentList> {
    // A malformed case id is refused; another tenant's case simply matches nothing.
    if (filters.case_id !== undefined && !isUuid(filters.case_id))
      throw new ServiceError('invalid', 'invalid_filter', 'case_id must be a case id.', { parameter: 'case_id' });
    const page = await this.listing.documents(this.request(tenantId, params), filters);
    return pageOf(page, documentSummary);
  }

  counts(tenantId: string): Promise<DocumentCounts> {
    return this.listing.documentCounts(tenantId);
  }

  async cases(tenantId: string, params: PageParams, filters: CaseFilters): Promise<CaseList> {
    return pageOf(await this.listing.cases(this.request(tenantId, params), filters), caseSummary);
  }

  async monitors(tenantId: string, params: PageParams, filters: MonitorFilters): Promise<MonitorList> {
    return pageOf(await this.listing.monitors(this.request(tenantId, params), filters), monitorSummary);
  }

  private request(tenantId: string, params: PageParams) {
    return { tenantId, limit: pageLimit(params.limit), after: decodeCursor(params.cursor) };
  }
}
