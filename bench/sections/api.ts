import fs from 'node:fs/promises';
import path from 'node:path';
import { uploadDocument, waitForOutcome, type ApiTarget } from '../client';
import { CpuPerRequest } from '../cpu';
import { textPdf } from '../documents';
import { bestOfAlternating, load } from '../load';
import { startChild, type ReadyMessage } from '../processes';
import { row, type Row } from '../report';
import type { Section } from '../section';

export interface AppReady extends ReadyMessage {
  port: number;
  key: string;
}

export interface BareReady extends ReadyMessage {
  port: number;
}

const CONNECTIONS = 10;
const SECONDS = 6;
const ROUNDS = 2;

const FIGURE_RPS = 'API GET /documents/{id} requests/s';
const FIGURE_P99 = 'API GET /documents/{id} p99 latency';
const FIGURE_CPU = 'API GET /documents/{id} server CPU per request';

/**
 * GET /api/v1/documents/{id} on the real app (auth, rate limit, request log, the kept view checked
 * against the document's version in Postgres) against a bare Express route answering the same JSON
 * from memory, each in its own process. `BENCH_CPU_PROF=<folder>` profiles both.
 */
export const apiSection: Section = {
  name: 'api',
  figures: [FIGURE_RPS, FIGURE_P99, FIGURE_CPU],
  async run({ env, log }): Promise<Row[]> {
    const app = await startChild<AppReady>('bench/children/app-server.ts', await env.appEnv('api', { BENCH_WORKER: 'true' }));
    try {
      const target: ApiTarget = { base: `http://127.0.0.1:${app.ready.port}`, key: app.ready.key };
      const accepted = await uploadDocument(target, await textPdf());
      const { body } = await waitForOutcome(target, accepted.document_id, { pollMs: 50, timeoutMs: 60_000 });
      const scratch = await env.tmp('api-bare');
      const documentFile = path.join(scratch, 'document.json');
      await fs.writeFile(documentFile, body);
      const bare = await startChild<BareReady>('bench/children/bare-server.ts', {
        BENCH_DOCUMENT_FILE: documentFile,
        BENCH_UPLOAD_DIR: scratch,
      });
      try {
        const path_ = `/api/v1/documents/${accepted.document_id}`;
        const runApp = (seconds: number) =>
          load({
            url: `${target.base}${path_}`,
            headers: { Authorization: `Bearer ${target.key}` },
            connections: CONNECTIONS,
            durationSeconds: seconds,
          });
        const runBare = (seconds: number) =>
          load({ url: `http://127.0.0.1:${bare.ready.port}${path_}`, connections: CONNECTIONS, durationSeconds: seconds });
        log(`api: warming up, then ${ROUNDS} alternating rounds of ${SECONDS} s per server`);
        await runApp(2);
        await runBare(2);
        // The servers' own CPU time per request: what a busy machine changes least (the app's Postgres is not in it).
        const appCpu = new CpuPerRequest(app.process.pid);
        const bareCpu = new CpuPerRequest(bare.process.pid);
        const best = await bestOfAlternating(ROUNDS, {
          app: () => appCpu.measure(() => runApp(SECONDS)),
          bare: () => bareCpu.measure(() => runBare(SECONDS)),
        });
        const setup = `${CONNECTIONS} connections, best of ${ROUNDS} alternating ${SECONDS} s rounds; ${body.length} B JSON; app logs every request at info`;
        return [
          row({
            section: 'api',
            figure: FIGURE_RPS,
            measured: { value: best.app.requestsPerSecond, unit: 'req/s' },
            baseline: { name: 'bare Express', value: best.bare.requestsPerSecond, unit: 'req/s' },
            aim: { kind: 'ratio_at_least', min: 0.5, text: '>= 50% of bare' },
            note: setup,
            ifMissed:
              'a finished view is kept serialised in the process, but every request still checks its version in Postgres (one query out at a time, shared by the requests that arrive meanwhile), plus the production middleware (request log, helmet headers, CORS, per-key and failed-auth rate limits, a trace span), with Postgres, the app and autocannon sharing 2 cores; the CPU-per-request row is the steadier comparison on a busy machine; profile with BENCH_CPU_PROF=<folder> and npx tsx bench/profile-top.ts',
          }),
          row({
            section: 'api',
            figure: FIGURE_P99,
            measured: { value: best.app.p99Ms, unit: 'ms' },
            baseline: { name: 'bare Express', value: best.bare.p99Ms, unit: 'ms' },
          }),
          row({
            section: 'api',
            figure: FIGURE_CPU,
            measured: { value: appCpu.microseconds(), unit: 'µs' },
            baseline: { name: 'bare Express', value: bareCpu.microseconds(), unit: 'µs' },
            note: `each server process's user and system CPU time over all its ${ROUNDS} rounds, divided by the requests it answered`,
          }),
        ];
      } finally {
        await bare.stop();
      }
    } finally {
      await app.stop();
    }
  },
};
