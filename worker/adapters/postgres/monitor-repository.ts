import { Op, QueryTypes } from 'sequelize';
import {
  type CheckOutcome,
  type DeliveryResult,
  type MonitorEventRecord,
  MonitorLimitReached,
  type MonitorRecord,
  type MonitorRepository,
  type NewMonitor,
  newEvents,
} from '../../monitoring/port';
import { plain, plainAll } from './columns';
import { PostgresRepository } from './repository';

/** Data access for monitors and their events. Every read that serves a client is tenant-scoped. */
export class PostgresMonitorRepository extends PostgresRepository implements MonitorRepository {
  /**
   * The tenant's active monitor of this company, created when there is none (its first check, the
   * baseline, is due at once). A VAT number given later is added to an existing monitor.
   */
  async ensure(monitor: NewMonitor, now = new Date(), maxActive?: number): Promise<{ monitor: MonitorRecord; created: boolean }> {
    return this.sequelize.transaction(async (transaction) => {
      // One tenant's creations take turns, so two at once cannot both pass the cap.
      if (maxActive !== undefined)
        await this.sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:tenant))', {
          replacements: { tenant: monitor.tenant_id },
          transaction,
        });
      const existing = await this.m.Monitor.findOne({
        where: { tenant_id: monitor.tenant_id, company_number: monitor.company_number, status: 'active' },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (existing) {
        if (monitor.vat_number && existing.vat_number !== monitor.vat_number) {
          await existing.update({ vat_number: monitor.vat_number }, { transaction });
        }
        return { monitor: plain(existing), created: false };
      }
      if (maxActive !== undefined) {
        const active = await this.m.Monitor.count({ where: { tenant_id: monitor.tenant_id, status: 'active' }, transaction });
        if (active >= maxActive) throw new MonitorLimitReached(maxActive);
      }
      const created = await this.m.Monitor.create(
        { ...monitor, source_id: monitor.source_id ?? null, status: 'active', next_check_at: now },
        { transaction },
      );
      return { monitor: plain(created), created: true };
    });
  }

  async find(tenantId: string, id: string): Promise<MonitorRecord | null> {
    return plain(await this.m.Monitor.findOne({ where: { id, tenant_id: tenantId } }));
  }

  async stop(monitor: Pick<MonitorRecord, 'id' | 'status'>, now = new Date()): Promise<void> {
    if (monitor.status === 'stopped') return;
    await this.m.Monitor.update({ status: 'stopped', stopped_at: now }, { where: { id: monitor.id } });
  }

  async events(monitorId: string, limit: number): Promise<MonitorEventRecord[]> {
    return plainAll(
      await this.m.MonitorEvent.findAll({
        where: { monitor_id: monitorId },
        order: [
          ['detected_at', 'ASC'],
          ['type', 'ASC'],
        ],
        limit,
      }),
    );
  }

  /**
   * Takes up to `limit` due monitors for this round, pushing their next check out by `leaseMs` so a
   * round that overlaps this one (another process, a late schedule) skips them.
   */
  async claimDue(limit: number, leaseMs: number, now = new Date()): Promise<MonitorRecord[]> {
    const rows = await this.sequelize.query<{ id: string }>(
      `UPDATE monitors SET next_check_at = :leaseUntil, updated_at = :now
        WHERE id IN (SELECT id FROM monitors WHERE status = 'active' AND next_check_at <= :now
                     ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      { replacements: { now, limit, leaseUntil: new Date(now.getTime() + leaseMs) }, type: QueryTypes.SELECT },
    );
    if (rows.length === 0) return [];
    return plainAll(await this.m.Monitor.findAll({ where: { id: { [Op.in]: rows.map((r) => r.id) } }, order: [['created_at', 'ASC']] }));
  }

  /** Stores the check's outcome and its events together, so an event is never lost nor stored twice. */
  async recordCheck(
    monitor: Pick<MonitorRecord, 'id' | 'tenant_id' | 'company_number'>,
    outcome: CheckOutcome,
    now = new Date(),
  ): Promise<MonitorEventRecord[]> {
    const events = await this.sequelize.transaction(async (transaction) => {
      await this.m.Monitor.update(
        { snapshot: outcome.snapshot, last_error: outcome.error, last_checked_at: now, next_check_at: outcome.nextCheckAt },
        { where: { id: monitor.id, status: 'active' }, transaction },
      );
      return this.m.MonitorEvent.bulkCreate(newEvents(monitor, outcome, now), { transaction });
    });
    return plainAll(events);
  }

  async recordDelivery(eventId: string, result: DeliveryResult): Promise<void> {
    await this.m.MonitorEvent.update(
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
