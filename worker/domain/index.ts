/** The shapes every part shares: the API shows them, the pipeline fills them, the database keeps them. */

export type DocumentStatus = 'queued' | 'processing' | 'completed' | 'failed';
export type TaskState = 'queued' | 'running' | 'completed' | 'failed';
export type TaskKind = 'process' | 'verify';

export type StageName = 'identify' | 'text' | 'classify' | 'extract' | 'forensics' | 'registries' | 'decide';

export type DocumentType = 'certificate_of_incorporation' | 'vat_registration_certificate' | 'bank_statement' | 'utility_bill' | 'unknown';

/** What the applicant says about the business; every check compares against these when given. */
export interface Claims {
  company_number?: string;
  company_name?: string;
  vat_number?: string;
}

export interface ErrorInfo {
  code: string;
  message: string;
}

/** How one page was read and how good it looked; forensics use the quality figures. */
export interface PageInfo {
  number: number;
  source: 'text_layer' | 'ocr';
  chars: number;
  /** Tesseract's mean word confidence, 0..100, for OCR'd pages. */
  ocr_confidence?: number;
  width?: number;
  height?: number;
  /** Grey variance of the page image as it arrived (its contrast): low means washed out or blurred. */
  blur?: number;
  /** Estimated dots per inch of the page image. */
  dpi?: number;
  /** Rotation applied by deskewing, in degrees. */
  deskew_degrees?: number;
  /** Words OCR read unsurely and read a second time, closer up, with which reading the page kept. */
  uncertain_reads?: UncertainRead[];
}

/**
 * One unsure word read twice: what the page's reading gave, what a closer second reading gave, and
 * which was kept. A postcode, or a labelled number whose first reading read nothing valid.
 */
export interface UncertainRead {
  field: 'postcode' | 'vat_number' | 'company_number' | 'sort_code' | 'account_number';
  first: string;
  /** Absent when the second reading found no such field in the word's line. */
  second?: string;
  kept: 'first' | 'second';
}

export interface Classification {
  confidence: number;
  /** The cues that decided the type, in words a reviewer understands. */
  reasons: string[];
}

export interface ExtractedField {
  /** Normalised value (ISO dates, 8-character company numbers, 9-digit VAT numbers, ...). */
  value: string;
  /** The text as printed, where it differs from the value. */
  raw?: string;
  /** A further form for matching, such as a company name without LTD/LIMITED and punctuation. */
  normalized?: string;
  confidence: number;
  source: 'rules' | 'llm' | 'rules+llm';
  page: number | null;
  /** For values with a checksum (VAT numbers): whether it holds. */
  valid?: boolean;
  /** Where rules and the model disagreed: what the other said. */
  disagreement?: { source: 'rules' | 'llm'; value: string };
  /** Why the rules chose this value. */
  reasons?: string[];
  /** The values the rules weighed, best first (the value itself among them), each with its evidence. */
  candidates?: FieldCandidate[];
}

export interface FieldCandidate {
  value: string;
  confidence: number;
  page: number;
  reasons: string[];
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'not_applicable' | 'error';

export interface Check {
  id: string;
  status: CheckStatus;
  reason_code: string;
  message: string;
  evidence: Record<string, unknown>;
}

export type Decision = 'verified' | 'review' | 'rejected';

/** A case's decision: also pending (documents still processing) or incomplete (required documents missing). */
export type CaseDecision = 'pending' | 'incomplete' | 'verified' | 'review' | 'rejected';

/** One thing that made a verdict what it is, in words, and in a form two verdicts can be compared by. */
export interface DecisionReason {
  code:
    | 'rejecting_failure'
    | 'blocking_failure'
    | 'check_error'
    | 'not_checked'
    | 'untolerated_warning'
    | 'no_anchor'
    | 'score_below_threshold'
    | 'all_conditions_met';
  check_id: string | null;
  message: string;
}

export interface Verification {
  decision: Decision;
  /** The weighted share of checks passed, 0..100; checks that could not run count against it. */
  score: number;
  checks: Check[];
  /** Why the decision is what it is, in the order the policy applies its rules. */
  reasons: DecisionReason[];
  decided_at: string;
  policy_version: string;
}

/** Facts about a PDF that forensics weigh: who made it and whether it was edited afterwards. */
export interface PdfFacts {
  producer?: string;
  creator?: string;
  created_at?: string;
  modified_at?: string;
  incremental_updates: number;
  has_javascript: boolean;
  embedded_files: number;
  annotations: number;
  encrypted: boolean;
}

/** Told once per task that reaches an end (webhooks and auto-monitoring hang off this). */
export interface TaskFinished {
  document_id: string;
  task_id: string;
  tenant_id: string;
  state: Extract<TaskState, 'completed' | 'failed'>;
  decision: string | null;
}
