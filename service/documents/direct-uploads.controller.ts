import { Body, Controller, Example, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import { parseClaims } from '../http/claims';
import type { ErrorBody } from '../http/errors';
import { noteDocument } from '../http/request-log';
import type { DirectUpload, DirectUploadRegistration, DirectUploadRequest, UploadAccepted } from './documents.dto';
import { directUploadExample, uploadAcceptedExample } from './documents.examples';
import type { DirectUploadsService } from './direct-uploads.service';

@Route('api/v1/direct-uploads')
@Tags('documents')
@Security('api_key', ['submitter'])
@Response<ErrorBody>(401, 'Missing or unknown API key')
@Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
export class DirectUploadsController extends Controller {
  constructor(private readonly uploads: DirectUploadsService) {
    super();
  }

  /**
   * A presigned form to upload a large file straight to document storage, bypassing the API: POST
   * the `fields` and then the file (a part named `file`, last) to `url`, then register the `key`.
   * The form allows one file of the declared type, up to `max_bytes`, until `expires_at`.
   * @summary Start a direct upload
   * @example body {"content_type": "application/pdf"}
   */
  @Post()
  @SuccessResponse(201, 'The form to post the file with')
  @Response<ErrorBody>(415, 'Not a PDF, PNG, JPEG, TIFF or WebP (unsupported_type)')
  @Example<DirectUpload>(directUploadExample)
  public async create(@Request() req: AuthedRequest, @Body() body: DirectUploadRequest): Promise<DirectUpload> {
    const upload = await this.uploads.create(req.user.tenant_id, body.content_type);
    this.setStatus(201);
    return upload;
  }

  /**
   * Makes a file posted to a direct-upload form a document: the stored bytes are read as an upload's
   * are (type by magic bytes, size, SHA-256) before it is queued; a file that fails is removed.
   * @summary Register a direct upload
   * @example body {"key": "documents/3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b/6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f.pdf", "filename": "certificate-of-incorporation.pdf", "company_number": "09446231"}
   */
  @Post('register')
  @SuccessResponse(202, 'Recorded and queued')
  @Response<ErrorBody>(400, 'The stored file is empty (empty_file)')
  @Response<ErrorBody>(404, 'No such direct upload or case for this API key (not_found)')
  @Response<ErrorBody>(409, 'Registered already (already_registered), or nothing was posted yet (upload_missing)')
  @Response<ErrorBody>(410, 'The direct upload has expired (upload_expired)')
  @Response<ErrorBody>(413, 'The file is over the upload limit (file_too_large)')
  @Response<ErrorBody>(415, 'Not a PDF, PNG, JPEG, TIFF or WebP (unsupported_type), or not the type declared (type_mismatch)')
  @Response<ErrorBody>(422, 'Malformed claims (invalid_claims)')
  @Response<ErrorBody>(503, 'A dependency is down; try again')
  @Example<UploadAccepted>(uploadAcceptedExample)
  public async register(@Request() req: AuthedRequest, @Body() body: DirectUploadRegistration): Promise<UploadAccepted> {
    const { key, filename, case_id, ...given } = body;
    const claims = parseClaims(given);
    const accepted = await this.uploads.register(req.user.tenant_id, { key, filename, claims, caseId: case_id?.trim() || undefined });
    noteDocument(req.res, accepted.document_id);
    this.setStatus(202);
    return accepted;
  }
}
