import type { Client } from 'pg';
import type { Sequelize } from 'sequelize';
import type { SqlExecutor, SqlTransaction } from '../../persistence/port';

/** Raw pg on a connection of the Sequelize pool: Sequelize's own bind syntax would rewrite pg-boss's `$$` blocks. */
async function onConnection<T>(sequelize: Sequelize, work: (client: Client) => Promise<T>): Promise<T> {
  const pool = sequelize.connectionManager;
  const client = (await pool.getConnection({ type: 'write' })) as Client;
  try {
    return await work(client);
  } finally {
    pool.releaseConnection(client);
  }
}

/** pg-boss's statements, each on a connection from the pool. */
export function sqlOn(sequelize: Sequelize): SqlExecutor {
  return { executeSql: (text, values, name) => onConnection(sequelize, (client) => client.query({ name, text, values })) };
}

/**
 * One transaction on one pooled connection, its statements as pg-boss's `db` option takes them;
 * rolled back if `work` throws. Its `afterCommit` hooks run once COMMIT has returned.
 */
export async function inSqlTransaction<T>(sequelize: Sequelize, work: (transaction: SqlTransaction) => Promise<T>): Promise<T> {
  const committed: Array<() => void> = [];
  const out = await onConnection(sequelize, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work({
        executeSql: (text, values, name) => client.query({ name, text, values }),
        afterCommit: (hook) => committed.push(hook),
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  for (const hook of committed) hook();
  return out;
}

/** `text` with its parameters renumbered from `first` ($1 becomes $first), to sit after another statement's. */
export function shiftParameters(text: string, first: number): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + first - 1}`);
}
