import type {
  Check,
  Claims,
  Classification,
  DocumentStatus,
  DocumentType,
  ErrorInfo,
  ExtractedField,
  PageInfo,
  ReviewEvidence,
  Standing,
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
  /** The verification whose verdict `verification` shows: name it in a review, so that a newer verdict is never decided unseen. */
  verification_id: string | null;
  /** A person's decision on that verdict, recorded beside it (the verdict stays as it was); null when none stands. */
  review: ReviewEvidence | null;
  /** The decision that stands: the review's when there is one, else the verdict's; null before the first verdict. */
  standing: Standing | null;
}

export type { Check, Claims };
