import { Controller, Example, Get, Header, Path, Produces, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import type { ErrorBody } from '../http/errors';
import { sendEvents } from '../http/sse';
import type { ProgressService, ProgressView } from './progress.service';
import { progressExample } from './progress.examples';

/** `progress` events, with a keep-alive comment when nothing has changed for a while. */
const SSE = { event: 'progress', heartbeatMs: 15_000 };

@Route('api/v1/progress')
@Tags('progress')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class ProgressController extends Controller {
  constructor(private readonly progress: ProgressService) {
    super();
  }

  /**
   * Where a task has got to: its state, current stage and percent. Send
   * `Accept: text/event-stream` to receive the same object as server-sent `progress` events until
   * the task completes or fails.
   * @summary Follow a task
   * @param task_id The task id returned by the upload or by a verification request.
   * @example task_id "b7e2a9c4-1d3f-4e5a-8b6c-7d8e9f0a1b2c"
   * @example accept "application/json"
   */
  @Get('{task_id}')
  @Produces('application/json')
  @Produces('text/event-stream')
  @Response<ErrorBody>(404, 'No such task for this API key (not_found)')
  @Response<ErrorBody>(
    429,
    'The tenant holds as many progress streams open as it may (too_many_streams), or too many requests (rate_limited)',
  )
  @Example<ProgressView>(progressExample)
  public async getProgress(
    @Request() req: AuthedRequest,
    @Path() task_id: string,
    @Header('accept') accept?: string,
  ): Promise<ProgressView> {
    if (accept?.includes('text/event-stream') && req.res) {
      const last = await sendEvents(req.res, this.progress.follow(req.user.tenant_id, task_id), SSE);
      // Headers are sent by now; tsoa sends nothing more.
      return last as ProgressView;
    }
    return this.progress.get(req.user.tenant_id, task_id);
  }
}
