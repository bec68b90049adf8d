import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { cpuSecondsOf, threadCpu } from './cpu';
import { pdfUploadBody } from './documents';
import { alternatingRounds, describePaired, load, pairedFigure, type LoadResult } from './load';
import { startChild, startEnvironment } from './processes';
import type { AppReady, BareReady } from './sections/api';
import { postgresCpu } from './sections/upload';

/**
 * Several checkouts of the app against one bare multer flushing as the app does, in alternating
 * rounds on one Postgres: each tree's median pair ratio and its CPU per upload (process and Postgres).
 * What a change did to the upload path, read within one run where the machine's load moves all alike.
 * `npx tsx bench/upload-ab.ts --tree base=/tmp/old-checkout --tree head=. [--kb 100] [--rounds 9]`;
 * a tree's node_modules may be a link to this one's (`git archive <commit> | tar -x -C /tmp/old-checkout`).
 * Each tree's process is split by thread (main, libuv's pool, V8's workers) and its uploads per
 * transaction counted, so a difference can be placed.
 */

interface Tree {
  name: string;
  root: string;
}

/** How each tree's app runs: V8 flags (`--trace-gc`), and a file for its stdout, where such flags write. */
interface AppRun {
  nodeArgs: string[];
  stdout?: string;
}

/** Starts `root`'s own bench app child (its code, its tsx) and waits for its ready message. */
async function startTreeApp(
  root: string,
  env: Record<string, string>,
  run: AppRun,
): Promise<{ ready: AppReady; process: ChildProcess; stop(): Promise<void> }> {
  const cpuProf = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...cpuProf, ...run.nodeArgs, '--import', 'tsx', path.join(root, 'bench/children/app-server.ts')], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', run.stdout ? fs.openSync(run.stdout, 'a') : 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<AppReady>((resolve, reject) => {
    child.on('message', (message: AppReady | { type: 'error'; error: string }) => {
      if (message.type === 'ready') resolve(message as AppReady);
      else reject(new Error(String((message as { error: string }).error)));
    });
    child.once('exit', (code) => reject(new Error(`${root}'s app exited (${code}) before it was ready`)));
  });
  return {
    ready,
    process: child,
    stop: async () => {
      if (child.connected) child.send({ type: 'stop' }, () => undefined);
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Documents recorded in a tree's database, and the transactions that wrote them (distinct xmin). */
async function recorded(databaseUrl: string): Promise<{ documents: number; transactions: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ documents: string; transactions: string }>(
      'SELECT count(*) AS documents, count(DISTINCT xmin::text) AS transactions FROM documents',
    );
    return { documents: Number(rows[0]!.documents), transactions: Number(rows[0]!.transactions) };
  } finally {
    await client.end();
  }
}

