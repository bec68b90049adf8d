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
  return { executeSql: (text, values) => onConnection(sequelize, (client) => client.query(text, values)) };
}

/** Statements a transaction runs by name (parsed and planned once per connection), by their text. */
const named = new Map<string, string>();

/** Registers a hot statement of fixed text to be prepared under `name` whenever a transaction runs it; returns the text. */
export function namedStatement(name: string, text: string): string {
  named.set(text, name);
  return text;
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
        executeSql: (text, values) => client.query({ name: named.get(text), text, values }),
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
