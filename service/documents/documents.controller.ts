import { Readable } from 'node:stream';
import fresh from 'fresh';
import {
  Controller,
  Delete,
  Example,
  FormField,
  Get,
  Header,
  Res,
  Path,
  Post,
  Produces,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
  type TsoaResponse,
  UploadedFile,
} from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { parseClaims } from '../http/claims';
import { sendJsonBody } from '../http/json-body';
import { noteDocument } from '../http/request-log';
import type { DocumentView, UploadAccepted } from './documents.dto';
import type { DocumentsService } from './documents.service';
import { documentViewExample, uploadAcceptedExample } from './documents.examples';

@Route('api/v1/documents')
@Tags('documents')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class DocumentsController extends Controller {
  constructor(private readonly documents: DocumentsService) {
    super();
  }

  /**
   * Uploads a business document (PDF, PNG, JPEG, TIFF or WebP; the type is decided from the bytes)
   * with optional claims about the business, and queues it for reading and verification.
   * @summary Upload a document
   * @param file The document.
   * @param company_number The Companies House number the applicant claims, e.g. 09446231 or SC123456.
   * @param company_name The registered name the applicant claims.
   * @param vat_number The VAT registration number the applicant claims, with or without GB.
   * @param case_id A case to upload into: the document is checked against the case's claims (fields given here take precedence).
   */
  @Post('upload')
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(202, 'Stored and queued')
  @Response<ErrorBody>(400, 'No file part (file_required), an empty file (empty_file) or a malformed form')
  @Response<ErrorBody>(413, 'The file is over the upload limit (file_too_large)')
  @Response<ErrorBody>(415, 'Not a PDF, PNG, JPEG, TIFF or WebP (unsupported_type)')
  @Response<ErrorBody>(404, 'No such case for this API key (not_found)')
  @Response<ErrorBody>(422, 'Malformed claims (invalid_claims)')
  @Response<ErrorBody>(503, 'A dependency is down; nothing was stored')
  @Example<UploadAccepted>(uploadAcceptedExample)
  public async upload(
    @Request() req: AuthedRequest,
    @UploadedFile('file') file?: Express.Multer.File,
    @FormField() company_number?: string,
    @FormField() company_name?: string,
    @FormField() vat_number?: string,
    @FormField() case_id?: string,
  ): Promise<UploadAccepted> {
    const claims = parseClaims({ company_number, company_name, vat_number });
    const accepted = await this.documents.upload(req.user.tenant_id, file, claims, case_id?.trim() || undefined);
    noteDocument(req.res, accepted.document_id);
    // Written here, not by tsoa and Express's `json`: an upload's answer has no versions to hash an ETag for.
    sendJsonBody(req.res!, JSON.stringify(accepted), {}, 202);
    return undefined as never;
  }

  /**
   * A document with its status, the text read from it, what was extracted and the verdict. Answers
   * carry an `ETag`: send it back as `If-None-Match` to be answered 304, with no body, while the
   * document is unchanged (every poll of a finished document, and of a running one between its steps).
   * @summary Get a document and its verdict
   * @param document_id The id returned by the upload.
   * @param notModified Not modified: the view of the ETag sent is current (no body).
   * @param if_none_match The `ETag` of the view the client holds.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   * @example if_none_match "\"lq3Jx0mZ8r2VtXb7QeY1nHc5Wd4\""
   */
  @Get('{document_id}')
  @SuccessResponse<{
    /** The version of the view: send it back as If-None-Match. */
    ETag: string;
    /** `private, no-cache`: a client may keep the view, and asks again with its ETag before using it. */
    'Cache-Control': string;
  }>(200, 'The document')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Example<DocumentView>(documentViewExample)
  public async getDocument(
    @Request() req: AuthedRequest,
    @Path() document_id: string,
    @Res() notModified: TsoaResponse<304, void, { ETag: string; 'Cache-Control': string }>,
    @Header('If-None-Match') if_none_match?: string,
  ): Promise<DocumentView> {
    const held = if_none_match ? (etag: string) => fresh(req.headers, { etag }) : undefined;
    const { etag, body } = await this.documents.read(req.user.tenant_id, document_id, held);
    // Kept, but asked about again each time: a finished document can still be verified again, reviewed or deleted.
    const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
    if (!body) return notModified(304, undefined, headers) as never;
    sendJsonBody(req.res!, body, headers);
    return undefined as never;
  }

  /**
   * Deletes the document: its original, the text read from it and every result. An audit record
   * of the deletion (who, when, the file's hash and size) is kept.
   * @summary Delete a document
   * @param document_id The document to delete.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   */
  @Delete('{document_id}')
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(204, 'Deleted')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  public async deleteDocument(@Request() req: AuthedRequest, @Path() document_id: string): Promise<void> {
    await this.documents.delete(req.user.tenant_id, document_id, `api_key:${req.user.key_id}`);
    this.setStatus(204);
  }

  /**
   * The original file as uploaded. With S3 storage this redirects to a presigned URL valid for at
   * most 15 minutes; with local storage the bytes are sent as an attachment.
   * @summary Download the original
   * @param document_id The document whose original to fetch.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   */
  @Get('{document_id}/original')
  @Produces('application/octet-stream')
  @SuccessResponse(200, 'The file')
  @Response(302, 'Redirect to a short-lived download URL')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  @Response<ErrorBody>(410, 'The original was removed (original_deleted)')
  public async getOriginal(@Request() req: AuthedRequest, @Path() document_id: string): Promise<Readable | void> {
    const original = await this.documents.original(req.user.tenant_id, document_id);
    if ('url' in original) {
      this.setStatus(302);
      this.setHeader('Location', original.url);
      return;
    }
    this.setHeader('Content-Type', original.contentType);
    this.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(original.filename)}`);
    this.setHeader('X-Content-Type-Options', 'nosniff');
    return Readable.from(original.bytes);
  }

  /**
   * The picture of a region a pixel forensic check flagged (a crop of the page with the region
   * outlined), named by the check's `evidence.evidence_image`, e.g. `page-1-text_consistency.png`.
   * @summary Get a forensic evidence picture
   * @param document_id The document the check belongs to.
   * @param name The picture's name.
   * @example document_id "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"
   * @example name "page-1-text_consistency.png"
   */
  @Get('{document_id}/evidence/{name}')
  @Produces('image/png')
  @SuccessResponse(200, 'The PNG picture')
  @Response<ErrorBody>(404, 'No such document for this API key, or no such picture (not_found)')
  public async getEvidenceImage(@Request() req: AuthedRequest, @Path() document_id: string, @Path() name: string): Promise<Readable> {
    const png = await this.documents.evidenceImage(req.user.tenant_id, document_id, name);
    this.setHeader('Content-Type', 'image/png');
    this.setHeader('X-Content-Type-Options', 'nosniff');
    this.setHeader('Cache-Control', 'private, max-age=300');
    return Readable.from(png);
  }
}
