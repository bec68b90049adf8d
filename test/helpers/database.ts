import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
