import { Controller, Example, Get, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { CaseDecision, Decision, DocumentStatus, DocumentType } from '../../worker';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { queryTime } from '../http/paging';
import type { CaseList, DocumentCounts, DocumentList, MonitorList } from './lists.dto';
import type { ListsService } from './lists.service';
import { caseListExample, documentListExample, monitorListExample } from './lists.examples';
import { documentCountsExample } from '../documents/documents.examples';

/**
 * Every list pages the same way: newest first by (created_at, id), at most `limit` items (1-200,
 * default 50), and `next_cursor` to pass back as `cursor` for the next page.
 */
@Route('api/v1')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
@Response<ErrorBody>(422, 'limit out of range (invalid_limit), a cursor this API did not give (invalid_cursor) or a bad filter')
export class ListsController extends Controller {
  constructor(private readonly lists: ListsService) {
    super();
  }

  /**
   * The tenant's documents, newest first, as summaries (no text, no evidence). With
   * `open_review=true` this is the review queue: documents in review that no person has decided.
   * @summary List documents
   * @param limit How many per page, 1-200 (default 50).
   * @param cursor The `next_cursor` of the previous page.
   * @param status Only documents in this processing state.
   * @param decision Only documents whose latest automatic decision is this.
   * @param document_type Only documents classified as this type.
   * @param case_id Only the documents of this case.
   * @param created_from Only documents uploaded at or after this time (ISO 8601).
   * @param created_to Only documents uploaded before this time (ISO 8601).
   * @param open_review true: in review and not yet decided by a person; false: everything else.
   * @example limit 50
   * @example cursor "WyIyMDI2LTExLTMwIDA5OjQxOjA3LjEyMzQ1NiswMCIsIjZmMWMyZDRlLThhM2ItNGM1ZC05ZTdmLTBhMWIyYzNkNGU1ZiJd"
   * @example case_id "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   * @example created_from "2026-11-01T00:00:00Z"
   * @example created_to "2026-12-01T00:00:00Z"
   * @example open_review true
   */
  @Get('documents')
  @Tags('documents')
  @Example<DocumentList>(documentListExample)
  public async listDocuments(
    @Request() req: AuthedRequest,
    @Query() limit?: number,
    @Query() cursor?: string,
    @Query() status?: DocumentStatus,
    @Query() decision?: Decision,
    @Query() document_type?: DocumentType,
    @Query() case_id?: string,
    @Query() created_from?: string,
    @Query() created_to?: string,
    @Query() open_review?: boolean,
  ): Promise<DocumentList> {
    return this.lists.documents(
      req.user.tenant_id,
      { limit, cursor },
      {
        status,
        decision,
        document_type,
        case_id,
        created_from: queryTime('created_from', created_from),
        created_to: queryTime('created_to', created_to),
        open_review,
      },
    );
  }

  /**
   * How many of the tenant's documents stand at each automatic decision, how many reviews are open
   * and how many a person has decided: the numbers for a dashboard.
   * @summary Count documents by decision
   */
  @Get('document-counts')
  @Tags('documents')
  @Example<DocumentCounts>(documentCountsExample)
  public async countDocuments(@Request() req: AuthedRequest): Promise<DocumentCounts> {
    return this.lists.counts(req.user.tenant_id);
  }

  /**
   * The tenant's cases, newest first, each with its decision as last assessed and any review.
   * @summary List cases
   * @param limit How many per page, 1-200 (default 50).
   * @param cursor The `next_cursor` of the previous page.
   * @param decision Only cases whose automatic decision is this.
   * @example limit 50
   * @example cursor "WyIyMDI2LTExLTMwIDA5OjQxOjA3LjEyMzQ1NiswMCIsIjZmMWMyZDRlLThhM2ItNGM1ZC05ZTdmLTBhMWIyYzNkNGU1ZiJd"
   */
  @Get('cases')
  @Tags('cases')
  @Example<CaseList>(caseListExample)
  public async listCases(
    @Request() req: AuthedRequest,
    @Query() limit?: number,
    @Query() cursor?: string,
    @Query() decision?: CaseDecision,
  ): Promise<CaseList> {
    return this.lists.cases(req.user.tenant_id, { limit, cursor }, { decision });
  }

  /**
   * The tenant's monitors, newest first.
   * @summary List monitors
   * @param limit How many per page, 1-200 (default 50).
   * @param cursor The `next_cursor` of the previous page.
   * @param status Only active or only stopped monitors.
   * @param events_since Only monitors that found a change at or after this time (ISO 8601).
   * @example limit 50
   * @example cursor "WyIyMDI2LTExLTMwIDA5OjQxOjA3LjEyMzQ1NiswMCIsIjZmMWMyZDRlLThhM2ItNGM1ZC05ZTdmLTBhMWIyYzNkNGU1ZiJd"
   * @example status "active"
   * @example events_since "2026-11-01T00:00:00Z"
   */
  @Get('monitors')
  @Tags('monitors')
  @Example<MonitorList>(monitorListExample)
  public async listMonitors(
    @Request() req: AuthedRequest,
    @Query() limit?: number,
    @Query() cursor?: string,
    @Query() status?: 'active' | 'stopped',
    @Query() events_since?: string,
  ): Promise<MonitorList> {
    return this.lists.monitors(req.user.tenant_id, { limit, cursor }, { status, events_since: queryTime('events_since', events_since) });
  }
}
