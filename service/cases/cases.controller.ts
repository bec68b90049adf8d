import { Body, Controller, Example, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import type { AttachAccepted, AttachDocumentRequest, CaseReplayView, CaseView, CreateCaseRequest, ReplayRequest } from './cases.dto';
import type { CasesService } from './cases.service';
import { caseReplayExample, caseViewExample, attachAcceptedExample } from './cases.examples';

@Route('api/v1/cases')
@Tags('cases')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class CasesController extends Controller {
  constructor(private readonly cases: CasesService) {
    super();
  }

  /**
   * Opens an onboarding case for a business with what the applicant claims. Upload documents into
   * it with the `case_id` form field, or attach existing ones.
   * @summary Open a case
   * @example body {"company_number": "09446231", "company_name": "Example Trading Ltd", "vat_number": "GB123456789", "reference": "onboarding-4471", "required_document_types": ["certificate_of_incorporation"]}
   */
  @Post()
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(201, 'Created')
  @Response<ErrorBody>(422, 'Malformed claims (invalid_claims) or case details (invalid_case)')
  @Example<CaseView>(caseViewExample)
  public async createCase(@Request() req: AuthedRequest, @Body() body: CreateCaseRequest): Promise<CaseView> {
    const created = await this.cases.create(req.user.tenant_id, body);
    this.setStatus(201);
    return created;
  }

  /**
   * The case with its documents and their verdicts, the consistency matrix (each attribute from
   * every document, the claims, Companies House and HMRC), case-level checks and the case decision.
   * Built from what is stored: no registry is asked.
   * @summary Get a case
   * @param case_id The id returned when the case was opened.
   * @example case_id "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   */
  @Get('{case_id}')
  @Response<ErrorBody>(404, 'No such case for this API key (not_found)')
  @Example<CaseView>(caseViewExample)
  public async getCase(@Request() req: AuthedRequest, @Path() case_id: string): Promise<CaseView> {
    return this.cases.get(req.user.tenant_id, case_id);
  }

  /**
   * Attaches an uploaded document to the case and verifies it again against the case's claims.
   * @summary Attach a document to a case
   * @param case_id The case.
   * @example case_id "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   * @example body {"document_id": "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"}
   */
  @Post('{case_id}/documents')
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(202, 'Attached; verification queued')
  @Response<ErrorBody>(404, 'No such case or document for this API key (not_found)')
  @Response<ErrorBody>(409, 'The document belongs to another case (document_in_other_case)')
  @Example<AttachAccepted>(attachAcceptedExample)
  public async attachDocument(
    @Request() req: AuthedRequest,
    @Path() case_id: string,
    @Body() body: AttachDocumentRequest,
  ): Promise<AttachAccepted> {
    const accepted = await this.cases.attach(req.user.tenant_id, case_id, body.document_id);
    this.setStatus(202);
    return accepted;
  }

  /**
   * Re-decides every document of the case from its stored evidence alone (no registry is asked),
   * under the current or a named policy version with optional overrides, then the case from those
   * verdicts; shows what would change and why.
   * @summary Replay a case from evidence
   * @param case_id The case.
   * @example case_id "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   * @example body {"policy_version": "kyb-policy-1"}
   */
  @Post('{case_id}/replay')
  @Response<ErrorBody>(404, 'No such case for this API key (not_found)')
  @Response<ErrorBody>(409, 'Stored evidence is incomplete (evidence_incomplete)')
  @Response<ErrorBody>(422, 'Unknown policy version (unknown_policy_version) or malformed request (invalid_replay_request)')
  @Example<CaseReplayView>(caseReplayExample)
  public async replayCase(@Request() req: AuthedRequest, @Path() case_id: string, @Body() body?: ReplayRequest): Promise<CaseReplayView> {
    return this.cases.replay(req.user.tenant_id, case_id, body);
  }
}
