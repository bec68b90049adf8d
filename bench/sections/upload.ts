import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Client } from 'pg';
import { CpuPerRequest } from '../cpu';
import { multipartBody, paddedPdf, textPdf } from '../documents';
import { alternatingRounds, describePaired, load, pairedFigure, type LoadResult } from '../load';
import { startChild } from '../processes';
import { row, type Row } from '../report';
import type { Section } from '../section';
import type { AppReady, BareReady } from './api';

/**
 * `warmup`: seconds each server uploads before the rounds. A serving process runs for hours; its first
 * seconds are spent compiling (V8's worker threads), and the app, with far more code on its path than
 * bare multer, compiles for longer: after 1 s it still optimised some 900 functions during the rounds
 * (`--trace-opt`), its V8 threads 321 µs an upload against 85 µs after 20 s (load 23). The 5 MB runs
 * come after the 100 KB ones in the same processes, warm already but for the streamed path.
 */
const ALL_SIZES = [
  { label: '100 KB', bytes: 100 * 1024, connections: 8, seconds: 2, warmup: 10 },
  { label: '5 MB', bytes: 5 * 1024 * 1024, connections: 4, seconds: 2, warmup: 2 },
];
/** `BENCH_UPLOAD_SIZE=5MB` (or `100KB`) runs one size alone: a CPU profile of one size is what a profile is read for. */
const SIZES = ALL_SIZES.filter(({ label }) => !process.env.BENCH_UPLOAD_SIZE || label.replace(' ', '') === process.env.BENCH_UPLOAD_SIZE);
/**
 * Short rounds, many of them: this disk's flush latency swings 2.5x between runs, so a figure is the
 * median of the pair ratios (app against baseline, back to back in one round), odd so it is observed.
 */
const ROUNDS = 9;

const figure = (label: string) => `Upload ${label} uploads/s`;
const unflushedFigure = (label: string) => `Upload ${label} uploads/s against bare multer without fsync`;
const cpuFigure = (label: string) => `Upload ${label} CPU per upload (server + Postgres)`;
const committedFigure = (label: string) => `Upload ${label} uploads/s against bare multer committing a row`;
const committedCpuFigure = (label: string) => `Upload ${label} CPU per upload against bare multer committing a row (server + Postgres)`;

/** The bare server's route storing each file as multer's disk storage does, then flushing it (fsync) as the app's store does. */
const DURABLE = '/durable';
const BARE = 'bare multer to disk, fsync as the app';
/** The bare server's route that also records each upload as one committed row, as a durable upload must be recorded. */
const COMMITTED = '/committed';
const BARE_COMMITTED = 'bare multer to disk, fsync, then one committed row';

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
const TICKS_PER_SECOND = 100;

function procTicks(pid: number, withExitedChildren: boolean): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15, the time of children waited for 16 and 17 (counted from the state, field 3).
  const own = Number(fields[11]) + Number(fields[12]);
  return withExitedChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
}

/**
 * The app's Postgres server: its CPU seconds so far are the postmaster's, its live processes' and
 * those of the processes that have exited. The bench's sections run one after another, so during
 * the upload rounds this is the app's database work (and its WAL writer's).
 */
export async function postgresCpu(databaseUrl: string): Promise<() => number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const postmaster = Number(fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    return () => {
      const children = fs.readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      const live = children.reduce((sum, pid) => {
        try {
          return sum + procTicks(Number(pid), false);
        } catch {
          return sum;
        }
      }, 0);
      return (procTicks(postmaster, true) + live) / TICKS_PER_SECOND;
    };
  } finally {
    await client.end();
  }
}

