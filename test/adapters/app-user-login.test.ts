import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { isAuthenticationFailure } from '../../worker/adapters/postgres/credentials';
import { connect, openDatabase, type Database } from '../../worker/adapters/postgres/database';
import { loadConfig } from '../../worker/config';
import { createLogger } from '../../worker/logger';
import { PgBossQueue } from '../../worker/queue/pgboss';
import { testDatabaseUrl } from '../helpers/database';

const APP_USER_ARN = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:kyb/dev/DATABASE_APP_USER-Abc123';
const log = createLogger('silent');

/** Secrets Manager holding the app user's secret as the rotation leaves it; counts the reads. */
function fakeSecrets(initial: string) {
  const fake = {
    value: initial,
    reads: 0,
    send: async (command: { input: { SecretId?: string } }) => {
      if (command.input.SecretId !== APP_USER_ARN) throw new Error(`no such secret ${command.input.SecretId}`);
      fake.reads += 1;
      return { SecretString: fake.value };
    },
  };
  return fake;
}

describe('worker: serving as the rotated application login (embedded Postgres)', () => {
  let admin: Sequelize;
  let masterUrl: URL;
  const opened: Database[] = [];

  /** A database of its own, so migrating it (or not) is visible; the kyb_app role is cluster-wide. */
  async function freshDatabase(name: string): Promise<string> {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    return urlOf(name);
  }

  function urlOf(name: string): string {
    const url = new URL(masterUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  function appSecret(database: string, password: string): string {
    return JSON.stringify({
      engine: 'postgres',
      host: masterUrl.hostname,
      port: Number(masterUrl.port),
      dbname: database,
      username: 'kyb_app',
      password,
    });
  }

  async function open(env: Record<string, string>, secrets: ReturnType<typeof fakeSecrets>): Promise<Database> {
    const db = await openDatabase(loadConfig({ DATABASE_SSLMODE: 'disable', DATABASE_POOL_MAX: '1', ...env }), log, { secrets });
    opened.push(db);
    return db;
  }

  const tablesIn = async (url: string) => {
    const { sequelize } = connect(url, 1);
    try {
      const [rows] = await sequelize.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      return (rows as { tablename: string }[]).map((r) => r.tablename);
    } finally {
      await sequelize.close();
    }
  };

  before(async () => {
    masterUrl = new URL(await testDatabaseUrl());
    ({ sequelize: admin } = connect(masterUrl.toString(), 2));
    const bootstrap = await openDatabase(loadConfig({ DATABASE_URL: masterUrl.toString() }), log);
    await bootstrap.close();
  });
  after(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await admin.query('DROP DATABASE IF EXISTS kyb_api_logins WITH (FORCE)');
    await admin.query('DROP DATABASE IF EXISTS kyb_function_logins WITH (FORCE)');
    await admin.close();
  });

  it('when the API starts with the master login and the app login, then it migrates as the master, gives kyb_app the secret password (first deploy) and serves as kyb_app', async () => {
    const url = await freshDatabase('kyb_api_logins');
    // As the migration leaves it: no password, so the secret's first login would be refused.
    await admin.query('ALTER ROLE kyb_app PASSWORD NULL');
    const secrets = fakeSecrets(appSecret('kyb_api_logins', 'first-password'));
    const db = await open({ DATABASE_URL: url, DATABASE_APP_USER_ARN: APP_USER_ARN }, secrets);

    expect(await tablesIn(url)).to.include.members(['documents', 'tasks', 'schema_migrations']);
    expect(await db.sequelize.query('SELECT current_user AS who', { plain: true })).to.deep.equal({ who: 'kyb_app' });
    await db.close();
    opened.pop();
    const again = await open({ DATABASE_URL: url, DATABASE_APP_USER_ARN: APP_USER_ARN }, secrets);
    expect((await again.sql.executeSql('SELECT current_user AS who')).rows, 'the queue logs in the same way').to.deep.equal([
      { who: 'kyb_app' },
    ]);
  });

  it('when the app password rotates mid-run, then one new connection is refused and the next reads the new secret and succeeds', async () => {
    const secrets = fakeSecrets(appSecret('kyb_api_logins', 'first-password'));
    const db = await open({ DATABASE_URL: urlOf('kyb_api_logins'), DATABASE_APP_USER_ARN: APP_USER_ARN }, secrets);
    await db.ping();
    const readsBefore = secrets.reads;

    // What the rotation does: the server gets the new password, then the secret does.
    await admin.query("ALTER ROLE kyb_app PASSWORD 'second-password'");
    secrets.value = appSecret('kyb_api_logins', 'second-password');
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'kyb_app' AND datname = 'kyb_api_logins'");
    await new Promise((resolve) => setTimeout(resolve, 200));

    const refused = await db.ping().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isAuthenticationFailure(refused), `refused with the cached password: ${String(refused)}`).to.equal(true);
    await db.ping();
    expect(await db.sequelize.query('SELECT current_user AS who', { plain: true })).to.deep.equal({ who: 'kyb_app' });
    expect(secrets.reads - readsBefore, 'read again once, after the refusal').to.equal(1);
  });

  it('when a function starts with only the app login, then it serves without migrating and cannot change the schema', async () => {
    const url = await freshDatabase('kyb_function_logins');
    await admin.query("ALTER ROLE kyb_app PASSWORD 'function-password'");
    const db = await open({ DATABASE_APP_USER_ARN: APP_USER_ARN }, fakeSecrets(appSecret('kyb_function_logins', 'function-password')));

    expect(await tablesIn(url), 'no migrations ran').to.deep.equal([]);
    expect(await db.sequelize.query('SELECT current_user AS who', { plain: true })).to.deep.equal({ who: 'kyb_app' });
    for (const ddl of ['CREATE TABLE intruder (id int)', 'CREATE SCHEMA intruder']) {
      const error = await db.sequelize.query(ddl).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message, ddl).to.match(/permission denied/);
    }
  });

  it('when nothing names a login but DATABASE_URL, then it migrates and serves as that login, and the local queue runs on the same pool', async () => {
    const db = await open({ DATABASE_URL: masterUrl.toString() }, fakeSecrets(''));
    expect(await db.sequelize.query('SELECT current_user AS who', { plain: true })).to.deep.equal({ who: 'postgres' });
    const queue = new PgBossQueue({ connection: { db: db.sql }, queueName: 'app-login-test', maxAttempts: 1, expireInSeconds: 60, log });
    const received = new Promise<unknown>((resolve) => {
      void queue.consume(async (job) => resolve(job), { concurrency: 1 });
    });
    await queue.send({ document_id: '00000000-0000-4000-8000-000000000001', tenant_id: 't', task_id: 'x' } as never);
    expect(await received).to.include({ document_id: '00000000-0000-4000-8000-000000000001' });
    await queue.stop();
  });

  it('when the URL asks for TLS (sslmode=require, as RDS with rds.force_ssl needs), then the connection really asks the server for it', async () => {
    const url = new URL(masterUrl);
    url.searchParams.set('sslmode', 'require');
    const { sequelize } = connect(url.toString(), 1);
    const error = await sequelize.query('SELECT 1').then(
      () => undefined,
      (e: Error) => e,
    );
    await sequelize.close();
    // The embedded server has no TLS: a client that asked for it is turned away; one that did not would get in.
    expect(error?.message).to.match(/does not support SSL/);
    url.searchParams.set('sslmode', 'disable');
    const plain = connect(url.toString(), 1).sequelize;
    await plain.query('SELECT 1');
    await plain.close();
  });
});
