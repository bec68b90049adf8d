import { Controller, FormField, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags, UploadedFile } from 'tsoa';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { parseClaims } from './claims';
import type { DocumentView, UploadAccepted } from './documents.dto';
import type { DocumentsService } from './documents.service';

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
   * @param file The document.
   * @param company_number The Companies House number the applicant claims, e.g. 09446231 or SC123456.
   * @param company_name The registered name the applicant claims.
   * @param vat_number The VAT registration number the applicant claims, with or without GB.
   */
  @Post('upload')
  @SuccessResponse(202, 'Stored and queued')
  @Response<ErrorBody>(400, 'No file part (file_required), an empty file (empty_file) or a malformed form')
  @Response<ErrorBody>(413, 'The file is over the upload limit (file_too_large)')
  @Response<ErrorBody>(415, 'Not a PDF, PNG, JPEG, TIFF or WebP (unsupported_type)')
  @Response<ErrorBody>(422, 'Malformed claims (invalid_claims)')
  @Response<ErrorBody>(503, 'A dependency is down; nothing was stored')
  public async upload(
    @Request() req: AuthedRequest,
    @UploadedFile('file') file?: Express.Multer.File,
    @FormField() company_number?: string,
    @FormField() company_name?: string,
    @FormField() vat_number?: string,
  ): Promise<UploadAccepted> {
    const claims = parseClaims({ company_number, company_name, vat_number });
    const accepted = await this.documents.upload(req.user.tenant_id, file, claims);
    this.setStatus(202);
    return accepted;
  }

  /**
   * A document with its status, the text read from it, what was extracted and the verdict.
   * @param document_id The id returned by the upload.
   */
  @Get('{document_id}')
  @Response<ErrorBody>(404, 'No such document for this API key (not_found)')
  public async getDocument(@Request() req: AuthedRequest, @Path() document_id: string): Promise<DocumentView> {
    return this.documents.get(req.user.tenant_id, document_id);
  }
}
