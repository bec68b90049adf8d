import { Body, Controller, Example, Get, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { DocumentReplayView, EvidenceRecordView, ReplayRequest } from './cases.dto';
import type { ReplayService } from './replay.service';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { documentReplayExample, evidenceRecordsExample } from './cases.examples';

@Route('api/v1/documents')
@Tags('documents')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class DocumentEvidenceController extends Controller {
  constructor(private readonly replay: ReplayService) {
    super();
  }

  /**
   * Re-decides the document's latest verdict from its stored evidence alone (the reading, forensic
   * findings, the registries' recorded answers, at the original moment), without asking any registry,
   * under the current or a named policy version with optional overrides. Shows what would change and why.
   * @summary Replay a document from evidence
   * @param document_id The document.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   * @example body {"policy_version": "kyb-policy-1", "policy_overrides": {"anchors": [["hmrc_vat.registered", "hmrc_vat.name_match"]]}}
   */
  @Post('{document_id}/replay')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Response<ErrorBody>(409, 'No recorded verdict yet (no_recorded_decision) or incomplete evidence (evidence_incomplete)')
  @Response<ErrorBody>(422, 'Unknown policy version (unknown_policy_version) or malformed request (invalid_replay_request)')
  @Example<DocumentReplayView>(documentReplayExample)
  public async replayDocument(
    @Request() req: AuthedRequest,
    @Path() document_id: string,
    @Body() body?: ReplayRequest,
  ): Promise<DocumentReplayView> {
    return this.replay.replay(req.user.tenant_id, document_id, body);
  }

  /**
   * Every evidence record kept for the document, oldest first: registry answers with their etag,
   * processing date and consultation number, the reading engines and model reply, the policy.
   * Records are append-only.
   * @summary List a document's evidence
   * @param document_id The document.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   */
  @Get('{document_id}/evidence')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Example<EvidenceRecordView[]>(evidenceRecordsExample)
  public async getEvidence(@Request() req: AuthedRequest, @Path() document_id: string): Promise<EvidenceRecordView[]> {
    return this.replay.records(req.user.tenant_id, document_id);
  }
}
