import { QueryTypes, type Sequelize } from 'sequelize';
import type { ExclusiveLock } from '../../persistence/port';

/** A transaction-scoped Postgres advisory lock: taken or skipped, never waited for. */
export class AdvisoryLock implements ExclusiveLock {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly key: number,
  ) {}

  async runExclusive(work: () => Promise<void>): Promise<void> {
    await this.sequelize.transaction(async (transaction) => {
      const [row] = await this.sequelize.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(:lock) AS got', {
        replacements: { lock: this.key },
        transaction,
        type: QueryTypes.SELECT,
      });
      if (row?.got) await work();
    });
  }
}
