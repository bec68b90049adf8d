import type { Client } from 'pg';
import type { Sequelize } from 'sequelize';
import type { Connection, Models } from './models';

/** What a repository works with: the connection (for transactions and raw SQL) and the models defined on it. */
export abstract class PostgresRepository {
  protected readonly sequelize: Sequelize;
  protected readonly m: Models;

  constructor({ sequelize, models }: Connection) {
    this.sequelize = sequelize;
    this.m = models;
  }
}

/**
 * A named (prepared) statement on a connection from the Sequelize pool: parsed and planned once per
 * connection, and none of the ORM's per-query work. For the hottest reads only; values are `$n`.
 */
export async function preparedQuery<R extends object>(sequelize: Sequelize, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = sequelize.connectionManager;
  const client = (await pool.getConnection({ type: 'read' })) as Client;
  try {
    return (await client.query<R>({ name, text, values })).rows;
  } finally {
    pool.releaseConnection(client);
  }
}
