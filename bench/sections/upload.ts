import { randomUUID } from 'node:crypto';
import { multipartBody, paddedPdf, textPdf } from '../documents';
import { bestOfAlternating, load } from '../load';
import { startChild } from '../processes';
import { row, type Row } from '../report';
import type { Section } from '../section';
import type { AppReady, BareReady } from './api';

const SIZES = [
  { label: '100 KB', bytes: 100 * 1024, connections: 8, seconds: 5 },
  { label: '5 MB', bytes: 5 * 1024 * 1024, connections: 4, seconds: 5 },
];
const ROUNDS = 2;

const figure = (label: string) => `Upload ${label} uploads/s`;

/**
 * Uploads on the real app (auth, type sniffed and bytes hashed while streaming to disk, one transaction recording and enqueueing) against
 * a bare multer endpoint writing to disk. The app runs without its worker, so only the request
 * path is measured.
 */
export const uploadSection: Section = {
  name: 'upload',
  figures: SIZES.map((s) => figure(s.label)),
  async run({ env, log }): Promise<Row[]> {
    const app = await startChild<AppReady>('bench/children/app-server.ts', await env.appEnv('upload', { BENCH_WORKER: 'false' }));
    try {
      const uploadDir = await env.tmp('upload-bare');
      const bare = await startChild<BareReady>('bench/children/bare-server.ts', { BENCH_UPLOAD_DIR: uploadDir });
      try {
        const base = (await textPdf()).bytes;
        const rows: Row[] = [];
        for (const size of SIZES) {
          const file = { bytes: paddedPdf(base, size.bytes), filename: `bench-${randomUUID()}.pdf`, mime: 'application/pdf' };
          const { body, contentType } = multipartBody(file);
          const run = (port: number, headers: Record<string, string>, seconds: number) =>
            load({
              url: `http://127.0.0.1:${port}/api/v1/documents/upload`,
              method: 'POST',
              headers: { ...headers, 'Content-Type': contentType },
              body,
              connections: size.connections,
              durationSeconds: seconds,
            });
          const auth = { Authorization: `Bearer ${app.ready.key}` };
          log(`upload ${size.label}: warming up, then ${ROUNDS} alternating rounds of ${size.seconds} s per server`);
          await run(app.ready.port, auth, 1);
          await run(bare.ready.port, {}, 1);
          const best = await bestOfAlternating(ROUNDS, {
            app: () => run(app.ready.port, auth, size.seconds),
            bare: () => run(bare.ready.port, {}, size.seconds),
          });
          rows.push(
            row({
              section: 'upload',
              figure: figure(size.label),
              measured: { value: best.app.requestsPerSecond, unit: 'uploads/s' },
              baseline: { name: 'bare multer to disk', value: best.bare.requestsPerSecond, unit: 'uploads/s' },
              aim: { kind: 'ratio_at_least', min: 0.6, text: '>= 60% of bare' },
              ifMissed:
                'besides writing the file (streamed, its type sniffed from the head and its bytes hashed on the way), each upload is one transaction of four round trips to a Postgres sharing the 2 cores (BEGIN, one statement for the document and task, the pg-boss job, COMMIT: one WAL flush), plus auth, the request log and tracing; files above 8 MiB should go direct to storage (POST /api/v1/direct-uploads) and skip the API altogether',
              note: `${size.connections} connections, best of ${ROUNDS} alternating ${size.seconds} s rounds; p99 ${best.app.p99Ms} ms vs ${best.bare.p99Ms} ms bare`,
            }),
          );
        }
        return rows;
      } finally {
        await bare.stop();
      }
    } finally {
      await app.stop();
    }
  },
};
