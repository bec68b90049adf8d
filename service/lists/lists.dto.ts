import type { CaseDecision, DecisionCounts, Decision, DocumentStatus, DocumentType, ReviewDecision, Standing } from '../../worker';

/** A document in a list: what a queue shows, never its text or evidence. */
export interface DocumentSummary {
  document_id: string;
  filename: string;
  status: DocumentStatus;
  content_type: string;
  size_bytes: number;
  pages: number | null;
  document_type: DocumentType | null;
  /** The latest automatic decision; null before the first verdict. */
  decision: Decision | null;
  /** A person's decision on that verdict, if one stands. */
  review_decision: ReviewDecision | null;
  reviewed_at: string | null;
  /** In review, and no person has decided it yet. */
  open_review: boolean;
  /** The decision that stands and who made it; null before the first verdict. */
  standing: Standing | null;
  case_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One page, newest first. Pass `next_cursor` back as `cursor` for the next page; null on the last. */
export interface DocumentList {
  items: DocumentSummary[];
  next_cursor: string | null;
}

export type DocumentCounts = DecisionCounts;

export interface CaseSummary {
  case_id: string;
  reference: string | null;
  company_number: string;
  company_name: string;
  /** The case decision as last assessed; null until the case is first assessed. */
  decision: CaseDecision | null;
  review_decision: ReviewDecision | null;
  reviewed_at: string | null;
  standing: Standing<CaseDecision> | null;
  /** How many documents the case holds. */
  documents: number;
  created_at: string;
}

export interface CaseList {
  items: CaseSummary[];
  next_cursor: string | null;
}

export interface MonitorSummary {
  monitor_id: string;
  company_number: string;
  vat_number: string | null;
  status: 'active' | 'stopped';
  source: string;
  last_checked_at: string | null;
  /** When the latest change in the company was found; null when none has been. */
  last_event_at: string | null;
  created_at: string;
}

export interface MonitorList {
  items: MonitorSummary[];
  next_cursor: string | null;
}
