import type {
  Check,
  Claims,
  Classification,
  DocumentStatus,
  DocumentType,
  ErrorInfo,
  ExtractedField,
  PageInfo,
  Verification,
} from '../../worker';

export interface UploadAccepted {
  document_id: string;
  task_id: string;
  status: 'queued';
}

export interface TaskAccepted {
  task_id: string;
}

/** A document, how far it got, and everything read and decided about it so far. */
export interface DocumentView {
  document_id: string;
  status: DocumentStatus;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  pages: number | null;
  created_at: string;
  updated_at: string;
  text: string | null;
  error: ErrorInfo | null;
  claims: Claims;
  /** The task that last ran (or runs now) for this document. */
  task_id: string | null;
  page_info: PageInfo[];
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField>;
  verification: Verification | null;
}

export type { Check, Claims };
