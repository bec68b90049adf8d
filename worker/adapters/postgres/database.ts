import { Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { migrate } from './migrate';
import type { Connection } from './models';
import { defineModels } from './models';

export interface Database extends Connection {
  url: string;
  /** Throws when the database does not answer; used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connect(url: string, poolMax: number): Connection {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 10_000 },
    dialectOptions: { connectionTimeoutMillis: 5_000 },
  });
  return { sequelize, models: defineModels(sequelize) };
}

/**
 * Opens the configured database, or starts the embedded one when no DATABASE_URL is given,
 * and brings its schema up to date.
 */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.EMBEDDED_POSTGRES_PORT,
      onLog: (line) => log.trace({ postgres: line.trim() }, 'postgres'),
    });
    url = embedded.url;
    log.info({ dataDir: embedded.dataDir }, 'embedded postgres started');
  }
  const { sequelize, models } = connect(url, config.DATABASE_POOL_MAX);
  try {
    const applied = await migrate(sequelize);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } catch (error) {
    await sequelize.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    sequelize,
    models,
    url,
    ping: async () => {
      await sequelize.query('SELECT 1');
    },
    close: async () => {
      await sequelize.close();
      await embedded?.stop();
    },
  };
}
