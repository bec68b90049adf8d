import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { startFakeCompaniesHouse } from '../test/fakes/companies-house';
import { startFakeHmrc } from '../test/fakes/hmrc';
import { FAKE_CH_API_KEY, FAKE_HMRC_CLIENT } from '../test/fakes/registry-data';
import { startEmbeddedPostgres } from '../worker/adapters/postgres/embedded';

/** The message every bench child sends once it can be measured. */
export interface ReadyMessage {
  type: 'ready';
  [field: string]: unknown;
}

export interface Child<T extends ReadyMessage = ReadyMessage> {
  ready: T;
  /** From spawn to the ready message. */
  readyMs: number;
  process: ChildProcess;
  /** Asks the child to finish, then waits for it to exit. */
  stop(): Promise<void>;
}

export const ROOT = path.resolve(__dirname, '..');

/** Runs a TypeScript file the way `make dev` does: node with tsx as loader. */
export function tsNodeArgs(script: string): string[] {
  return ['--import', 'tsx', path.resolve(ROOT, script)];
}

/** The tsc project that compiles the app child with `make build`'s settings (tsconfig.build.json). */
const APP_BUILD_PROJECT = path.join(ROOT, 'bench', 'tsconfig.app.json');
/** Its output: outside dist/, so a team's own build is left as it was. */
const APP_BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'kyb-bench', 'app');

let appBuilt: Promise<unknown> | undefined;

/**
 * The path of a bench child's JavaScript as `make build` compiles the app (tsc, one module per file):
 * what the image runs, where tsx turns every imported name into two getters. Compiled once per bench
 * run, incrementally, so an unchanged tree costs a few seconds.
 */
export async function compiledScript(script: string): Promise<string> {
  appBuilt ??= promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', APP_BUILD_PROJECT], { cwd: ROOT });
  await appBuilt;
  return path.join(APP_BUILD_DIR, script.replace(/\.ts$/, '.js'));
}

/**
 * With BENCH_CPU_PROF=<folder>, every bench child writes a V8 CPU profile there as it exits
 * (`npx tsx bench/profile-top.ts <file>` lists its top frames): where the time of a figure goes.
 */
function profileArgs(): string[] {
  const folder = process.env.BENCH_CPU_PROF;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder)}`] : [];
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a bench child with an IPC channel and waits for its `ready` message; a child that exits
 * or reports an error first rejects with what it said.
 */
export async function startChild<T extends ReadyMessage>(
  script: string,
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number; plainNode?: boolean; nodeArgs?: string[] } = {},
): Promise<Child<T>> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = performance.now();
  const args = options.plainNode ? [path.resolve(ROOT, script)] : tsNodeArgs(script);
  const child = spawn(process.execPath, [...profileArgs(), ...(options.nodeArgs ?? []), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let readyMs = 0;
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', (message: { type?: string; error?: string }) => {
      if (message.type === 'ready') {
        readyMs = performance.now() - started;
        clearTimeout(timer);
        resolve(message as T);
      } else if (message.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`${script}: ${message.error}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    ready,
    readyMs,
    process: child,
    stop: async () => {
      // A child that is already leaving closes its channel; the error then goes to the callback, not the process.
      if (child.connected) child.send({ type: 'stop' }, () => undefined);
      const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(forced);
    },
  };
}

/** How a bench's app process runs: compiled as deployed or under tsx, with node flags and settings of its own. */
export interface AppRun {
  tsx: boolean;
  nodeArgs: string[];
  env: Record<string, string>;
}

/** The node flags of a Dockerfile's start command (its last `CMD` in exec form). */
export function startFlags(dockerfile: string): string[] {
  const command = dockerfile
    .split('\n')
    .filter((line) => /^CMD \[/.test(line))
    .at(-1);
  if (!command) throw new Error('the Dockerfile has no CMD in exec form');
  return (JSON.parse(command.slice('CMD '.length)) as string[]).filter((arg) => arg.startsWith('--'));
}

/** The app as the image runs it: the JavaScript `make build` compiles, with the image's node flags and the app's defaults. */
export const DEPLOYED_APP: AppRun = {
  tsx: false,
  nodeArgs: startFlags(readFileSync(path.join(ROOT, 'service', 'Dockerfile'), 'utf8')),
  env: {},
};

const APP_SCRIPT = 'bench/children/app-server.ts';

/** The bench's app child (the real API, and its worker when appEnv asks), run as `run` says. */
export async function startApp<T extends ReadyMessage>(appEnv: Record<string, string>, run: AppRun): Promise<Child<T>> {
  const script = run.tsx ? APP_SCRIPT : await compiledScript(APP_SCRIPT);
  return startChild<T>(script, { ...appEnv, ...run.env }, { plainNode: !run.tsx, nodeArgs: run.nodeArgs });
}

export interface BenchEnvironment {
  /** A scratch folder removed at the end. */
  tmp(name: string): Promise<string>;
  /**
   * Settings for a child running our app: production mode, fake registries, its own database and
   * data folder, so jobs left queued by one figure are never worked by another.
   */
  appEnv(name: string, extra?: Record<string, string>): Promise<Record<string, string>>;
  /** A fresh, empty database on the bench's Postgres (for a baseline that records rows too). */
  database(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database on the bench's server; the app migrates it on start. */
async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One embedded Postgres and both fake registries for the whole run, and scratch space beside them. */
export async function startEnvironment(): Promise<BenchEnvironment> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-bench-'));
  const db = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), database: 'kyb_bench' });
  const [companiesHouse, hmrc] = await Promise.all([startFakeCompaniesHouse({ rateLimit: 1_000_000 }), startFakeHmrc()]);
  const secret = randomBytes(24).toString('base64url');
  const tmp = (name: string) => fs.mkdtemp(path.join(root, `${name}-`));
  let databases = 0;
  const database = (name: string) => createDatabase(db.url, `bench_${name.replace(/\W/g, '_')}_${++databases}`);
  return {
    tmp,
    database,
    appEnv: async (name, extra = {}) => ({
      NODE_ENV: 'production',
      SECRET_KEY: secret,
      LOG_LEVEL: 'info',
      DATABASE_URL: await database(name),
      DATA_DIR: await tmp(name),
      // The per-key limit would answer 429 to a load generator; it is not what is being measured.
      RATE_LIMIT_PER_MINUTE: '100000000',
      MAINTENANCE_INTERVAL_SECONDS: '3600',
      COMPANIES_HOUSE_API_URL: companiesHouse.url,
      COMPANIES_HOUSE_API_KEY: FAKE_CH_API_KEY,
      HMRC_API_URL: hmrc.url,
      HMRC_CLIENT_ID: FAKE_HMRC_CLIENT.id,
      HMRC_CLIENT_SECRET: FAKE_HMRC_CLIENT.secret,
      ...extra,
    }),
    close: async () => {
      await Promise.all([companiesHouse.close(), hmrc.close()]);
      await db.stop();
      await fs.rm(root, { recursive: true, force: true });
      await fs.rm(db.dataDir, { recursive: true, force: true });
    },
  };
}
