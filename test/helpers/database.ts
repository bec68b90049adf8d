import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { connect } from '../../worker/adapters/postgres/database';
import { migrate } from '../../worker/adapters/postgres/migrate';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../worker/adapters/postgres/embedded';

let shared: Promise<EmbeddedDatabase> | undefined;
let sharedDir: string | undefined;

/** One real Postgres per test run, started on first use; test files keep apart by using their own tenants. */
export function testDatabaseUrl(): Promise<string> {
  shared ??= (async () => {
    sharedDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-test-pg-'));
    return startEmbeddedPostgres({ dataDir: sharedDir, database: 'kyb_test' });
  })();
  return shared.then((db) => db.url);
}

export async function stopTestDatabase(): Promise<void> {
  if (!shared) return;
  const db = await shared;
  await db.stop();
  if (sharedDir) await fs.rm(sharedDir, { recursive: true, force: true });
  await fs.rm(db.dataDir, { recursive: true, force: true });
  shared = undefined;
}

/** A database of its own on the shared server, built by the migrations alone, and a way to drop it again. */
export async function freshDatabase(prefix: string): Promise<{ db: ReturnType<typeof connect>; drop(): Promise<void> }> {
  const url = await testDatabaseUrl();
  const database = `${prefix}_${randomUUID().replace(/-/g, '')}`;
  const admin = connect(url, 1).sequelize;
  await admin.query(`CREATE DATABASE ${database}`);
  const target = new URL(url);
  target.pathname = `/${database}`;
  const db = connect(target.toString(), 2);
  await migrate(db.sequelize);
  return {
    db,
    drop: async () => {
      await db.sequelize.close();
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.close();
    },
  };
}
