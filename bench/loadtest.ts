import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { QueryTypes } from 'sequelize';
import { startServer, type RunningServer } from '../service/server';
import { loadConfig } from '../worker/config';
import { startEmbeddedPostgres } from '../worker/adapters/postgres/embedded';
import { describeFairness, fairnessRun } from './loadtest-fair';

/**
 * `make loadtest`: the whole system in this process on loopback (API, in-process worker, embedded
 * Postgres in a temporary folder), 500 uploads from 50 concurrent clients, then status polling
 * until every accepted upload is final. It fails unless every upload answered 202 has exactly one
 * document, and every one of them ended completed or failed within the time bound. Then the fairness
 * run (bench/loadtest-fair.ts): one tenant floods the queue, and another tenant's p95
 * upload-to-decision time must stay within twice what it is alone.
 */

const UPLOADS = Number(process.env.LOADTEST_UPLOADS ?? 500);
const CLIENTS = Number(process.env.LOADTEST_CLIENTS ?? 50);
/** Upper bound on the whole run once the server is up. */
const MAX_SECONDS = Number(process.env.LOADTEST_MAX_SECONDS ?? 600);
const POLL_PAUSE_MS = 500;
const FINAL = new Set(['completed', 'failed']);
const BOUNDARY = `loadtest${randomBytes(8).toString('hex')}`;

interface Samples {
  latencies: number[];
  statuses: Map<number, number>;
  seconds: number;
}

const emptySamples = (): Samples => ({ latencies: [], statuses: new Map(), seconds: 0 });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(name: string, s: Samples): string {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  const codes = [...s.statuses.entries()].map(([code, n]) => `${code}x${n}`).join(' ');
  const rate = s.latencies.length / Math.max(s.seconds, 0.001);
  return `${name.padEnd(8)} ${String(s.latencies.length).padStart(6)} requests  ${rate.toFixed(1).padStart(7)} req/s  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  [${codes}]`;
}

/** A distinct small PDF with a text layer per upload, so no two share a hash. */
async function uploadBodies(count: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const page = doc.addPage([595, 842]);
      ['LOAD TEST LETTER', `Acme Widgets Limited, reference ${i}`, 'Company number 09446231'].forEach((line, n) =>
        page.drawText(line, { x: 50, y: 780 - n * 18, size: 11, font }),
      );
      const pdf = Buffer.from(await doc.save());
      return Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="load-${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]);
    }),
  );
}

/** One autocannon run; every response's time and status goes into `into`. */
async function fire(url: string, options: { amount: number; request: autocannon.Request }, into: Samples): Promise<void> {
  const started = Date.now();
  await autocannon({
    url,
    connections: Math.min(CLIENTS, options.amount),
    amount: options.amount,
    timeout: 30,
    requests: [options.request],
    setupClient: (client) => {
      client.on('response', (status: number, _bytes: number, ms: number) => {
        into.latencies.push(ms);
        into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
      });
    },
  });
  into.seconds += (Date.now() - started) / 1000;
}

