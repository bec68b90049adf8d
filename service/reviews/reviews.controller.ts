import { Body, Controller, Example, Path, Post, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import type { CaseReviewRequest, CaseReviewView, DocumentReviewRequest, DocumentReviewView } from './reviews.dto';
import type { ReviewsService } from './reviews.service';
import { caseReviewViewExample, documentReviewExample } from './reviews.examples';

@Route('api/v1')
@Security('api_key', ['reviewer'])
@Response<ErrorBody>(401, 'Missing or unknown API key')
@Response<ErrorBody>(403, 'The key is not a reviewer or admin key (insufficient_role)')
@Response<ErrorBody>(422, 'Malformed decision, reason_code or note (invalid_review, validation_failed)')
export class ReviewsController extends Controller {
  constructor(private readonly reviews: ReviewsService) {
    super();
  }

  /**
   * Records a person's decision on the document's latest automatic verdict. The verdict stays as it
   * was; the review is appended to the document's evidence beside it (who, when, why, and the verdict
   * and policy version they saw), the document view shows both and which stands, and a signed
   * `document.reviewed` webhook is sent. Name the `verification_id` you looked at: if the document
   * was verified again since, the review is refused with 409.
   * @summary Decide a document in review
   * @param document_id The document.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   * @example body {"decision": "verified", "reason_code": "documents_match", "note": "Director confirmed by phone; address matches the utility bill.", "verification_id": "b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c"}
   */
  @Post('documents/{document_id}/review')
  @Tags('documents')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Response<ErrorBody>(409, 'A newer verification exists (stale_verification) or none yet (no_verification)')
  @Example<DocumentReviewView>(documentReviewExample)
  public async reviewDocument(
    @Request() req: AuthedRequest,
    @Path() document_id: string,
    @Body() body: DocumentReviewRequest,
  ): Promise<DocumentReviewView> {
    return this.reviews.reviewDocument(req.user, document_id, body);
  }

  /**
   * Records a person's decision on the case. It is appended to the evidence of every document the
   * case decision rests on, the case view shows it beside the automatic decision, and a signed
   * `case.reviewed` webhook is sent. Name the case `version` you looked at: if any document was
   * verified again, or joined the case, since, the review is refused with 409.
   * @summary Decide a case
   * @param case_id The case.
   * @example case_id "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   * @example body {"decision": "verified", "reason_code": "documents_match", "note": "Director confirmed by phone; address matches the utility bill.", "version": "4f1e7c2a9b3d5e6f8a0b1c2d3e4f5a6b"}
   */
  @Post('cases/{case_id}/review')
  @Tags('cases')
  @Response<ErrorBody>(404, 'No such case for this API key (not_found)')
  @Response<ErrorBody>(409, 'The case changed (stale_case_version) or no document has a verdict yet (no_verification)')
  @Example<CaseReviewView>(caseReviewViewExample)
  public async reviewCase(
    @Request() req: AuthedRequest,
    @Path() case_id: string,
    @Body() body: CaseReviewRequest,
  ): Promise<CaseReviewView> {
    return this.reviews.reviewCase(req.user, case_id, body);
  }
}
