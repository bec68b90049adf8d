import {
  canonicalCompanyNumber,
  canonicalVrn,
  type MonitorEventRecord,
  MonitorLimitReached,
  type MonitorRecord,
  type MonitorRepository,
  isUuid,
} from '../../worker';
import { ServiceError, notFound } from '../errors';
import type { CreateMonitorRequest, MonitorEventView, MonitorView } from './monitors.dto';

/** Companies House numbers: eight characters, digits with an optional two-letter prefix (SC, NI, OC, ...). */
const COMPANY_NUMBER = /^([A-Z]{2}\d{6}|\d{8}|[A-Z]{2}\d{5}[A-Z])$/;

export function toMonitorView(monitor: MonitorRecord, intervalHours: number): MonitorView {
  const snapshot = monitor.snapshot ?? null;
  const company = snapshot?.company;
  return {
    monitor_id: monitor.id,
    company_number: monitor.company_number,
    vat_number: monitor.vat_number,
    status: monitor.status,
    source: monitor.source,
    interval_hours: intervalHours,
    created_at: monitor.created_at.toISOString(),
    last_checked_at: monitor.last_checked_at?.toISOString() ?? null,
    next_check_at: monitor.status === 'active' ? monitor.next_check_at.toISOString() : null,
    stopped_at: monitor.stopped_at?.toISOString() ?? null,
    last_error: monitor.last_error ?? null,
    company: company
      ? {
          found: company.found,
          name: company.name ?? null,
          status: company.status ?? null,
          status_detail: company.status_detail ?? null,
          registered_office: company.registered_office ?? null,
        }
      : null,
    vat_registered: snapshot?.vat ? snapshot.vat.registered : null,
    officers_count: snapshot?.officers ? snapshot.officers.filter((p) => !p.ceased_on).length : null,
    pscs_count: snapshot?.pscs ? snapshot.pscs.filter((p) => !p.ceased_on).length : null,
  };
}

export function toEventView(event: MonitorEventRecord): MonitorEventView {
  return {
    event_id: event.id,
    monitor_id: event.monitor_id,
    type: event.type,
    company_number: event.company_number,
    summary: event.summary,
    before: event.before ?? null,
    after: event.after ?? null,
    detected_at: event.detected_at.toISOString(),
    delivery: {
      state: event.delivery_state,
      attempts: event.delivery_attempts,
      last_status: event.last_delivery_status ?? null,
      delivered_at: event.delivered_at?.toISOString() ?? null,
    },
  };
}

/** Monitors of one tenant: start, read, list events, stop. Another tenant's monitor is not found. */
export class MonitorsService {
  constructor(private readonly deps: { repo: MonitorRepository; intervalHours: number; maxActivePerTenant?: number }) {}

  async create(tenantId: string, request: CreateMonitorRequest): Promise<{ view: MonitorView; created: boolean }> {
    const company = canonicalCompanyNumber(request.company_number ?? '');
    if (!COMPANY_NUMBER.test(company)) {
      throw new ServiceError(
        'invalid',
        'invalid_company_number',
        'company_number must be a Companies House number such as 09446231 or SC123456.',
      );
    }
    let vat: string | null = null;
    if (request.vat_number !== undefined && request.vat_number.trim() !== '') {
      vat = canonicalVrn(request.vat_number);
      if (!vat)
        throw new ServiceError('invalid', 'invalid_vat_number', 'vat_number must be a UK VAT number of 9 digits, with or without GB.');
    }
    const { monitor, created } = await this.deps.repo
      .ensure({ tenant_id: tenantId, company_number: company, vat_number: vat, source: 'api' }, undefined, this.deps.maxActivePerTenant)
      .catch((error: unknown) => {
        if (error instanceof MonitorLimitReached) {
          throw new ServiceError('too_many', 'too_many_monitors', `${error.message} Stop one before starting another.`, {
            limit: error.limit,
          });
        }
        throw error;
      });
    return { view: toMonitorView(monitor, this.deps.intervalHours), created };
  }

  async get(tenantId: string, id: string): Promise<MonitorView> {
    return toMonitorView(await this.find(tenantId, id), this.deps.intervalHours);
  }

  async events(tenantId: string, id: string, limit: number): Promise<MonitorEventView[]> {
    const monitor = await this.find(tenantId, id);
    return (await this.deps.repo.events(monitor.id, limit)).map(toEventView);
  }

  async stop(tenantId: string, id: string): Promise<void> {
    await this.deps.repo.stop(await this.find(tenantId, id));
  }

  private async find(tenantId: string, id: string): Promise<MonitorRecord> {
    const monitor = isUuid(id) ? await this.deps.repo.find(tenantId, id) : null;
    if (!monitor) throw notFound('Monitor');
    return monitor;
  }
}
