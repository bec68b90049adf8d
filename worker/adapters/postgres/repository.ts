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
