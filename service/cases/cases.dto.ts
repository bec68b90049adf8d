import type {
  CaseClaims,
  CaseDecision,
  CaseReason,
  Check,
  Decision,
  DocumentReplay,
  DocumentStatus,
  DocumentType,
  MatrixRow,
  RegistrySnapshot,
  CaseReviewEvidence,
  ReviewEvidence,
  Standing,
} from '../../worker';

export interface CreateCaseRequest {
  /** The Companies House number the applicant claims, e.g. 09446231 or SC123456. */
  company_number: string;
  /** The registered name the applicant claims. */
  company_name: string;
  /** The VAT registration number, with or without GB; leave out if the business is not VAT-registered. */
  vat_number?: string;
  /** Where the business trades, if not at its registered office (one line, with postcode). */
  trading_address?: string;
  /** Your own reference for the applicant. */
  reference?: string;
  /** The document types this case needs; the deployment's default when left out. */
  required_document_types?: DocumentType[];
}

export interface AttachDocumentRequest {
  document_id: string;
}

export interface AttachAccepted {
  case_id: string;
  document_id: string;
  /** The verification task started with the case's claims. */
  task_id: string;
}

export interface CaseDocumentView {
  document_id: string;
  filename: string;
  status: DocumentStatus;
  document_type: DocumentType | null;
  decision: Decision | null;
  score: number | null;
  policy_version: string | null;
  sha256: string;
  created_at: string;
}

export interface CaseDecisionView {
  decision: CaseDecision;
  reasons: CaseReason[];
  policy_version: string;
}

/** A case: its documents and their verdicts, the consistency matrix, case-level checks and one decision. */
export interface CaseView {
  case_id: string;
  reference: string | null;
  claims: CaseClaims;
  required_document_types: DocumentType[];
  created_at: string;
  /** Which verification of which document the decision rests on; name it in a review, so that a changed case is never decided unseen. */
  version: string;
  /** A person's decision on this version of the case, recorded beside the automatic one; null when none stands. */
  review: CaseReviewEvidence | null;
  /** The decision that stands: the review's when there is one, else the automatic case decision. */
  standing: Standing<CaseDecision>;
  documents: CaseDocumentView[];
  decision: CaseDecisionView;
  matrix: MatrixRow[];
  checks: Check[];
  /** The recorded registry answers the matrix used (no registry is asked to build this view). */
  registries: { companies_house: RegistrySnapshot | null; hmrc: RegistrySnapshot | null };
}

export interface PolicyOverridesBody {
  /** 0..100. */
  verified_min_score?: number;
  reject_on_fail?: string[];
  tolerated_warnings?: string[];
  anchors?: string[][];
  weights?: Record<string, number>;
  /** Pixel forensic thresholds to change (text_consistency, background, compression, copy_move); the others keep the policy's. */
  pixel_thresholds?: { text_consistency?: number; background?: number; compression?: number; copy_move?: number };
}

export interface ReplayRequest {
  /** A policy version: the current one (default), kyb-policy-1, or any version a decision of yours was made under. */
  policy_version?: string;
  /** Changes applied on top of that policy, for a what-if. */
  policy_overrides?: PolicyOverridesBody;
}

/** The replay beside the review: the automatic verdict re-decided, and a person's decision on it kept apart (never re-decided). */
export interface DocumentReplayView extends DocumentReplay {
  /** The review recorded on the replayed verification, if any; a replay never changes it. */
  review: ReviewEvidence | null;
}

export interface CaseReplayView {
  case_id: string;
  policy_version: string;
  original: CaseDecisionView;
  replayed: CaseDecisionView;
  decision_changed: boolean;
  documents: DocumentReplay[];
  /** Documents with no recorded verdict to replay (still pending, failed, or decided before evidence was kept). */
  not_replayed: { document_id: string; reason: string }[];
  /** A person's decision on the case as it stands, kept apart: a replay re-decides the automatic verdict only. */
  review: CaseReviewEvidence | null;
}

/** One immutable evidence record. */
export interface EvidenceRecordView {
  evidence_id: string;
  task_id: string;
  kind: string;
  recorded_at: string;
  /** SHA-256 of the canonical JSON of the payload (keys sorted). */
  sha256: string;
  payload: Record<string, unknown>;
}
