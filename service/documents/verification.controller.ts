import { Body, Controller, Example, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Claims } from '../../worker';
import { parseClaims } from '../http/claims';
import type { TaskAccepted } from './documents.dto';
import type { DocumentsService } from './documents.service';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { taskAcceptedExample } from './documents.examples';

@Route('api/v1/verification')
@Tags('verification')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class VerificationController extends Controller {
  constructor(private readonly documents: DocumentsService) {
    super();
  }

  /**
   * Starts a new verification task for an existing document, optionally with new claims; the text
   * already read is reused. Follow it with the progress endpoint.
   * @summary Verify a document again
   * @param document_id The document to verify again.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   * @example body {"company_number": "09446231", "company_name": "Example Trading Ltd", "vat_number": "GB123456789"}
   */
  @Post('{document_id}')
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(202, 'Queued')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Response<ErrorBody>(422, 'Malformed claims (invalid_claims)')
  @Example<TaskAccepted>(taskAcceptedExample)
  public async verify(@Request() req: AuthedRequest, @Path() document_id: string, @Body() body?: Claims): Promise<TaskAccepted> {
    const claims = parseClaims({ ...(body ?? {}) });
    const accepted = await this.documents.verify(req.user.tenant_id, document_id, claims);
    this.setStatus(202);
    return accepted;
  }
}