/** The app's CPU per upload: its own process and its Postgres, over every round measured. */
function appCpuPerUpload(pid: number | undefined, postgresSeconds: () => number) {
  const server = new CpuPerRequest(pid);
  let postgres = 0;
  let uploads = 0;
  return {
    measure: async (work: () => Promise<LoadResult>) => {
      const before = postgresSeconds();
      const result = await server.measure(work);
      postgres += postgresSeconds() - before;
      uploads += result.requests;
      return result;
    },
    microseconds: () => {
      const own = server.microseconds();
      return own === null || uploads === 0 ? null : own + (postgres * 1e6) / uploads;
    },
    postgresMicroseconds: () => (uploads === 0 ? null : (postgres * 1e6) / uploads),
  };
}

/**
 * Uploads on the real app (auth, type sniffed and bytes hashed while streaming to disk, uploads arriving together recorded and enqueued in one transaction) against
 * a bare multer endpoint writing to disk (flushed as the app flushes; and, for reference, without fsync). The app runs without its worker, so only the request
 * path is measured.
 */
export const uploadSection: Section = {
  name: 'upload',
  figures: SIZES.flatMap((s) => [
    figure(s.label),
    unflushedFigure(s.label),
    cpuFigure(s.label),
    committedFigure(s.label),
    committedCpuFigure(s.label),
  ]),
  async run({ env, log }): Promise<Row[]> {
    const appEnv = await env.appEnv('upload', { BENCH_WORKER: 'false' });
    const app = await startChild<AppReady>('bench/children/app-server.ts', appEnv);
    try {
      const postgresSeconds = await postgresCpu(appEnv.DATABASE_URL!);
      const uploadDir = await env.tmp('upload-bare');
      const bare = await startChild<BareReady>('bench/children/bare-server.ts', {
        BENCH_UPLOAD_DIR: uploadDir,
        BENCH_DATABASE_URL: await env.database('upload_bare'),
      });
      try {
        const base = (await textPdf()).bytes;
        const rows: Row[] = [];
        for (const size of SIZES) {
          const file = { bytes: paddedPdf(base, size.bytes), filename: `bench-${randomUUID()}.pdf`, mime: 'application/pdf' };
          const { body, contentType } = multipartBody(file);
          const run = (port: number, headers: Record<string, string>, seconds: number, prefix = '') =>
            load({
              url: `http://127.0.0.1:${port}${prefix}/api/v1/documents/upload`,
              method: 'POST',
              headers: { ...headers, 'Content-Type': contentType },
              body,
              connections: size.connections,
              durationSeconds: seconds,
            });
          const auth = { Authorization: `Bearer ${app.ready.key}` };
          log(
            `upload ${size.label}: warming up (${size.warmup} s), then ${ROUNDS} alternating rounds of ${size.seconds} s per server, read as pair ratios`,
          );
          await run(app.ready.port, auth, size.warmup);
          await run(bare.ready.port, {}, size.warmup, DURABLE);
          await run(bare.ready.port, {}, 1);
          await run(bare.ready.port, {}, 1, COMMITTED);
          // CPU time per upload is what a busy machine disturbs least: uploads/s on a shared machine follow its load.
          const appCpu = appCpuPerUpload(app.process.pid, postgresSeconds);
          const bareCpu = new CpuPerRequest(bare.process.pid);
          const unflushedCpu = new CpuPerRequest(bare.process.pid);
          // The same Postgres server serves both databases, and the rounds take turns: each round's Postgres time is its own.
          const committedCpu = appCpuPerUpload(bare.process.pid, postgresSeconds);
          const rounds = await alternatingRounds(ROUNDS, {
            app: () => appCpu.measure(() => run(app.ready.port, auth, size.seconds)),
            bare: () => bareCpu.measure(() => run(bare.ready.port, {}, size.seconds, DURABLE)),
            unflushed: () => unflushedCpu.measure(() => run(bare.ready.port, {}, size.seconds)),
            committed: () => committedCpu.measure(() => run(bare.ready.port, {}, size.seconds, COMMITTED)),
          });
          const flushed = pairedFigure(rounds, 'app', 'bare');
          const unflushed = pairedFigure(rounds, 'app', 'unflushed');
          const committed = pairedFigure(rounds, 'app', 'committed');
          rows.push(
            row({
              section: 'upload',
              figure: figure(size.label),
              measured: { value: flushed.measured.requestsPerSecond, unit: 'uploads/s' },
              baseline: { name: BARE, value: flushed.baseline.requestsPerSecond, unit: 'uploads/s' },
              aim: { kind: 'ratio_at_least', min: 0.6, text: '>= 60% of bare' },
              ifMissed:
                'besides writing and flushing the file (streamed, its type sniffed from the head and its bytes hashed on the way), the app also commits its rows (one WAL flush the bare server has not, run while its files flush, each upload answered once both are durable): uploads arriving together share one prepared statement, one round trip to a Postgres sharing the 2 cores (their documents, tasks and pg-boss jobs, committed as it returns), plus a flush of the folder per burst, auth, the request log and tracing; the CPU-per-upload row is the steadier comparison on a busy machine; files above 8 MiB should go direct to storage (POST /api/v1/direct-uploads) and skip the API altogether',
              note: `${size.connections} connections, the median round's pair of ${size.seconds} s runs: ${describePaired(flushed)}; p99 ${flushed.measured.p99Ms} ms vs ${flushed.baseline.p99Ms} ms bare; both flush each file to disk (fsync) before answering, as an acknowledged upload must survive a power cut`,
            }),
            row({
              section: 'upload',
              figure: unflushedFigure(size.label),
              measured: { value: unflushed.measured.requestsPerSecond, unit: 'uploads/s' },
              baseline: {
                name: 'bare multer to disk, no fsync (its default)',
                value: unflushed.baseline.requestsPerSecond,
                unit: 'uploads/s',
              },
              note: `not like for like: the difference includes the app's fsync, which the bare server skips; ${describePaired(unflushed)}; p99 ${unflushed.measured.p99Ms} ms vs ${unflushed.baseline.p99Ms} ms, bare CPU ${Math.round(unflushedCpu.microseconds() ?? 0)} µs an upload`,
            }),
            row({
              section: 'upload',
              figure: cpuFigure(size.label),
              measured: { value: appCpu.microseconds(), unit: 'µs' },
              baseline: { name: BARE, value: bareCpu.microseconds(), unit: 'µs' },
              note: `user and system CPU over all ${ROUNDS} rounds divided by the uploads answered: the app's process plus its Postgres (${Math.round(appCpu.postgresMicroseconds() ?? 0)} µs of it), against the bare server's process`,
            }),
            row({
              section: 'upload',
              figure: committedFigure(size.label),
              measured: { value: committed.measured.requestsPerSecond, unit: 'uploads/s' },
              baseline: { name: BARE_COMMITTED, value: committed.baseline.requestsPerSecond, unit: 'uploads/s' },
              note: `what a hand-written durable upload does: the file flushed, then one row inserted and committed (autocommit, a WAL flush per upload) before answering; the app also sniffs and hashes, authenticates, logs and enqueues its job in the same transaction; ${describePaired(committed)}; p99 ${committed.measured.p99Ms} ms vs ${committed.baseline.p99Ms} ms`,
            }),
            row({
              section: 'upload',
              figure: committedCpuFigure(size.label),
              measured: { value: appCpu.microseconds(), unit: 'µs' },
              baseline: { name: BARE_COMMITTED, value: committedCpu.microseconds(), unit: 'µs' },
              note: `as the CPU row above, the bare server's process plus the Postgres time of its rounds (${Math.round(committedCpu.postgresMicroseconds() ?? 0)} µs of it)`,
            }),
          );
        }
        return rows;
      } finally {
        await bare.stop();
        // Every upload of the rounds stays on disk (tens of GB at 5 MB): the run's later sections need the room.
        await fs.promises.rm(uploadDir, { recursive: true, force: true });
      }
    } finally {
      await app.stop();
      await fs.promises.rm(appEnv.DATA_DIR!, { recursive: true, force: true });
    }
  },
};
