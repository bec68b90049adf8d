import { z } from 'zod';
import {
  assessCase,
  type CaseClaims,
  type CaseRecord,
  type CaseRepository,
  type DocumentType,
  type EvidenceRepository,
  loadCaseInputs,
  type NameThresholds,
  policyVersion,
  verdictsOf,
  isUuid,
  type Claims,
  caseReviewOf,
  caseVersion,
  currentCase,
  type CaseMember,
  type CaseReviewEvidence,
  type ReviewRepository,
  standing,
} from '../../worker';
import { parseClaims } from '../http/claims';
import { ServiceError, notFound } from '../errors';
import type { AttachAccepted, CaseReplayView, CaseView, CreateCaseRequest, ReplayRequest } from './cases.dto';
import type { ReplayService } from './replay.service';

const DOCUMENT_TYPES = ['certificate_of_incorporation', 'vat_registration_certificate', 'bank_statement', 'utility_bill'] as const;
const extrasSchema = z.object({
  trading_address: z
    .string()
    .trim()
    .max(500)
    .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f]*$/, 'control characters are not allowed')
    .optional(),
  reference: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed')
    .optional(),
  required_document_types: z.array(z.enum(DOCUMENT_TYPES)).max(4).optional(),
});

/** What cases need of documents: look one up (404 when it is not the tenant's) and verify it again. */
export interface CaseDocuments {
  get(tenantId: string, documentId: string): Promise<unknown>;
  verify(tenantId: string, documentId: string, claims: Claims): Promise<{ task_id: string }>;
}

export interface CasesServiceDeps {
  cases: CaseRepository;
  evidence: EvidenceRepository;
  documents: CaseDocuments;
  replay: ReplayService;
  names: NameThresholds;
  defaultRequired: DocumentType[];
  /** Where the case's assessed decision is kept for the case list. */
  reviews: Pick<ReviewRepository, 'markCase'>;
}

/** Cases of one tenant: creation, attaching documents, the assessed view and replays. */
export class CasesService {
  constructor(private readonly deps: CasesServiceDeps) {}

  async create(tenantId: string, body: CreateCaseRequest): Promise<CaseView> {
    const claims = parseClaims({ company_number: body.company_number, company_name: body.company_name, vat_number: body.vat_number });
    if (!claims.company_number || !claims.company_name) {
      const field = claims.company_number ? 'company_name' : 'company_number';
      throw new ServiceError('invalid', 'invalid_claims', `${field}: required`, { field });
    }
    const extras = extrasSchema.safeParse(body);
    if (!extras.success) {
      const issue = extras.error.issues[0];
      throw new ServiceError('invalid', 'invalid_case', `${String(issue?.path[0])}: ${issue?.message}`, { field: String(issue?.path[0]) });
    }
    const { trading_address, reference, required_document_types } = extras.data;
    const row = await this.deps.cases.create({
      tenant_id: tenantId,
      claims: {
        ...claims,
        company_number: claims.company_number,
        company_name: claims.company_name,
        ...(trading_address ? { trading_address } : {}),
      },
      reference: reference || null,
      required_document_types: [...new Set(required_document_types ?? this.deps.defaultRequired)],
    });
    return this.view(row);
  }

  async get(tenantId: string, caseId: string): Promise<CaseView> {
    return this.view(await this.find(tenantId, caseId));
  }

  /** The claims a document uploaded into the case is checked against; 404 for another tenant's case. */
  async claimsFor(tenantId: string, caseId: string): Promise<CaseClaims> {
    return (await this.find(tenantId, caseId)).claims;
  }