/** The Postgres server's commits, WAL records and bytes, and WAL flushes so far (every database; its stats lag by up to a second). */
async function serverCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const commits = await client.query<{ n: string }>('SELECT sum(xact_commit) AS n FROM pg_stat_database');
    const wal = await client.query<Record<string, string>>('SELECT * FROM pg_stat_wal');
    const counts: Record<string, number> = { commits: Number(commits.rows[0]!.n) };
    for (const name of ['wal_records', 'wal_bytes', 'wal_sync'])
      if (wal.rows[0]?.[name] !== undefined) counts[name] = Number(wal.rows[0][name]);
    // Postgres 16 and later count the WAL's flushes in pg_stat_io.
    if (counts.wal_sync === undefined) {
      const io = await client
        .query<{ n: string | null }>("SELECT sum(fsyncs) AS n FROM pg_stat_io WHERE object = 'wal'")
        .catch(() => undefined);
      if (io?.rows[0]?.n) counts.wal_sync = Number(io.rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const options = new Command()
    .name('upload-ab')
    .requiredOption('--tree <name=dir...>', 'a checkout to measure, named')
    .option('--kb <n>', 'size of the uploaded file in KiB', '100')
    .option('--connections <n>', 'concurrent uploads', '8')
    .option('--rounds <n>', 'alternating rounds', '9')
    .option('--seconds <n>', 'length of each run', '2')
    .option('--warmup <n>', 'seconds of uploads each server takes before the rounds', '1')
    .option('--node-args <flags>', "V8 or node flags for the apps, e.g. '--trace-gc'", '')
    .option('--stdout <file>', "where the apps' stdout goes (appended)")
    .parse()
    .opts<{
      tree: string[];
      kb: string;
      connections: string;
      rounds: string;
      seconds: string;
      warmup: string;
      nodeArgs: string;
      stdout?: string;
    }>();
  const appRun: AppRun = { nodeArgs: options.nodeArgs.split(' ').filter(Boolean), stdout: options.stdout };
  const trees: Tree[] = options.tree.map((spec) => {
    const [name, dir] = spec.split('=');
    return { name: name!, root: path.resolve(dir!) };
  });
  const env = await startEnvironment();
  try {
    const apps = [];
    for (const tree of trees) {
      const appEnv = await env.appEnv(tree.name, { BENCH_WORKER: 'false' });
      apps.push({ tree, databaseUrl: appEnv.DATABASE_URL!, app: await startTreeApp(tree.root, appEnv, appRun) });
    }
    const bare = await startChild<BareReady>('bench/children/bare-server.ts', { BENCH_UPLOAD_DIR: await env.tmp('ab-bare') });
    const pg = await postgresCpu((await env.appEnv('probe')).DATABASE_URL!);
    try {
      const { body, contentType } = await pdfUploadBody(Number(options.kb));
      const seconds = Number(options.seconds);
      const run = (url: string, headers: Record<string, string>, duration: number): Promise<LoadResult> =>
        load({
          url,
          method: 'POST',
          headers: { ...headers, 'Content-Type': contentType },
          body,
          connections: Number(options.connections),
          durationSeconds: duration,
        });
      const cpu = new Map<string, { own: number; postgres: number; uploads: number; threads: Map<string, number> }>();
      const measured = (name: string, pid: number | undefined, work: () => Promise<LoadResult>) => async () => {
        const [ownBefore, pgBefore, threadsBefore] = [cpuSecondsOf(pid) ?? 0, pg(), threadCpu(pid)];
        const result = await work();
        const entry = cpu.get(name) ?? { own: 0, postgres: 0, uploads: 0, threads: new Map<string, number>() };
        for (const [thread, seconds] of threadCpu(pid))
          entry.threads.set(thread, (entry.threads.get(thread) ?? 0) + seconds - (threadsBefore.get(thread) ?? 0));
        entry.own += (cpuSecondsOf(pid) ?? 0) - ownBefore;
        entry.postgres += pg() - pgBefore;
        entry.uploads += result.requests;
        cpu.set(name, entry);
        return result;
      };
      const bareUrl = `http://127.0.0.1:${bare.ready.port}/durable/api/v1/documents/upload`;
      const runs: Record<string, () => Promise<LoadResult>> = { bare: measured('bare', bare.process.pid, () => run(bareUrl, {}, seconds)) };
      for (const { tree, app } of apps) {
        const url = `http://127.0.0.1:${app.ready.port}/api/v1/documents/upload`;
        const auth = { Authorization: `Bearer ${app.ready.key}` };
        await run(url, auth, Number(options.warmup));
        runs[tree.name] = measured(tree.name, app.process.pid, () => run(url, auth, seconds));
      }
      await run(bareUrl, {}, Number(options.warmup));
      const probeUrl = (await env.appEnv('counts')).DATABASE_URL!;
      const countsBefore = await serverCounts(probeUrl);
      const rounds = await alternatingRounds(Number(options.rounds), runs);
      const countsAfter = await serverCounts(probeUrl);
      const lines = [`${options.kb} KiB uploads, ${options.connections} connections, ${options.rounds} rounds of ${seconds} s`];
      for (const { tree, databaseUrl } of apps) {
        const paired = pairedFigure(rounds, tree.name, 'bare');
        const c = cpu.get(tree.name)!;
        const { documents, transactions } = await recorded(databaseUrl);
        lines.push(
          `${tree.name.padEnd(8)} against bare: ${describePaired(paired)}; CPU per upload ${Math.round(((c.own + c.postgres) * 1e6) / c.uploads)} µs (process ${Math.round((c.own * 1e6) / c.uploads)}, Postgres ${Math.round((c.postgres * 1e6) / c.uploads)}); ${c.uploads} uploads; ${(documents / transactions).toFixed(1)} uploads a transaction`,
        );
      }
      const threads = (c: { uploads: number; threads: Map<string, number> }) =>
        [...c.threads]
          .filter(([, s]) => s > 0)
          .map(([t, s]) => `${t} ${Math.round((s * 1e6) / c.uploads)}`)
          .join(', ');
      for (const [name, c] of cpu) lines.push(`${name.padEnd(8)} threads, µs per upload: ${threads(c)}`);
      // Only the apps use Postgres during the rounds (bare multer's durable route records nothing): per app upload.
      const appUploads = apps.reduce((sum, { tree }) => sum + cpu.get(tree.name)!.uploads, 0);
      const perUpload = Object.keys(countsAfter)
        .map((name) => `${name} ${((countsAfter[name]! - (countsBefore[name] ?? 0)) / appUploads).toFixed(2)}`)
        .join(', ');
      lines.push(`Postgres per app upload, server-wide over the rounds: ${perUpload}`);
      const b = cpu.get('bare')!;
      lines.push(
        `bare     CPU per upload ${Math.round((b.own * 1e6) / b.uploads)} µs (Postgres meanwhile ${Math.round((b.postgres * 1e6) / b.uploads)}); ${b.uploads} uploads`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await Promise.all([...apps.map(({ app }) => app.stop()), bare.stop()]);
    }
  } finally {
    await env.close();
  }
}

void main();
