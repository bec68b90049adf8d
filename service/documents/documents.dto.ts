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

/** The type a direct upload will send, declared before its form is signed. */
export interface DirectUploadRequest {
  /** One of application/pdf, image/png, image/jpeg, image/tiff, image/webp: the form allows only this one. */
  content_type: string;
}

/**
 * A presigned form: POST `fields` and then the file (a part named `file`, last) to `url` as
 * multipart/form-data, then register `key`. It allows one file of the declared type, 1 byte to
 * `max_bytes`, until `expires_at`.
 */
export interface DirectUpload {
  key: string;
  url: string;
  fields: Record<string, string>;
  expires_at: string;
  max_bytes: number;
}

/** A file posted to a direct-upload form, to be read and queued as an upload would be. */
export interface DirectUploadRegistration {
  /** The `key` the direct-upload form was made for. */
  key: string;
  /** The file's name as the person knows it (only a display name is kept). */
  filename?: string;
  company_number?: string;
  company_name?: string;
  vat_number?: string;
  /** A case to upload into: the document is checked against the case's claims (fields given here take precedence). */
  case_id?: string;
}
