import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../worker/adapters/postgres/database';
import { migrate } from '../../worker/adapters/postgres/migrate';
import { isAlive, startEmbeddedPostgres } from '../../worker/adapters/postgres/embedded';
import { scratchDir } from './scratch';

/**
 * The folder, made by the run's global setup, where every test process notes the Postgres it started.
 * Mocha's parallel workers end without a hook of their own, so the run's global teardown stops them all.
 */
const REGISTRY = 'KYB_TEST_SERVERS';

interface StartedServer {
  /** The cluster, whose postmaster.pid names the server to stop. */
  cluster: string;
  /** The folder the cluster was asked for (the cluster may live elsewhere, see embedded.ts). */
  folder: string;
}

let shared: Promise<string> | undefined;

function registry(): string {
  const folder = process.env[REGISTRY];
  if (!folder) throw new Error(`${REGISTRY} is not set: run the tests through mocha with test/helpers/root-hooks.ts required`);
  return folder;
}

/** One real Postgres per test process, started on first use and kept for all its files; test files keep apart by using their own tenants. */
export function testDatabaseUrl(): Promise<string> {
  shared ??= (async () => {
    const notes = registry();
    const folder = await scratchDir('kyb-test-pg-');
    const db = await startEmbeddedPostgres({ dataDir: folder, database: 'kyb_test' });
    const note: StartedServer = { cluster: db.dataDir, folder };
    await fs.writeFile(path.join(notes, `${process.pid}.json`), JSON.stringify(note));
    return db.url;
  })();
  return shared;
}

/** Makes the folder where test processes note their servers; its path reaches mocha's workers through their environment. */
export async function openServerRegistry(): Promise<void> {
  process.env[REGISTRY] = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-test-servers-'));
}

/** Stops every server the run's processes noted (a fast shutdown, as `pg_ctl stop -m fast`) and removes their folders. */
export async function stopRegisteredServers(): Promise<void> {
  const notes = process.env[REGISTRY];
  if (!notes) return;
  for (const name of await fs.readdir(notes)) {
    const server = JSON.parse(await fs.readFile(path.join(notes, name), 'utf8')) as StartedServer;
    await stopPostmaster(server.cluster);
    await fs.rm(server.cluster, { recursive: true, force: true });
    await fs.rm(server.folder, { recursive: true, force: true });
  }
  await fs.rm(notes, { recursive: true, force: true });
  delete process.env[REGISTRY];
}

async function stopPostmaster(cluster: string): Promise<void> {
  const pidFile = path.join(cluster, 'postmaster.pid');
  const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  const running = () => existsSync(pidFile) && isAlive(pid);
  if (!running()) return;
  signal(pid, 'SIGINT');
  const deadline = Date.now() + 20_000;
  while (running() && Date.now() < deadline) await sleep(100);
  if (running()) signal(pid, 'SIGKILL');
}

/** Signals a process that may have ended on its own meanwhile. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Ended already: nothing to stop.
  }
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
