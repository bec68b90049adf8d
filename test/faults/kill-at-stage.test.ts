import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { StageName } from '../../worker/domain';
import { startTestApp, type TestApp } from '../helpers/app';
import { pollUntil } from '../helpers/poll';
import { onePagePdf } from '../hostile/files/pdf';
import { dedicatedDatabase, startWebhookReceiver, type WebhookReceiver } from './support';

const STAGES: StageName[] = ['identify', 'text', 'classify', 'extract', 'forensics', 'registries', 'decide'];
const LEASE_SECONDS = '2';

interface Worker {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crashing-worker.ts')], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited };
}

describe('a worker killed at each pipeline stage', function () {
  this.timeout(240_000);
  let t: TestApp;
  let receiver: WebhookReceiver;
  let database: Awaited<ReturnType<typeof dedicatedDatabase>>;
  let markers: string;
  let env: Record<string, string>;

  before(async () => {
    database = await dedicatedDatabase('kill');
    receiver = await startWebhookReceiver();
    markers = await fs.mkdtemp(path.join(os.tmpdir(), 'kyb-crash-'));
    const shared = {
      DATABASE_URL: database.url,
      WEBHOOK_URL: receiver.url,
      WEBHOOK_SECRET: 'whsec-fault-test',
      TASK_TIMEOUT_SECONDS: LEASE_SECONDS,
    };
    t = await startTestApp({ worker: false, env: shared });
    env = { ...shared, DATA_DIR: t.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error', WORKER_CONCURRENCY: '1', CRASH_MARKERS: markers };
  });
  after(async () => {
    await t?.close();
    await receiver?.close();
    await database?.drop();
    await fs.rm(markers, { recursive: true, force: true });
  });

  const rows = <T>(sql: string) => t.runtime.db.sequelize.query(sql, { type: 'SELECT' as never }) as unknown as Promise<T[]>;
  const unfinished = async () =>
    (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE state NOT IN ('completed', 'failed')`))[0]?.n ?? 0;

  it('when the worker process dies (SIGKILL) once at every stage and is restarted each time, then every document completes exactly once: one result, one webhook, none lost, none stuck', async () => {
    const names = [...STAGES.map((s) => `crash-at-${s}.pdf`), 'calm-1.pdf', 'calm-2.pdf'];
    const uploaded: Array<{ document_id: string; task_id: string }> = [];
    for (const name of names) {
      const res = await t.request
        .post('/api/v1/documents/upload')
        .set(t.auth)
        .attach(
          'file',
          onePagePdf({ lines: [`Document ${name}`, ...Array(2).fill('Acme Widgets Limited, company number 09446231')] }),
          name,
        );
      expect(res.status).to.equal(202);
      uploaded.push(res.body);
    }

    const crashes: Array<NodeJS.Signals | number | null> = [];
    const deadline = Date.now() + 200_000;
    while ((await unfinished()) > 0 && Date.now() < deadline) {
      const worker = startWorker(env);
      let running = true;
      void worker.exited.then(() => (running = false));
      while (running && (await unfinished()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (running) {
        worker.child.stdin?.end();
        expect(await worker.exited).to.equal(0);
      } else {
        crashes.push(await worker.exited);
      }
    }

    expect(crashes).to.deep.equal(STAGES.map(() => 'SIGKILL'));
    const crashedAt = await Promise.all((await fs.readdir(markers)).map((f) => fs.readFile(path.join(markers, f), 'utf8')));
    expect(crashedAt.sort()).to.deep.equal([...STAGES].sort());

    const tasks = await rows<{ document_id: string; state: string; results: number }>(
      'SELECT t.document_id, t.state, (SELECT count(*)::int FROM results r WHERE r.task_id = t.id) AS results FROM tasks t',
    );
    expect(tasks).to.have.length(uploaded.length);
    for (const task of tasks) expect(task).to.include({ state: 'completed', results: 1 });
    const documents = await rows<{ status: string }>('SELECT status FROM documents');
    expect(documents.map((d) => d.status)).to.deep.equal(uploaded.map(() => 'completed'));

    // Deliveries run after the task is recorded; give the last one a moment to land.
    await pollUntil(
      () => receiver.deliveries.length,
      (n) => n >= uploaded.length,
      { timeoutMs: 10_000, everyMs: 100 },
    );
    const delivered = receiver.deliveries.map((d) => d.task_id).sort();
    expect(delivered).to.deep.equal(uploaded.map((u) => u.task_id).sort());
    expect(receiver.deliveries.every((d) => d.event === 'task.completed')).to.equal(true);
  });
});
