import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildLambda, LAMBDA_ZIP } from '../../../scripts/build-lambda';
import { lambdaContext } from '../../helpers/events';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

function newestMtime(entries: string[]): number {
  let newest = 0;
  for (const entry of entries) {
    const full = path.join(ROOT, entry);
    if (!fs.existsSync(full)) continue;
    const stat = fs.statSync(full);
    if (stat.isFile()) newest = Math.max(newest, stat.mtimeMs);
    else {
      for (const e of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
        if (e.isFile() && /\.(ts|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/** True when `output` exists and is newer than every source that goes into it. */
export function isFresh(output: string, sources: string[]): boolean {
  const file = path.join(ROOT, output);
  return fs.existsSync(file) && fs.statSync(file).mtimeMs > newestMtime(sources);
}

let serviceBuilt: Promise<void> | undefined;

/** `make build` (dist/: service, worker, CLI, the /app page) at most once per run, and not at all when it is newer than its sources. */
export function serviceBuild(): Promise<void> {
  serviceBuilt ??= (async () => {
    const sources = [
      'service',
      'worker',
      'cli',
      'client/example',
      'tsconfig.json',
      'tsconfig.build.json',
      'package-lock.json',
      'worker/worker.mk',
    ];
    if (isFresh(path.join('dist', 'service', 'server.js'), sources) && fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'kyb')))
      return;
    // -o install: dependencies are already installed; never reinstall them from inside a test run.
    await run('make', ['-o', 'install', 'build'], { cwd: ROOT, timeout: 170_000 });
  })();
  return serviceBuilt;
}

let built: Promise<string> | undefined;

/** The Lambda zip, built at most once per test run (and not at all when dist/lambda is newer than the sources). */
export function lambdaZip(): Promise<string> {
  built ??= (async () => {
    if (!isFresh(path.relative(ROOT, LAMBDA_ZIP), ['worker', 'scripts/build-lambda.ts', 'package-lock.json'])) await buildLambda();
    return LAMBDA_ZIP;
  })();
  return built;
}

/** Unzips the artefact into a fresh folder, as Lambda does into /var/task. */
export function unzipTo(zip: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-lambda-'));
  execFileSync('unzip', ['-q', zip, '-d', dir]);
  return dir;
}

/** Loads `lambda.js` from the unpacked artefact in a fresh Node process and invokes `handler` once. */
const RUNNER = `
const fs = require('node:fs');
const [entry, eventFile, contextFile, resultFile] = process.argv.slice(1);
const { handler } = require(entry);
const context = JSON.parse(fs.readFileSync(contextFile, 'utf8'));
context.getRemainingTimeInMillis = () => 60000;
handler(JSON.parse(fs.readFileSync(eventFile, 'utf8')), context).then(
  (response) => { fs.writeFileSync(resultFile, JSON.stringify(response)); process.exit(0); },
  (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); },
);
`;

export async function invokeBuilt(taskDir: string, event: SQSEvent, env: Record<string, string>): Promise<SQSBatchResponse> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-invoke-'));
  const files = ['event', 'context', 'result'].map((n) => path.join(scratch, `${n}.json`)) as [string, string, string];
  fs.writeFileSync(files[0], JSON.stringify(event));
  const { getRemainingTimeInMillis: _ignored, ...context } = lambdaContext();
  fs.writeFileSync(files[1], JSON.stringify(context));
  try {
    await run(process.execPath, ['-e', RUNNER, path.join(taskDir, 'lambda.js'), ...files], {
      cwd: taskDir,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      timeout: 120_000,
    });
    return JSON.parse(fs.readFileSync(files[2], 'utf8')) as SQSBatchResponse;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`the built handler failed: ${e.stderr || e.message}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
