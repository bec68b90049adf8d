import { Op, QueryTypes, type Sequelize } from 'sequelize';
import { MonitorEventRow, MonitorRow, type DeliveryState, type MonitorSource } from '../db/monitor-models';
import type { CompanySnapshot, DetectedChange } from './types';

export interface NewMonitor {
  tenant_id: string;
  company_number: string;
  vat_number: string | null;
  source: MonitorSource;
  source_id?: string | null;
}

/** Data access for monitors and their events. Every read that serves a client is tenant-scoped. */
export class MonitorRepository {
  constructor(private readonly sequelize: Sequelize) {}

  /**
   * The tenant's active monitor of this company, created when there is none (its first check, the
   * baseline, is due at once). A VAT number given later is added to an existing monitor.
   */
  async ensure(monitor: NewMonitor, now = new Date()): Promise<{ monitor: MonitorRow; created: boolean }> {
    return this.sequelize.transaction(async (transaction) => {
      const existing = await MonitorRow.findOne({
        where: { tenant_id: monitor.tenant_id, company_number: monitor.company_number, status: 'active' },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (existing) {
        if (monitor.vat_number && existing.vat_number !== monitor.vat_number) {
          await existing.update({ vat_number: monitor.vat_number }, { transaction });
        }
        return { monitor: existing, created: false };
      }
      const created = await MonitorRow.create(
        { ...monitor, source_id: monitor.source_id ?? null, status: 'active', next_check_at: now },
        { transaction },
      );
      return { monitor: created, created: true };
    });
  }

  find(tenantId: string, id: string): Promise<MonitorRow | null> {
    return MonitorRow.findOne({ where: { id, tenant_id: tenantId } });
  }

  async stop(monitor: MonitorRow, now = new Date()): Promise<void> {
    if (monitor.status === 'stopped') return;
    await monitor.update({ status: 'stopped', stopped_at: now });
  }

  events(monitorId: string, limit: number): Promise<MonitorEventRow[]> {
    return MonitorEventRow.findAll({
      where: { monitor_id: monitorId },
      order: [
        ['detected_at', 'ASC'],
        ['type', 'ASC'],
      ],
      limit,
    });
  }

  /**
   * Takes up to `limit` due monitors for this round, pushing their next check out by `leaseMs` so a
   * round that overlaps this one (another process, a late schedule) skips them.
   */
  async claimDue(limit: number, leaseMs: number, now = new Date()): Promise<MonitorRow[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `UPDATE monitors SET next_check_at = :leaseUntil, updated_at = :now
        WHERE id IN (SELECT id FROM monitors WHERE status = 'active' AND next_check_at <= :now
                     ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      { replacements: { now, limit, leaseUntil: new Date(now.getTime() + leaseMs) }, type: QueryTypes.SELECT },
    );
    if (rows.length === 0) return [];
    return MonitorRow.findAll({ where: { id: { [Op.in]: rows.map((r) => r.id) } }, order: [['created_at', 'ASC']] });
  }

  /** Stores the check's outcome and its events together, so an event is never lost nor stored twice. */
  async recordCheck(
    monitor: MonitorRow,
    outcome: {
      snapshot: CompanySnapshot;
      error: { code: string; message: string } | null;
      nextCheckAt: Date;
      changes: DetectedChange[];
      delivery: DeliveryState;
    },
    now = new Date(),
  ): Promise<MonitorEventRow[]> {
    return this.sequelize.transaction(async (transaction) => {
      await MonitorRow.update(
        { snapshot: outcome.snapshot, last_error: outcome.error, last_checked_at: now, next_check_at: outcome.nextCheckAt },
        { where: { id: monitor.id, status: 'active' }, transaction },
      );
      return MonitorEventRow.bulkCreate(
        outcome.changes.map((c) => ({
          monitor_id: monitor.id,
          tenant_id: monitor.tenant_id,
          type: c.type,
          company_number: monitor.company_number,
          summary: c.summary,
          before: c.before,
          after: c.after,
          detected_at: now,
          delivery_state: outcome.delivery,
        })),
        { transaction },
      );
    });
  }

  async recordDelivery(
    eventId: string,
    result: { state: DeliveryState; attempts: number; status: number | null; deliveredAt: Date | null },
  ): Promise<void> {
    await MonitorEventRow.update(
      {
        delivery_state: result.state,
        delivery_attempts: result.attempts,
        last_delivery_status: result.status,
        delivered_at: result.deliveredAt,
      },
      { where: { id: eventId } },
    );
  }
}
