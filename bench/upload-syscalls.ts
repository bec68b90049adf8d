import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { pdfUploadBody } from './documents';
import { load, type LoadResult } from './load';
import { startChild, startEnvironment } from './processes';
import type { AppReady, BareReady } from './sections/api';

/**
 * What one upload costs the kernel and the database, which a busy machine does not disturb as it does
 * rates and CPU times: the system calls of the API's process (all its threads, `strace -c -f`) per
 * upload against bare multer's flushing as the app does, and the app's commits and rows per upload.
 * `npx tsx bench/upload-syscalls.ts [--kb 100]`; needs strace (`apt-get install strace`).
 */

/** `strace -c`'s table as calls per syscall. */
function callsOf(table: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const line of table.split('\n')) {
    const cells = line.trim().split(/\s+/);
    const name = cells.at(-1);
    // A row: % time, seconds, usecs/call, calls, [errors,] syscall.
    if (cells.length >= 5 && /^\d/.test(cells[0]!) && name && name !== 'total') calls.set(name, Number(cells[3]));
  }
  return calls;
}

/** Runs `work` with strace counting the system calls of `pid`'s threads. */
async function straced(pid: number, work: () => Promise<LoadResult>): Promise<{ result: LoadResult; calls: Map<string, number> }> {
  const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'strace-')), 'calls.txt');
  const tracer = spawn('strace', ['-c', '-f', '-p', String(pid), '-o', out], { stdio: 'ignore' });
  // strace attaches to each thread before it counts; uploads sent earlier would go uncounted.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const result = await work();
  tracer.kill('SIGINT');
  await new Promise((resolve) => tracer.once('exit', resolve));
  const calls = callsOf(await fs.readFile(out, 'utf8'));
  await fs.rm(path.dirname(out), { recursive: true, force: true });
  return { result, calls };
}

/**
 * The app's rows so far, counted: documents, tasks and pg-boss jobs, and the transactions that wrote
 * the documents (their distinct xmin). Exact, where pg_stat's counters lag by seconds.
 */
async function databaseCounts(url: string): Promise<{ transactions: number; rows: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ transactions: string; rows: string }>(
      `SELECT (SELECT count(DISTINCT xmin::text) FROM documents) AS transactions,
              (SELECT count(*) FROM documents) + (SELECT count(*) FROM tasks) + (SELECT count(*) FROM pgboss.job) AS rows`,
    );
    return { transactions: Number(rows[0]!.transactions), rows: Number(rows[0]!.rows) };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .name('upload-syscalls')
    .option('--kb <n>', 'size of the uploaded file in KiB', '100')
    .option('--seconds <n>', 'length of each counted run', '5')
    .parse()
    .opts<{ kb: string; seconds: string }>();
  const env = await startEnvironment();
  try {
    const appEnv = await env.appEnv('syscalls', { BENCH_WORKER: 'false' });
    const app = await startChild<AppReady>('bench/children/app-server.ts', appEnv);
    const bare = await startChild<BareReady>('bench/children/bare-server.ts', { BENCH_UPLOAD_DIR: await env.tmp('syscalls-bare') });
    try {
      const { body, contentType } = await pdfUploadBody(Number(options.kb));
      const run = (url: string, headers: Record<string, string>, seconds: number) => () =>
        load({ url, method: 'POST', headers: { ...headers, 'Content-Type': contentType }, body, connections: 8, durationSeconds: seconds });
      const appRun = (seconds: number) =>
        run(`http://127.0.0.1:${app.ready.port}/api/v1/documents/upload`, { Authorization: `Bearer ${app.ready.key}` }, seconds);
      const bareRun = (seconds: number) => run(`http://127.0.0.1:${bare.ready.port}/durable/api/v1/documents/upload`, {}, seconds);
      await appRun(1)();
      await bareRun(1)();
      const seconds = Number(options.seconds);
      const before = await databaseCounts(appEnv.DATABASE_URL!);
      const ours = await straced(app.process.pid!, appRun(seconds));
      const after = await databaseCounts(appEnv.DATABASE_URL!);
      const theirs = await straced(bare.process.pid!, bareRun(seconds));
      const perUpload = (calls: number | undefined, uploads: number) => ((calls ?? 0) / uploads).toFixed(2).padStart(8);
      const names = [...new Set([...ours.calls.keys(), ...theirs.calls.keys()])].sort(
        (a, b) => (theirs.calls.get(b) ?? 0) + (ours.calls.get(b) ?? 0) - (theirs.calls.get(a) ?? 0) - (ours.calls.get(a) ?? 0),
      );
      const lines = [
        `${options.kb} KiB uploads, 8 connections: system calls per upload (strace -c -f)`,
        `${'syscall'.padEnd(16)}     app     bare`,
      ];
      for (const name of names)
        lines.push(
          `${name.padEnd(16)}${perUpload(ours.calls.get(name), ours.result.requests)}${perUpload(theirs.calls.get(name), theirs.result.requests)}`,
        );
      const uploads = ours.result.requests;
      lines.push(
        `app: ${uploads} uploads, ${((after.transactions - before.transactions) / uploads).toFixed(2)} transactions and ${((after.rows - before.rows) / uploads).toFixed(2)} rows (document, task, job) per upload; bare: ${theirs.result.requests} uploads`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await Promise.all([app.stop(), bare.stop()]);
    }
  } finally {
    await env.close();
  }
}

void main();
