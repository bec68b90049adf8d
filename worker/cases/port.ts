import type { DocumentType } from '../domain';
import type { CaseDecision } from './policy';
import type { DocumentRecord, ResultRecord, ReviewDecision, TaskRecord } from '../persistence/port';

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
  /** The case decision as last assessed (after each member's verification), kept so lists filter on it. */
  decision: CaseDecision | null;
  /** A person's decision on the case; cleared when a member's newer verification changes what was reviewed. */
  review_decision: ReviewDecision | null;
  reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CaseDocumentRecord {
  document_id: string;
  case_id: string;
  tenant_id: string;
  created_at: Date;
}

export interface NewCase {
  tenant_id: string;
  claims: CaseClaims;
  reference: string | null;
  required_document_types: DocumentType[];
}

export interface CaseMember {
  document: DocumentRecord;
  result: ResultRecord | null;
  task: TaskRecord | null;
}

/** A document of another case of the same tenant that shares something with this case's documents. */
export interface SharedElsewhere {
  document_id: string;
  case_id: string;
  company_number: string | null;
  sha256: string;
  account_number: string | null;
  sort_code: string | null;
}

export type AttachOutcome = 'attached' | 'already_attached' | 'in_other_case';

/** Cases and their documents; every read is scoped to one tenant. */
export interface CaseRepository {
  create(input: NewCase): Promise<CaseRecord>;
  find(tenantId: string, id: string): Promise<CaseRecord | null>;
  /** The case a document belongs to, if any. */
  caseOf(tenantId: string, documentId: string): Promise<CaseRecord | null>;
  /** Puts the document in the case; a document belongs to one case at most. */
  attach(tenantId: string, caseId: string, documentId: string): Promise<AttachOutcome>;
  /** The case's documents, oldest first, each with its latest result and task. */
  members(caseId: string): Promise<CaseMember[]>;
  /** Documents in the tenant's other cases with the same bytes or bank account as any of these. Never crosses tenants. */
  sharedElsewhere(tenantId: string, caseId: string, hashes: string[], accounts: string[]): Promise<SharedElsewhere[]>;
}
