import type { CaseDecision } from '../cases/policy';
import type { Decision, DocumentStatus, DocumentType } from '../domain';
import type { ReviewDecision } from '../persistence/records';

/** Where a page starts: the (created_at, id) of the last row of the previous page, exactly as stored (microseconds). */
export interface Keyset {
  created_at: string;
  id: string;
}

/** Pages are read newest first, ordered by (created_at, id) so that equal timestamps still page stably. */
export interface PageRequest {
  tenantId: string;
  limit: number;
  after?: Keyset;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts; absent on the last page. */
  next?: Keyset;
}

export interface DocumentFilters {
  status?: DocumentStatus;
  decision?: Decision;
  document_type?: DocumentType;
  case_id?: string;
  created_from?: Date;
  created_to?: Date;
  /** In review and not yet decided by a person (true), or anything else (false). */
  open_review?: boolean;
}

export interface DocumentSummaryRecord {
  id: string;
  filename: string;
  status: DocumentStatus;
  content_type: string;
  size_bytes: number;
  pages: number | null;
  document_type: DocumentType | null;
  decision: Decision | null;
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
  case_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** How many of the tenant's documents stand at each automatic decision, and how many reviews are open. */
export interface DecisionCounts {
  total: number;
  verified: number;
  review: number;
  rejected: number;
  /** Not decided yet: queued, processing or failed. */
  undecided: number;
  open_reviews: number;
  reviewed: number;
}

export interface CaseFilters {
  decision?: CaseDecision;
}

export interface CaseSummaryRecord {
  id: string;
  reference: string | null;
  company_number: string;
  company_name: string;
  decision: CaseDecision | null;
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
  documents: number;
  created_at: Date;
}

export interface MonitorFilters {
  status?: 'active' | 'stopped';
  /** Only monitors with at least one event detected at or after this time. */
  events_since?: Date;
}

export interface MonitorSummaryRecord {
  id: string;
  company_number: string;
  vat_number: string | null;
  status: 'active' | 'stopped';
  source: string;
  last_checked_at: Date | null;
  last_event_at: Date | null;
  created_at: Date;
}

/** Tenant-scoped lists for the review queue and dashboards: summaries only, never text or evidence. */
export interface ListingRepository {
  documents(page: PageRequest, filters: DocumentFilters): Promise<Page<DocumentSummaryRecord>>;
  documentCounts(tenantId: string): Promise<DecisionCounts>;
  cases(page: PageRequest, filters: CaseFilters): Promise<Page<CaseSummaryRecord>>;
  monitors(page: PageRequest, filters: MonitorFilters): Promise<Page<MonitorSummaryRecord>>;
}
