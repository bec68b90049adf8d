import type { Check, Claims, Classification, DocumentType, ExtractedField, PageInfo, PdfFacts, Verification } from '../domain';
import type { CompanyProfile } from '../registries/companies-house';
import type { VatRegistration } from '../registries/hmrc-vat';
import type { NameThresholds } from '../verification/names';
import type { Policy } from '../verification/policy';

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

export interface EvidencePayloads {
  extraction: ExtractionEvidence;
  forensics: ForensicsEvidence;
  'companies_house.profile': CompaniesHouseEvidence;
  'hmrc.vat_lookup': HmrcEvidence;
  decision: DecisionEvidence;
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
