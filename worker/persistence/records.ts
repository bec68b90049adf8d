import type {
  Claims,
  Classification,
  DocumentStatus,
  DocumentType,
  ExtractedField,
  PageInfo,
  StageName,
  TaskKind,
  TaskState,
  Verification,
} from '../domain';
import type { CompanySnapshot, EventType } from '../monitoring/types';

/** Plain records as the repositories hand them out: data only, never a database object. */

export interface TenantRecord {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

export interface ApiKeyRecord {
  id: string;
  tenant_id: string;
  prefix: string;
  key_hash: string;
  label: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface DocumentRecord {
  id: string;
  tenant_id: string;
  status: DocumentStatus;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string | null;
  claims: Claims;
  pages: number | null;
  page_info: PageInfo[] | null;
  page_texts: string[] | null;
  text: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface TaskRecord {
  id: string;
  document_id: string;
  tenant_id: string;
  kind: TaskKind;
  state: TaskState;
  stage: StageName | null;
  percent: number;
  attempts: number;
  lease_until: Date | null;
  claims: Claims;
  error_code: string | null;
  error_message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ResultRecord {
  id: string;
  document_id: string;
  task_id: string;
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField>;
  verification: Verification | null;
  created_at: Date;
  updated_at: Date;
}

export type AuditAction = 'document.deleted' | 'document.purged';

export interface AuditRecord {
  id: string;
  tenant_id: string | null;
  document_id: string | null;
  action: AuditAction;
  actor: string;
  details: Record<string, unknown>;
  created_at: Date;
}

/** What the applicant says about the business a case is opened for. */
export interface CaseClaims {
  company_number: string;
  company_name: string;
  vat_number?: string;
  trading_address?: string;
}

export interface CaseRecord {
  id: string;
  tenant_id: string;
  reference: string | null;
  claims: CaseClaims;
  required_document_types: DocumentType[];
  created_at: Date;
  updated_at: Date;
}

export interface CaseDocumentRecord {
  document_id: string;
  case_id: string;
  tenant_id: string;
  created_at: Date;
}

/** One external answer (or recorded input) a decision used; records are never changed. */
export interface EvidenceRecord {
  id: string;
  tenant_id: string;
  document_id: string;
  task_id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Digest of the canonical payload, so a copy handed to an auditor can be checked against it. */
  sha256: string;
  recorded_at: Date;
}

export type MonitorStatus = 'active' | 'stopped';
/** Who put the company under monitoring: a client through the API, or the system after a verified document. */
export type MonitorSource = 'api' | 'verified_document' | 'case';
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'not_configured';

export interface MonitorRecord {
  id: string;
  tenant_id: string;
  company_number: string;
  vat_number: string | null;
  status: MonitorStatus;
  source: MonitorSource;
  source_id: string | null;
  snapshot: CompanySnapshot | null;
  last_checked_at: Date | null;
  next_check_at: Date;
  last_error: { code: string; message: string } | null;
  stopped_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface MonitorEventRecord {
  id: string;
  monitor_id: string;
  tenant_id: string;
  type: EventType;
  company_number: string;
  summary: string;
  before: unknown;
  after: unknown;
  detected_at: Date;
  delivery_state: DeliveryState;
  delivery_attempts: number;
  last_delivery_status: number | null;
  delivered_at: Date | null;
}
