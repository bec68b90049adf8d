import {
  Body,
  Controller,
  Example,
  Delete,
  Get,
  Path,
  Post,
  Query,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { AuthedRequest } from '../http/auth';
import { ApiError, type ErrorBody } from '../http/errors';
import type { CreateMonitorRequest, MonitorEventList, MonitorView } from './monitors.dto';
import type { MonitorsService } from './monitors.service';
import { monitorEventListExample, monitorViewExample } from './monitors.examples';

@Route('api/v1/monitors')
@Tags('monitors')
@Security('api_key')
@Response<ErrorBody>(401, 'Missing or unknown API key')
export class MonitorsController extends Controller {
  constructor(private readonly monitors: MonitorsService) {
    super();
  }

  /**
   * Puts a company under monitoring: Companies House (and HMRC for the VAT number) are checked again
   * every MONITOR_INTERVAL_HOURS, and each change that matters becomes an event, shown here and sent
   * as a signed webhook. The first check records the baseline. A company already monitored for this
   * API key's tenant returns its monitor with 200.
   * @summary Start monitoring a company
   * @example body {"company_number": "09446231", "vat_number": "GB123456789"}
   */
  @Post()
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(201, 'Monitoring started')
  @Response<MonitorView>(200, 'Already monitored', monitorViewExample)
  @Response<ErrorBody>(422, 'Not a company number (invalid_company_number) or VAT number (invalid_vat_number)')
  @Response<ErrorBody>(429, 'The tenant holds as many active monitors as it may (too_many_monitors), or too many requests (rate_limited)')
  @Example<MonitorView>(monitorViewExample)
  public async createMonitor(@Request() req: AuthedRequest, @Body() body: CreateMonitorRequest): Promise<MonitorView> {
    const { view, created } = await this.monitors.create(req.user.tenant_id, body);
    this.setStatus(created ? 201 : 200);
    return view;
  }

  /**
   * A monitor with what the registries last said about the company.
   * @summary Get a monitor
   * @param monitor_id The id returned when monitoring started.
   * @example monitor_id "d9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a"
   */
  @Get('{monitor_id}')
  @Response<ErrorBody>(404, 'No such monitor for this API key (not_found)')
  @Example<MonitorView>(monitorViewExample)
  public async getMonitor(@Request() req: AuthedRequest, @Path() monitor_id: string): Promise<MonitorView> {
    return this.monitors.get(req.user.tenant_id, monitor_id);
  }

  /**
   * The changes found in the company, oldest first, with the state of each one's webhook.
   * @summary List a monitor's events
   * @param monitor_id The monitor.
   * @param limit At most this many events (1-500, default 100).
   * @example monitor_id "d9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a"
   * @example limit 100
   */
  @Get('{monitor_id}/events')
  @Response<ErrorBody>(404, 'No such monitor for this API key (not_found)')
  @Response<ErrorBody>(422, 'limit out of range (invalid_limit)')
  @Example<MonitorEventList>(monitorEventListExample)
  public async getMonitorEvents(
    @Request() req: AuthedRequest,
    @Path() monitor_id: string,
    @Query() limit?: number,
  ): Promise<MonitorEventList> {
    const max = limit ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 500)
      throw new ApiError(422, 'invalid_limit', 'limit must be a whole number from 1 to 500.');
    return { monitor_id, events: await this.monitors.events(req.user.tenant_id, monitor_id, max) };
  }

  /**
   * Stops monitoring. The monitor and its events stay readable; no further checks run.
   * @summary Stop monitoring
   * @param monitor_id The monitor to stop.
   * @example monitor_id "d9e8f7a6-b5c4-4d3e-9f2a-1b0c9d8e7f6a"
   */
  @Delete('{monitor_id}')
  @Security('api_key', ['submitter'])
  @Response<ErrorBody>(403, 'The key is a reviewer key (insufficient_role)')
  @SuccessResponse(204, 'Stopped')
  @Response<ErrorBody>(404, 'No such monitor for this API key (not_found)')
  public async stopMonitor(@Request() req: AuthedRequest, @Path() monitor_id: string): Promise<void> {
    await this.monitors.stop(req.user.tenant_id, monitor_id);
    this.setStatus(204);
  }
}
