import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../worker/adapters/postgres/embedded';
import { compileChild } from '../compile';
import { ROOT, startChild, tsNodeArgs, type ReadyMessage } from '../processes';
import { median, row, type Row } from '../report';
import type { Section, SectionContext } from '../section';

const run = promisify(execFile);

const RUNS = 3;
const LAMBDA_ZIP = path.join(ROOT, 'dist', 'lambda', 'worker.zip');
const BUILD_LAMBDA_SCRIPT = path.join(ROOT, 'scripts', 'build-lambda.ts');

const FIGURE_API = 'Cold start, API process to /health 200';
const FIGURE_LAMBDA = 'Cold start, Lambda require + first OCR worker';
const FIGURE_ZIP = 'Lambda zip size';
const FIGURE_UNZIPPED = 'Lambda unzipped size';

interface LambdaReady extends ReadyMessage {
  requireMs: number;
  ocrMs: number;
}

/** Whether the Makefiles define a target (make -n exits 2 for an unknown one). */
async function hasMakeTarget(target: string): Promise<boolean> {
  return run('make', ['-n', target], { cwd: ROOT }).then(
    () => true,
    () => false,
  );
}

/** Polls a URL until it answers 200; the time is taken from `since`. */
async function timeTo200(url: string, since: number, timeoutMs: number): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    const ok = await fetch(url).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Spawns a server process, times it to its first 200, and stops it with SIGTERM as an orchestrator would. */
async function timeServerStart(args: string[], env: Record<string, string>, probePath: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    return await Promise.race([
      timeTo200(`http://127.0.0.1:${port}${probePath}`, started, 60_000),
      exited.then(() => Promise.reject(new Error(`${args.at(-1)} exited before it answered`))),
    ]);
  } finally {
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(forced);
  }
}

/** One warm-up start (it migrates the database and fills tsx's cache), then the median of RUNS. */
async function medianStart(args: string[], env: Record<string, string>, probePath: string): Promise<number> {
  await timeServerStart(args, env, probePath);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await timeServerStart(args, env, probePath));
  return median(times);
}

interface Commands {
  app: string[];
  bare: string[];
  how: string;
}

/**
 * The compiled server when the project has a build, with the bare baseline compiled the same way
 * (packages loaded from node_modules); else both through tsx, as `make dev` runs them.
 */
async function commands(log: SectionContext['log']): Promise<Commands> {
  if (await hasMakeTarget('build')) {
    log('cold start: make build');
    await run('make', ['build'], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 });
    const compiled = path.join(ROOT, 'dist', 'service', 'server.js');
    if (existsSync(compiled))
      return {
        app: [compiled],
        bare: [await compileChild('bench/children/bare-server.ts', 'all')],
        how: 'node dist/service/server.js (make build)',
      };
  }
  return {
    app: tsNodeArgs('service/server.ts'),
    bare: tsNodeArgs('bench/children/bare-server.ts'),
    how: 'node --import tsx service/server.ts (no make build target)',
  };
}

async function apiRows(context: SectionContext): Promise<Row[]> {
  const { app: appArgs, bare: bareArgs, how } = await commands(context.log);
  const env = await context.env.appEnv('cold_api', { LOG_LEVEL: 'warn' });
  const app = await medianStart(appArgs, env, '/health');
  const bare = await medianStart(bareArgs, {}, '/api/v1/documents/probe');
  return [
    row({
      section: 'cold_start',
      figure: FIGURE_API,
      measured: { value: app, unit: 'ms' },
      baseline: { name: 'bare Express, compiled alike', value: bare, unit: 'ms' },
      note: `${how}; median of ${RUNS} after a warm-up; DATABASE_URL given (migrations already applied), so Postgres start-up is not included`,
    }),
  ];
}

