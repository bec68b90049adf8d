import type { Check } from '../domain';
import type { CompaniesHouseEvidence, HmrcEvidence } from '../evidence/types';
import { canonicalCompanyNumber } from '../registries/companies-house';
import { canonicalVrn } from '../registries/vat-number';
import type { NameThresholds } from '../verification/names';
import type { CaseClaims, CaseMember, CaseRecord, CaseRepository, SharedElsewhere } from './port';
import type { EvidenceRecord, EvidenceRepository } from '../evidence/port';
import { accountOf, duplicateChecks } from './duplicates';
import { buildMatrix, consistencyChecks, type CaseDocumentFacts, type MatrixRow } from './matrix';
import { decideCase, type CaseDocumentVerdict, type CaseVerdict } from './policy';

/** Which recorded registry answer the case's matrix used. */
export interface RegistrySnapshot {
  evidence_id: string;
  fetched_at: string;
  etag: string | null;
  processing_date: string | null;
  consultation_number: string | null;
}

export interface CaseAssessment {
  matrix: MatrixRow[];
  checks: Check[];
  verdict: CaseVerdict;
  registries: { companies_house: RegistrySnapshot | null; hmrc: RegistrySnapshot | null };
}

/** The newest recorded answer that found the case's company (and its VAT number); never a new request. */
function pickAnswers(claims: CaseClaims, answers: EvidenceRecord[]) {
  const number = canonicalCompanyNumber(claims.company_number);
  const vrn = claims.vat_number ? canonicalVrn(claims.vat_number) : null;
  const ch = answers.find(
    (a) =>
      a.kind === 'companies_house.profile' &&
      (a.payload as unknown as CompaniesHouseEvidence).outcome === 'found' &&
      (a.payload as unknown as CompaniesHouseEvidence).company_number === number,
  );
  const hmrc =
    answers.find(
      (a) =>
        a.kind === 'hmrc.vat_lookup' &&
        (a.payload as unknown as HmrcEvidence).outcome === 'found' &&
        (a.payload as unknown as HmrcEvidence).vrn === vrn,
    ) ?? answers.find((a) => a.kind === 'hmrc.vat_lookup' && (a.payload as unknown as HmrcEvidence).outcome === 'found');
  return { ch, hmrc };
}

function snapshot(row: EvidenceRecord | undefined): RegistrySnapshot | null {
  if (!row) return null;
  const p = row.payload as {
    fetched_at?: string;
    etag?: string | null;
    processing_date?: string | null;
    consultation_number?: string | null;
  };
  return {
    evidence_id: row.id,
    fetched_at: p.fetched_at ?? '',
    etag: p.etag ?? null,
    processing_date: p.processing_date ?? null,
    consultation_number: p.consultation_number ?? null,
  };
}

export function factsOf(members: CaseMember[]): CaseDocumentFacts[] {
  return members
    .filter((m) => m.result)
    .map((m) => ({
      document_id: m.document.id,
      filename: m.document.filename,
      document_type: m.result?.document_type ?? null,
      fields: m.result?.fields ?? {},
    }));
}

export function verdictsOf(members: CaseMember[]): CaseDocumentVerdict[] {
  return members.map((m) => ({
    document_id: m.document.id,
    status: m.document.status,
    document_type: m.result?.document_type ?? null,
    decision: m.result?.verification?.decision ?? null,
  }));
}

export interface AssessInput {
  row: CaseRecord;
  members: CaseMember[];
  answers: EvidenceRecord[];
  elsewhere: SharedElsewhere[];
  names: NameThresholds;
  /** Document verdicts to decide with, when not the stored ones (a replay). */
  verdicts?: CaseDocumentVerdict[];
}

/** The matrix, the case-level checks and the case decision, from what is stored. */
export function assessCase({ row, members, answers, elsewhere, names, verdicts }: AssessInput): CaseAssessment {
  const documents = factsOf(members);
  const { ch, hmrc } = pickAnswers(row.claims, answers);
  const matrix = buildMatrix({
    claims: row.claims,
    documents,
    companiesHouse: (ch?.payload as unknown as CompaniesHouseEvidence | undefined)?.profile,
    hmrc: (hmrc?.payload as unknown as HmrcEvidence | undefined)?.registration?.target,
    names,
  });
  const checks = [...consistencyChecks(matrix, documents), ...duplicateChecks(row.claims.company_number, members, elsewhere)];
  return {
    matrix,
    checks,
    verdict: decideCase(verdicts ?? verdictsOf(members), checks, row.required_document_types),
    registries: { companies_house: snapshot(ch), hmrc: snapshot(hmrc) },
  };
}

export interface StoredCaseSources {
  cases: CaseRepository;
  evidence: EvidenceRepository;
}

/** What assessing a case reads: its documents with their results, the registry answers they recorded, and duplicates elsewhere. */
export async function loadCaseInputs(
  sources: StoredCaseSources,
  row: CaseRecord,
): Promise<Omit<AssessInput, 'row' | 'names' | 'verdicts'>> {
  const members = await sources.cases.members(row.id);
  const ids = members.map((m) => m.document.id);
  const hashes = members.map((m) => m.document.sha256);
  const accounts = members
    .map(accountOf)
    .filter((a) => a !== undefined)
    .map((a) => a.account);
  const [answers, elsewhere] = await Promise.all([
    sources.evidence.registryAnswers(row.tenant_id, ids),
    sources.cases.sharedElsewhere(row.tenant_id, row.id, hashes, accounts),
  ]);
  return { members, answers, elsewhere };
}