async function uploadAll(server: RunningServer, key: string, samples: Samples): Promise<string[]> {
  const bodies = await uploadBodies(UPLOADS);
  const accepted: string[] = [];
  let next = 0;
  await fire(
    server.url,
    {
      amount: UPLOADS,
      request: {
        method: 'POST',
        path: '/api/v1/documents/upload',
        headers: { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
        onResponse: (status, body) => {
          if (status === 202) accepted.push((JSON.parse(body) as { document_id: string }).document_id);
        },
      },
    },
    samples,
  );
  return accepted;
}

/** Polls the status of every unfinished document, round after round, as clients waiting for results do. */
async function pollUntilFinal(
  server: RunningServer,
  key: string,
  ids: string[],
  deadline: number,
  samples: Samples,
): Promise<Map<string, string>> {
  const latest = new Map<string, string>(ids.map((id) => [id, 'queued']));
  while (Date.now() < deadline) {
    const pending = [...latest].filter(([, status]) => !FINAL.has(status)).map(([id]) => id);
    if (pending.length === 0) break;
    let next = 0;
    await fire(
      server.url,
      {
        amount: pending.length,
        request: {
          method: 'GET',
          headers: { authorization: `Bearer ${key}` },
          setupRequest: (req) => ({ ...req, path: `/api/v1/documents/${pending[next++ % pending.length]}` }),
          onResponse: (status, body) => {
            if (status !== 200) return;
            const doc = JSON.parse(body) as { document_id: string; status: string };
            latest.set(doc.document_id, doc.status);
          },
        },
      },
      samples,
    );
    await new Promise((r) => setTimeout(r, POLL_PAUSE_MS));
  }
  return latest;
}

interface Audit {
  lost: string[];
  duplicated: string[];
  unexpected: number;
  notFinal: string[];
  byStatus: Record<string, number>;
}

/** Compares what the clients were told with what the database holds. */
async function audit(server: RunningServer, tenantId: string, accepted: string[]): Promise<Audit> {
  const rows = await server.runtime.db.sequelize.query<{ id: string; status: string; tasks: number; results: number }>(
    `SELECT d.id, d.status,
            (SELECT count(*)::int FROM tasks t WHERE t.document_id = d.id) AS tasks,
            (SELECT count(*)::int FROM results r WHERE r.document_id = d.id) AS results
       FROM documents d WHERE d.tenant_id = :tenantId`,
    { replacements: { tenantId }, type: QueryTypes.SELECT },
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  const acceptedSet = new Set(accepted);
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    lost: accepted.filter((id) => !stored.has(id)),
    duplicated: [
      ...accepted.filter((id, i) => accepted.indexOf(id) !== i),
      ...rows.filter((r) => r.tasks !== 1 || r.results > 1).map((r) => r.id),
    ],
    unexpected: rows.filter((r) => !acceptedSet.has(r.id)).length,
    notFinal: rows.filter((r) => !FINAL.has(r.status)).map((r) => r.id),
    byStatus,
  };
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-loadtest-'));
  const database = await startEmbeddedPostgres({ dataDir, database: 'kyb_loadtest' });
  let server: RunningServer | undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      // The limit per key would otherwise answer most of one tenant's 500 uploads with 429.
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
    });
    server = await startServer(config);
    const { key, tenant_id } = await server.runtime.repos.apiKeys.create('loadtest');
    const deadline = Date.now() + MAX_SECONDS * 1000;
    process.stdout.write(
      `load test: ${UPLOADS} uploads from ${CLIENTS} clients against ${server.url} (worker concurrency ${config.WORKER_CONCURRENCY})\n`,
    );

    const uploads = emptySamples();
    const status = emptySamples();
    const started = Date.now();
    const accepted = await uploadAll(server, key, uploads);
    const finals = await pollUntilFinal(server, key, accepted, deadline, status);
    const processingSeconds = (Date.now() - started) / 1000;
    const result = await audit(server, tenant_id, accepted);

    const finalCount = [...finals.values()].filter((s) => FINAL.has(s)).length;
    process.stdout.write(
      [
        summary('upload', uploads),
        summary('status', status),
        `accepted ${accepted.length}/${UPLOADS}; final ${finalCount} in ${processingSeconds.toFixed(1)} s (${(finalCount / processingSeconds).toFixed(1)} documents/s end to end)`,
        `documents by status ${JSON.stringify(result.byStatus)}; lost ${result.lost.length}; duplicated ${result.duplicated.length}; unexpected ${result.unexpected}; not final ${result.notFinal.length}`,
        '',
      ].join('\n'),
    );
    const fairness = await fairnessRun(server);
    process.stdout.write(`${describeFairness(fairness)}\n`);
    const failures = [
      !fairness.passed && 'the quiet tenant waited more than twice as long behind the flood',
      accepted.length !== UPLOADS && `${UPLOADS - accepted.length} uploads were not accepted`,
      result.lost.length > 0 && `${result.lost.length} accepted uploads have no document`,
      result.duplicated.length > 0 && `${result.duplicated.length} documents are duplicated or ran twice`,
      result.unexpected > 0 && `${result.unexpected} documents nobody was told about`,
      result.notFinal.length > 0 && `${result.notFinal.length} documents are not final after ${MAX_SECONDS} s`,
    ].filter(Boolean);
    if (failures.length > 0) {
      process.stderr.write(`load test FAILED: ${failures.join('; ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('load test passed: every accepted upload has exactly one document, and all are final\n');
    }
  } finally {
    await server?.close();
    await database.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`load test crashed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
