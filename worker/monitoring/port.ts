import type { CompanySnapshot, DetectedChange, EventType } from './types';

export type MonitorStatus = 'active' | 'stopped';
/** Who put the company under monitoring: a client through the API, or the system after a verified document. */
export type MonitorSource = 'api' | 'verified_document' | 'case';
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'not_configured';

export interface MonitorRecord {
  id: string;
  tenant_id: string;
  company_number: string;
  vat_number: string | null;
  status: MonitorStatus;
  source: MonitorSource;
  source_id: string | null;
  snapshot: CompanySnapshot | null;
  last_checked_at: Date | null;
  next_check_at: Date;
  last_error: { code: string; message: string } | null;
  stopped_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface MonitorEventRecord {
  id: string;
  monitor_id: string;
  tenant_id: string;
  type: EventType;
  company_number: string;
  summary: string;
  before: unknown;
  after: unknown;
  detected_at: Date;
  delivery_state: DeliveryState;
  delivery_attempts: number;
  last_delivery_status: number | null;
  delivered_at: Date | null;
}

export interface NewMonitor {
  tenant_id: string;
  company_number: string;
  vat_number: string | null;
  source: MonitorSource;
  source_id?: string | null;
}

export interface CheckOutcome {
  snapshot: CompanySnapshot;
  error: { code: string; message: string } | null;
  nextCheckAt: Date;
  changes: DetectedChange[];
  delivery: DeliveryState;
}

export interface DeliveryResult {
  state: DeliveryState;
  attempts: number;
  status: number | null;
  deliveredAt: Date | null;
}

/** A tenant asked for one more active monitor than it may hold. */
export class MonitorLimitReached extends Error {
  constructor(readonly limit: number) {
    super(`The tenant already has ${limit} active monitors.`);
    this.name = 'MonitorLimitReached';
  }
}

/** Monitors and their events. Every read that serves a client is tenant-scoped. */
export interface MonitorRepository {
  /**
   * The tenant's active monitor of this company, created when there is none; a VAT number given later is added.
   * With `maxActive`, a new monitor is refused (MonitorLimitReached) once the tenant has that many active ones.
   */
  ensure(monitor: NewMonitor, now?: Date, maxActive?: number): Promise<{ monitor: MonitorRecord; created: boolean }>;
  find(tenantId: string, id: string): Promise<MonitorRecord | null>;
  stop(monitor: Pick<MonitorRecord, 'id' | 'status'>, now?: Date): Promise<void>;
  events(monitorId: string, limit: number): Promise<MonitorEventRecord[]>;
  /** Takes up to `limit` due monitors, pushing their next check out by `leaseMs` so an overlapping round skips them. */
  claimDue(limit: number, leaseMs: number, now?: Date): Promise<MonitorRecord[]>;
  /** Stores the check's outcome and its events together, so an event is never lost nor stored twice. */
  recordCheck(
    monitor: Pick<MonitorRecord, 'id' | 'tenant_id' | 'company_number'>,
    outcome: CheckOutcome,
    now?: Date,
  ): Promise<MonitorEventRecord[]>;
  recordDelivery(eventId: string, result: DeliveryResult): Promise<void>;
}

/** A new event as a check's outcome describes it; the store adds its id and delivery bookkeeping. */
export type NewMonitorEvent = Omit<MonitorEventRecord, 'id' | 'delivery_attempts' | 'last_delivery_status' | 'delivered_at'>;

/** The events a check's changes become, one per change. */
export function newEvents(
  monitor: Pick<MonitorRecord, 'id' | 'tenant_id' | 'company_number'>,
  outcome: Pick<CheckOutcome, 'changes' | 'delivery'>,
  now: Date,
): NewMonitorEvent[] {
  return outcome.changes.map((c) => ({
    monitor_id: monitor.id,
    tenant_id: monitor.tenant_id,
    type: c.type,
    company_number: monitor.company_number,
    summary: c.summary,
    before: c.before,
    after: c.after,
    detected_at: now,
    delivery_state: outcome.delivery,
  }));
}
