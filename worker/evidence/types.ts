import type { PagePixels } from '../forensics/pixels/types';
import type {
  CaseDecision,
  Check,
  Claims,
  Classification,
  Decision,
  DocumentType,
  ExtractedField,
  PageInfo,
  PdfFacts,
  Verification,
} from '../domain';
import type { CompanyProfile } from '../registries/companies-house';
import type { VatRegistration } from '../registries/hmrc-vat';
import type { NameThresholds } from '../verification/names';
import type { Policy } from '../verification/policy';
import type { ReviewDecision, Role } from '../persistence/records';

/** Why a registry could not answer, as the check that met it reported. */
export interface RegistryFailure {
  registry: 'companies_house' | 'hmrc';
  code: string;
  message: string;
  status: number | null;
}

/** Companies House's answer for one company number: the profile as sent (with its etag), or not found, or the failure. */
export interface CompaniesHouseEvidence {
  company_number: string;
  outcome: 'found' | 'not_found' | 'error';
  /** When the registry answered (a cached answer keeps the time of the request that fetched it). */
  fetched_at: string;
  etag: string | null;
  profile?: CompanyProfile;
  raw?: unknown;
  error?: RegistryFailure;
}

/** HMRC's answer for one VAT number, with its processing date and (for verified checks) consultation number. */
export interface HmrcEvidence {
  vrn: string;
  outcome: 'found' | 'not_found' | 'error';
  fetched_at: string;
  processing_date: string | null;
  consultation_number: string | null;
  registration?: VatRegistration;
  raw?: unknown;
  error?: RegistryFailure;
}

/** How the document was read: engines and their versions, what came out, and the model's own reply if one was asked. */
export interface ExtractionEvidence {
  document_type: DocumentType | null;
  classification: Classification | null;
  fields: Record<string, ExtractedField>;
  pages: Pick<PageInfo, 'number' | 'source' | 'chars' | 'ocr_confidence'>[];
  /**
   * The text read from each page: registry-guided confirmation looks for registered values in it,
   * so a replay needs it to reach the same checks. Absent in records made before it was kept.
   */
  page_texts?: string[];
  engines: Record<string, string>;
  llm?: {
    model: string | null;
    prompt_sha256: string | null;
    outcome: string;
    raw_reply: string | null;
  };
}

/** What the file itself showed: the forensic checks, which also name the earlier uploads they compared with. */
export interface ForensicsEvidence {
  checks: Check[];
  pdf: PdfFacts | null;
  image_meta: Record<string, string> | null;
  /** Pixel measures of the pages read from images (no pictures), so a replay judges them under its policy's thresholds. */
  pixel_pages?: { number: number; pixels?: PagePixels }[];
  /** Names of the saved evidence pictures, by pixel check id. */
  pixel_images?: Record<string, string>;
}

/** Everything else a verdict depended on: the rules, the settings, the claims and the moment. */
export interface DecisionSettings {
  names: NameThresholds;
  freshness_days: number;
  hmrc_sandbox: boolean;
  companies_house_configured: boolean;
  hmrc_configured: boolean;
}

export interface DecisionEvidence {
  policy_version: string;
  policy: Policy;
  settings: DecisionSettings;
  claims: Claims;
  decided_at: string;
  verification: Verification;
  /** The trace this decision was made in: the request, the job, its stages and registry calls. */
  trace_id: string | null;
}

/** Who decided: the API key (never the key itself) and the role it had. */
export interface Reviewer {
  key_id: string;
  role: Role;
}

/** What a person asks for: their decision, a reason code their team agreed on, and a note. */
export interface ReviewRequest {
  decision: ReviewDecision;
  reason_code: string;
  note: string | null;
}

/** The automatic verdict the reviewer had in front of them. */
export interface SeenVerdict {
  verification_id: string;
  decision: Decision;
  policy_version: string;
  score: number;
}

/** A document review, as appended to the document's evidence beside the automatic verdict (never replacing it). */
export interface ReviewEvidence extends ReviewRequest {
  reviewer: Reviewer;
  reviewed_at: string;
  seen: SeenVerdict;
}

/** A case review, appended to the evidence of each document the case decision rested on. */
export interface CaseReviewEvidence extends ReviewRequest {
  case_id: string;
  reviewer: Reviewer;
  reviewed_at: string;
  seen: {
    /** The case's version: which verification of which document the reviewer saw. */
    version: string;
    decision: CaseDecision;
    policy_version: string;
    documents: { document_id: string; verification_id: string; decision: Decision | null }[];
  };
}

export interface EvidencePayloads {
  extraction: ExtractionEvidence;
  forensics: ForensicsEvidence;
  'companies_house.profile': CompaniesHouseEvidence;
  'hmrc.vat_lookup': HmrcEvidence;
  decision: DecisionEvidence;
  /** A person's decision, recorded beside the automatic one it was made on. */
  review: ReviewEvidence;
  case_review: CaseReviewEvidence;
}

export type EvidenceKind = keyof EvidencePayloads;

/** A record not yet written: stages gather these while they run, the decide stage writes them together. */
export type EvidenceDraft = { [K in EvidenceKind]: { kind: K; payload: EvidencePayloads[K] } }[EvidenceKind];

export interface EvidenceOwner {
  tenant_id: string;
  document_id: string;
  task_id: string;
}

/** Where the decide stage hands a task's evidence; absent in unit tests of single stages. */
export interface EvidenceSink {
  record(owner: EvidenceOwner, drafts: EvidenceDraft[]): Promise<void>;
}