  /** Puts an existing document in the case and verifies it again against the case's claims. */
  async attach(tenantId: string, caseId: string, documentId: string): Promise<AttachAccepted> {
    const row = await this.find(tenantId, caseId);
    await this.deps.documents.get(tenantId, documentId);
    const outcome = await this.deps.cases.attach(tenantId, row.id, documentId);
    if (outcome === 'in_other_case')
      throw new ServiceError('conflict', 'document_in_other_case', 'The document already belongs to another case.');
    const { company_number, company_name, vat_number } = row.claims;
    const { task_id } = await this.deps.documents.verify(tenantId, documentId, {
      company_number,
      company_name,
      ...(vat_number ? { vat_number } : {}),
    });
    return { case_id: row.id, document_id: documentId, task_id };
  }

  /** Re-decides every document from its evidence under one policy, then the case from those verdicts. */
  async replay(tenantId: string, caseId: string, body: ReplayRequest | undefined): Promise<CaseReplayView> {
    const row = await this.find(tenantId, caseId);
    const policy = await this.deps.replay.policyFor(tenantId, body);
    const inputs = await this.inputs(row);
    const original = assessCase({ ...inputs, row, names: this.deps.names });
    const documents = [];
    const not_replayed = [];
    const verdicts = verdictsOf(inputs.members);
    for (const v of verdicts) {
      const replay = v.status === 'completed' ? await this.deps.replay.replayWith(tenantId, v.document_id, policy) : undefined;
      if (!replay) {
        not_replayed.push({
          document_id: v.document_id,
          reason: v.status === 'completed' ? 'no_recorded_decision' : `document_${v.status}`,
        });
        continue;
      }
      documents.push(replay);
      v.decision = replay.replayed.decision;
    }
    const replayed = assessCase({ ...inputs, row, names: this.deps.names, verdicts });
    return {
      case_id: row.id,
      policy_version: policyVersion(policy),
      original: original.verdict,
      replayed: replayed.verdict,
      decision_changed: original.verdict.decision !== replayed.verdict.decision,
      documents,
      not_replayed,
      review: await this.reviewOn(row, inputs.members, caseVersion(inputs.members)),
    };
  }

  /** The review that stands on this version of the case, read from the evidence of a document it was recorded on. */
  private async reviewOn(row: CaseRecord, members: CaseMember[], version: string): Promise<CaseReviewEvidence | null> {
    const reviewed = row.review_decision ? members.find((m) => m.result?.verification) : undefined;
    return reviewed ? caseReviewOf(await this.deps.evidence.forDocument(row.tenant_id, reviewed.document.id), row.id, version) : null;
  }

  private async find(tenantId: string, caseId: string): Promise<CaseRecord> {
    const row = isUuid(caseId) ? await this.deps.cases.find(tenantId, caseId) : null;
    if (!row) throw notFound('Case');
    return row;
  }

  private inputs(row: CaseRecord) {
    return loadCaseInputs(this.deps, row);
  }

  private async view(row: CaseRecord): Promise<CaseView> {
    const { inputs, assessment, version } = await currentCase(this.deps, row);
    const automatic = assessment.verdict.decision;
    // Cases decided before the list kept their decision (or assessed differently since) catch up here.
    if (row.decision !== automatic)
      await this.deps.reviews.markCase(row.tenant_id, row.id, {
        decision: automatic,
        review_decision: row.review_decision,
        reviewed_at: row.reviewed_at,
      });
    const review = await this.reviewOn(row, inputs.members, version);
    return {
      case_id: row.id,
      reference: row.reference,
      claims: row.claims,
      required_document_types: row.required_document_types,
      created_at: row.created_at.toISOString(),
      version,
      review,
      standing: standing(automatic, review),
      documents: inputs.members.map(({ document, result }) => ({
        document_id: document.id,
        filename: document.filename,
        status: document.status,
        document_type: result?.document_type ?? null,
        decision: result?.verification?.decision ?? null,
        score: result?.verification?.score ?? null,
        policy_version: result?.verification?.policy_version ?? null,
        sha256: document.sha256,
        created_at: document.created_at.toISOString(),
      })),
      decision: assessment.verdict,
      matrix: assessment.matrix,
      checks: assessment.checks,
      registries: assessment.registries,
    };
  }
}
