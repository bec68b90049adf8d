import { randomUUID } from 'node:crypto';
import {
  newEvents,
  type CheckOutcome,
  type DeliveryResult,
  type MonitorEventRecord,
  type MonitorRecord,
  type MonitorRepository,
  type NewMonitor,
} from '../../worker/monitoring/port';

/** The monitor repository port in memory: what unit tests of monitoring run on instead of Postgres. */
export class MemoryMonitorRepository implements MonitorRepository {
  readonly monitors = new Map<string, MonitorRecord>();
  readonly eventsById = new Map<string, MonitorEventRecord>();

  async ensure(monitor: NewMonitor, now = new Date()): Promise<{ monitor: MonitorRecord; created: boolean }> {
    const existing = [...this.monitors.values()].find(
      (m) => m.tenant_id === monitor.tenant_id && m.company_number === monitor.company_number && m.status === 'active',
    );
    if (existing) {
      if (monitor.vat_number) existing.vat_number = monitor.vat_number;
      return { monitor: { ...existing }, created: false };
    }
    const created: MonitorRecord = {
      ...monitor,
      id: randomUUID(),
      source_id: monitor.source_id ?? null,
      status: 'active',
      snapshot: null,
      last_checked_at: null,
      next_check_at: now,
      last_error: null,
      stopped_at: null,
      created_at: now,
      updated_at: now,
    };
    this.monitors.set(created.id, created);
    return { monitor: { ...created }, created: true };
  }

  async find(tenantId: string, id: string): Promise<MonitorRecord | null> {
    const found = this.monitors.get(id);
    return found && found.tenant_id === tenantId ? { ...found } : null;
  }

  async stop(monitor: Pick<MonitorRecord, 'id' | 'status'>, now = new Date()): Promise<void> {
    const stored = this.monitors.get(monitor.id);
    if (stored && stored.status !== 'stopped') Object.assign(stored, { status: 'stopped', stopped_at: now });
  }

  async events(monitorId: string, limit: number): Promise<MonitorEventRecord[]> {
    return [...this.eventsById.values()]
      .filter((e) => e.monitor_id === monitorId)
      .sort((a, b) => a.detected_at.getTime() - b.detected_at.getTime() || a.type.localeCompare(b.type))
      .slice(0, limit);
  }

  async claimDue(limit: number, leaseMs: number, now = new Date()): Promise<MonitorRecord[]> {
    const due = [...this.monitors.values()]
      .filter((m) => m.status === 'active' && m.next_check_at <= now)
      .sort((a, b) => a.next_check_at.getTime() - b.next_check_at.getTime())
      .slice(0, limit);
    for (const m of due) m.next_check_at = new Date(now.getTime() + leaseMs);
    return due.map((m) => ({ ...m }));
  }

  async recordCheck(
    monitor: Pick<MonitorRecord, 'id' | 'tenant_id' | 'company_number'>,
    outcome: CheckOutcome,
    now = new Date(),
  ): Promise<MonitorEventRecord[]> {
    const stored = this.monitors.get(monitor.id);
    if (stored?.status === 'active') {
      Object.assign(stored, {
        snapshot: outcome.snapshot,
        last_error: outcome.error,
        last_checked_at: now,
        next_check_at: outcome.nextCheckAt,
      });
    }
    return newEvents(monitor, outcome, now).map((fresh) => {
      const event: MonitorEventRecord = {
        ...fresh,
        id: randomUUID(),
        delivery_attempts: 0,
        last_delivery_status: null,
        delivered_at: null,
      };
      this.eventsById.set(event.id, event);
      return { ...event };
    });
  }

  async recordDelivery(eventId: string, result: DeliveryResult): Promise<void> {
    const event = this.eventsById.get(eventId);
    if (!event) return;
    Object.assign(event, {
      delivery_state: result.state,
      delivery_attempts: result.attempts,
      last_delivery_status: result.status,
      delivered_at: result.deliveredAt,
    });
  }
}
