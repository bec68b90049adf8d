import type {
  Claims,
  Classification,
  Decision,
  DocumentStatus,
  DocumentType,
  ExtractedField,
  PageInfo,
  StageName,
  TaskKind,
  TaskState,
  Verification,
} from '../domain';

/** Plain records as the repositories hand them out: data only, never a database object. */

/** What a key may do: submit documents and read them, decide reviews (and read), or both. */
export type Role = 'submitter' | 'reviewer' | 'admin';

/** A person's decision on an automatic verdict: one of the verdict's final outcomes (spelled out: tsoa cannot read Exclude). */
export type ReviewDecision = 'verified' | 'rejected';

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
  role: Role;
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
  /** The latest automatic decision and document type, kept beside the row so lists filter on indexes. */
  decision: Decision | null;
  document_type: DocumentType | null;
  /** A person's decision on that latest automatic decision; cleared when a newer verification completes. */
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
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
  /** Claims within this generation; a redrive starts the count again. */
  attempts: number;
  /** 1 when made, one more at each recorded redrive: a message must name it to claim the task. */
  generation: number;
  lease_until: Date | null;
  claims: Claims;
  error_code: string | null;
  error_message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** What recording a new task returns: enough to name it and to send its job, and nothing more to decode. */
export type CreatedTask = Pick<TaskRecord, 'id' | 'document_id' | 'tenant_id' | 'generation'>;

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

export type AuditAction = 'document.deleted' | 'document.purged' | 'task.redriven';

export interface AuditRecord {
  id: string;
  tenant_id: string | null;
  document_id: string | null;
  action: AuditAction;
  actor: string;
  details: Record<string, unknown>;
  created_at: Date;
}