/** Builds the Lambda bundle the way the project does, so the figures describe the current code. */
async function buildLambda(log: SectionContext['log']): Promise<string> {
  if (await hasMakeTarget('build-lambda')) {
    log('cold start: make build-lambda');
    await run('make', ['build-lambda'], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 });
    return 'make build-lambda';
  }
  if (existsSync(BUILD_LAMBDA_SCRIPT)) {
    log('cold start: scripts/build-lambda.ts (no make build-lambda target)');
    await run(process.execPath, tsNodeArgs(BUILD_LAMBDA_SCRIPT), { cwd: ROOT, maxBuffer: 64 * 2 ** 20 });
    return 'scripts/build-lambda.ts';
  }
  throw new Error('there is no make build-lambda target nor scripts/build-lambda.ts to build dist/lambda/worker.zip');
}

async function folderBytes(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
}

async function lambdaRows(context: SectionContext): Promise<Row[]> {
  const builtWith = await buildLambda(context.log);
  const zipMb = statSync(LAMBDA_ZIP).size / 2 ** 20;
  // What ships is the zip, so that is what gets unpacked and loaded.
  const unpacked = await context.env.tmp('lambda');
  await run('unzip', ['-q', LAMBDA_ZIP, '-d', unpacked]);
  const unzippedMb = (await folderBytes(unpacked)) / 2 ** 20;
  const start = async (mode: 'bundle' | 'bare') => {
    const child = await startChild<LambdaReady>(
      'bench/children/lambda-cold.cjs',
      { BENCH_MODE: mode, BENCH_LAMBDA_DIR: unpacked },
      { plainNode: true, timeoutMs: 60_000 },
    );
    await child.stop();
    return { total: child.readyMs, requireMs: child.ready.requireMs, ocrMs: child.ready.ocrMs };
  };
  await start('bundle');
  const runs = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await start('bundle'));
    bare.push((await start('bare')).total);
  }
  const middle = runs.sort((a, b) => a.total - b.total)[Math.floor(runs.length / 2)]!;
  return [
    row({
      section: 'cold_start',
      figure: FIGURE_LAMBDA,
      measured: { value: middle.total, unit: 'ms' },
      baseline: { name: 'empty node process', value: median(bare), unit: 'ms' },
      note: `spawn to ready, median of ${RUNS} after a warm-up: require lambda.js ${Math.round(middle.requireMs)} ms, first OCR worker ${Math.round(middle.ocrMs)} ms; excludes the first invocation's database connection`,
    }),
    row({
      section: 'cold_start',
      figure: FIGURE_ZIP,
      measured: { value: zipMb, unit: 'MiB' },
      aim: { kind: 'value_at_most', max: 50, text: '<= 50 MiB (AWS direct upload)' },
      note: `built with ${builtWith}`,
    }),
    row({
      section: 'cold_start',
      figure: FIGURE_UNZIPPED,
      measured: { value: unzippedMb, unit: 'MiB' },
      aim: { kind: 'value_at_most', max: 250, text: '<= 250 MiB (AWS limit)' },
    }),
  ];
}

/** Process start to ready for the API and the Lambda worker, and the size of what Lambda must load. */
export const coldStartSection: Section = {
  name: 'cold_start',
  figures: [FIGURE_API, FIGURE_LAMBDA, FIGURE_ZIP, FIGURE_UNZIPPED],
  async run(context): Promise<Row[]> {
    const rows: Row[] = [];
    for (const part of [apiRows, lambdaRows]) {
      try {
        rows.push(...(await part(context)));
      } catch (error) {
        // One half failing (say, no zip tool to build the bundle) must not hide the other.
        context.log(`cold start: ${(error as Error).message}`);
        const figures = part === apiRows ? [FIGURE_API] : [FIGURE_LAMBDA, FIGURE_ZIP, FIGURE_UNZIPPED];
        const reason = (error as Error).message.split('\n')[0]!.slice(0, 300);
        rows.push(
          ...figures.map((figure) =>
            row({ section: 'cold_start', figure, measured: { value: null, unit: '' }, note: `not measured: ${reason}` }),
          ),
        );
      }
    }
    return rows;
  },
};
