import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { processJob } from '../../worker/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const ROOT = path.resolve(__dirname, '..', '..');
const firstAttempt = { attempt: 1, maxAttempts: 3 };

/** `kyb serve` in its own OS process on the test's database and data folder; resolves with its base URL. */
function serveElsewhere(t: TestApp): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/index.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      DATABASE_URL: t.config.DATABASE_URL,
      DATA_DIR: t.config.dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      WORKER_CONCURRENCY: '1',
      PROCESSING_THREADS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const health = /Health\s+(http:\/\/\S+)\/health/.exec(out);
      if (health) resolve({ url: health[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`kyb serve exited (${code}) before listening: ${out}`)));
  });
}

describe("a document's kept view across OS processes", function () {
  this.timeout(120_000);
  let t: TestApp;
  let elsewhere: { url: string; child: ChildProcess } | undefined;

  before(async () => {
    t = await startTestApp({ worker: false });
    elsewhere = await serveElsewhere(t);
  });
  after(async () => {
    if (elsewhere && elsewhere.child.exitCode === null) {
      const exited = new Promise((resolve) => elsewhere!.child.once('exit', resolve));
      elsewhere.child.kill('SIGTERM');
      await exited;
    }
    await t?.close();
  });

  it('when another API process verifies a kept document again, then this one never serves the kept view: not with its ETag, not without, and the new verdict once it is done', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .field('company_number', '09446231')
      .attach('file', await textPdf([['Acme Widgets Limited']]), 'kept.pdf');
    await processJob(t.runtime.processorDeps(), { ...up.body, generation: 1 }, firstAttempt);
    const get = (headers: Record<string, string> = {}) =>
      t.request.get(`/api/v1/documents/${up.body.document_id}`).set({ ...t.auth, ...headers });
    const kept = await get();
    expect(kept.body.status).to.equal('completed');
    expect((await get()).body).to.deep.equal(kept.body);

    const again = await fetch(`${elsewhere!.url}/api/v1/verification/${up.body.document_id}`, {
      method: 'POST',
      headers: { ...t.auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ company_number: '12345678' }),
    });
    expect(again.status).to.equal(202);
    const { task_id } = (await again.json()) as { task_id: string };

    // The other process's worker may take the task at once: whatever state it is in, it is the new task's.
    for (const read of [await get({ 'If-None-Match': kept.headers.etag }), await get()]) {
      expect(read.status).to.equal(200);
      expect(read.headers.etag).to.not.equal(kept.headers.etag);
      expect(read.body).to.not.deep.equal(kept.body);
      expect(read.body.status === 'completed' ? read.body.task_id : task_id).to.equal(task_id);
    }

    let done = await get();
    for (let waited = 0; done.body.status !== 'completed' && waited < 60_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = await get();
    }
    expect(done.body.status).to.equal('completed');
    expect(done.body.task_id).to.equal(task_id);
    expect(done.body.claims.company_number).to.equal('12345678');
  });
});
