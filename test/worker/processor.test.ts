import { expect } from 'chai';
import { PermanentError } from '../../worker/errors';
import { processJob, TaskBusyError } from '../../worker/processor';
import type { Stage } from '../../worker/pipeline/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const lastAttempt = { attempt: 3, maxAttempts: 3 };
const firstAttempt = { attempt: 1, maxAttempts: 3 };

describe('processor', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  const upload = async () => {
    const res = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Processor test']]), 'p.pdf');
    return res.body as { document_id: string; task_id: string };
  };
  const view = async (id: string) => (await t.request.get(`/api/v1/documents/${id}`).set(t.auth)).body;
  const failing = (error: Error): Stage => ({ name: 'text', weight: 1, run: async () => Promise.reject(error) });

  describe('the deadline', () => {
    /** A stage that says it found `pages` to OCR, then takes 1.5 s; the runner checks the deadline before the next stage. */
    const reading = (pages: number): Stage => ({
      name: 'text',
      weight: 1,
      run: async ({ pagesToRead }) => {
        pagesToRead?.(pages);
        await new Promise((resolve) => setTimeout(resolve, 1500));
      },
    });
    const run = async (pages: number) => {
      const job = await upload();
      const deps = {
        ...t.runtime.processorDeps(),
        deadlineSeconds: 1,
        deadlineSecondsPerPage: 1,
        stages: [reading(pages), stageNamed('classify')],
      };
      await processJob(deps, job, firstAttempt);
      return view(job.document_id);
    };
    const stageNamed = (name: Stage['name']): Stage => ({ name, weight: 1, run: async () => undefined });

    it('when a task runs past its base allowance with no pages to OCR, then it fails processing_timeout', async () => {
      const doc = await run(0);
      expect(doc.status).to.equal('failed');
      expect(doc.error.code).to.equal('processing_timeout');
    });

    it('when the same work has pages to OCR, then each page extends the deadline and the task completes', async () => {
      const doc = await run(2);
      expect(doc.status).to.equal('completed');
    });
  });

  it('when the job body is malformed, then it is refused as permanent (so consumers drop it) without touching any document', async () => {
    let caught: unknown;
    await processJob(t.runtime.processorDeps(), { task_id: 'x' }, firstAttempt).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(PermanentError);
    expect((caught as PermanentError).code).to.equal('bad_payload');
  });

  it('when a finished task is delivered again, then it is acknowledged and no stage runs', async () => {
    const job = await upload();
    await processJob(t.runtime.processorDeps(), job, firstAttempt);
    let ran = false;
    const spy: Stage = { name: 'identify', weight: 1, run: async () => void (ran = true) };
    await processJob({ ...t.runtime.processorDeps(), stages: [spy] }, job, firstAttempt);
    expect(ran).to.equal(false);
    expect((await view(job.document_id)).status).to.equal('completed');
  });

  it('when another worker holds a live lease, then the delivery is refused as busy so the queue brings it back later', async () => {
    const job = await upload();
    await t.runtime.repos.documents.claim(job.task_id, 1, 300);
    let caught: unknown;
    await processJob(t.runtime.processorDeps(), job, firstAttempt).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(TaskBusyError);
  });

  it('when a stage fails for good, then the document ends failed with its code and the job is acknowledged', async () => {
    const job = await upload();
    const deps = { ...t.runtime.processorDeps(), stages: [failing(new PermanentError('pdf_corrupt', 'Broken.'))] };
    await processJob(deps, job, firstAttempt);
    const doc = await view(job.document_id);
    expect(doc.status).to.equal('failed');
    expect(doc.error).to.deep.equal({ code: 'pdf_corrupt', message: 'Broken.' });
  });

  it('when a transient error hits an early attempt, then the job throws for a retry and the task is free for the next delivery', async () => {
    const job = await upload();
    const deps = { ...t.runtime.processorDeps(), stages: [failing(new Error('connection reset'))] };
    let caught: unknown;
    await processJob(deps, job, firstAttempt).catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('connection reset');
    expect((await view(job.document_id)).status).to.equal('processing');
    await processJob(t.runtime.processorDeps(), job, { attempt: 2, maxAttempts: 3 });
    expect((await view(job.document_id)).status).to.equal('completed');
  });

  it('when the last attempt fails, then the document ends failed as retries_exhausted, and only an explicit redrive later completes it', async () => {
    const job = await upload();
    const deps = { ...t.runtime.processorDeps(), stages: [failing(new Error('registry outage'))] };
    await processJob(deps, job, lastAttempt).catch(() => undefined);
    const failed = await view(job.document_id);
    expect(failed.status).to.equal('failed');
    expect(failed.error.code).to.equal('retries_exhausted');

    // A late retry of the same message is acknowledged without taking the failed task back.
    let ran = false;
    const spy: Stage = { name: 'identify', weight: 1, run: async () => void (ran = true) };
    await processJob({ ...t.runtime.processorDeps(), stages: [spy] }, job, firstAttempt);
    expect(ran).to.equal(false);
    expect((await view(job.document_id)).status).to.equal('failed');

    const reopened = await t.runtime.repos.documents.redrive(job.task_id, 'operator@test');
    expect(reopened?.generation).to.equal(2);
    // The old message still cannot claim it; the new generation's can.
    await processJob({ ...t.runtime.processorDeps(), stages: [spy] }, job, firstAttempt);
    expect(ran).to.equal(false);
    await processJob(t.runtime.processorDeps(), { ...job, generation: 2 }, firstAttempt);
    const done = await view(job.document_id);
    expect(done.status).to.equal('completed');
    expect(done.text).to.contain('Processor test');
    const trail = await t.runtime.repos.documents.auditTrail(job.document_id);
    expect(trail.map((a) => [a.action, a.actor])).to.deep.equal([['task.redriven', 'operator@test']]);
  });

  it('when a task failed with timed_out and pg-boss delivers a stale retry, then it stays failed (terminal means terminal)', async () => {
    const job = await upload();
    await t.runtime.repos.documents.claim(job.task_id, 1, 0);
    await t.runtime.repos.documents.fail(job.task_id, job.document_id, 'timed_out', 'Processing did not finish.');
    let ran = false;
    const spy: Stage = { name: 'identify', weight: 1, run: async () => void (ran = true) };
    await processJob({ ...t.runtime.processorDeps(), stages: [spy] }, job, firstAttempt);
    expect(ran).to.equal(false);
    expect((await view(job.document_id)).error.code).to.equal('timed_out');
  });

  it('when a dead letter comes back with a redrive request, then the failed task is re-opened once, recorded with its actor, and completes', async () => {
    const job = await upload();
    await processJob({ ...t.runtime.processorDeps(), stages: [failing(new Error('outage'))] }, job, lastAttempt).catch(() => undefined);
    const request = { ...job, generation: 1, redrive: { actor: 'ops@test' } };
    await processJob(t.runtime.processorDeps(), request, firstAttempt);
    expect((await view(job.document_id)).status).to.equal('completed');
    // The same request delivered twice does not re-open the task a second time.
    await processJob(t.runtime.processorDeps(), request, firstAttempt);
    const trail = await t.runtime.repos.documents.auditTrail(job.document_id);
    expect(trail.map((a) => [a.action, a.actor])).to.deep.equal([['task.redriven', 'ops@test']]);
    expect((await t.runtime.repos.documents.findTaskById(job.task_id))?.generation).to.equal(2);
  });

  it('when a task has used its attempts across several messages, then a transient failure on a first delivery ends it retries_exhausted', async () => {
    const job = await upload();
    const deps = { ...t.runtime.processorDeps(), stages: [failing(new Error('flaky'))] };
    // Each swept re-send is a new message on its first delivery; the task counts the attempts.
    for (let i = 0; i < 3; i++) await processJob(deps, job, firstAttempt).catch(() => undefined);
    const doc = await view(job.document_id);
    expect(doc.status).to.equal('failed');
    expect(doc.error.code).to.equal('retries_exhausted');
  });

  it('when a permanently failed task is delivered again, then it is not reworked', async () => {
    const job = await upload();
    await processJob(
      { ...t.runtime.processorDeps(), stages: [failing(new PermanentError('pdf_encrypted', 'Locked.'))] },
      job,
      firstAttempt,
    );
    await processJob(t.runtime.processorDeps(), job, firstAttempt);
    expect((await view(job.document_id)).error.code).to.equal('pdf_encrypted');
  });

  describe('the original', () => {
    /** What a crash between an upload's commit and its file's flush leaves: the rows, and `mangle`d bytes (or none) at the key. */
    const crashedUpload = async (mangle: (bytes: Buffer) => Buffer | null) => {
      const job = await upload();
      const key = (await t.runtime.repos.documents.findDocument(t.tenantId, job.document_id))!.storage_key!;
      const left = mangle(await t.runtime.store.get(key));
      if (left) await t.runtime.store.put(key, left, 'application/pdf');
      else await t.runtime.store.delete(key);
      return job;
    };
    const spied = () => {
      const ran: string[] = [];
      const stage: Stage = { name: 'text', weight: 1, run: async () => void ran.push('text') };
      return { ran, deps: { ...t.runtime.processorDeps(), stages: [stage] } };
    };

    it('when the stored file is torn, then no stage reads it: an early attempt throws for a retry, and the last fails the document original_incomplete', async () => {
      const job = await crashedUpload((bytes) => bytes.subarray(0, bytes.length >> 1));
      const { ran, deps } = spied();
      let caught: unknown;
      await processJob(deps, job, firstAttempt).catch((e: unknown) => (caught = e));
      expect((caught as Error).name).to.equal('OriginalNotStored');
      expect((await view(job.document_id)).status).to.not.equal('failed');
      await processJob(deps, job, lastAttempt).catch(() => undefined);
      const doc = await view(job.document_id);
      expect(doc.status).to.equal('failed');
      expect(doc.error.code).to.equal('original_incomplete');
      expect(ran).to.deep.equal([]);
    });

    it('when the stored file has the recorded size but other bytes, then it fails original_incomplete too, before any stage', async () => {
      const job = await crashedUpload((bytes) => Buffer.alloc(bytes.length));
      const { ran, deps } = spied();
      await processJob(deps, job, lastAttempt).catch(() => undefined);
      expect((await view(job.document_id)).error.code).to.equal('original_incomplete');
      expect(ran).to.deep.equal([]);
    });

    it('when the stored file is missing, then the last attempt fails the document original_missing, before any stage', async () => {
      const job = await crashedUpload(() => null);
      const { ran, deps } = spied();
      await processJob(deps, job, lastAttempt).catch(() => undefined);
      expect((await view(job.document_id)).error.code).to.equal('original_missing');
      expect(ran).to.deep.equal([]);
    });

    it('when the file lands after an early attempt looked (the worker came before the write), then the next attempt reads it and completes', async () => {
      let kept!: Buffer;
      const job = await crashedUpload((bytes) => ((kept = bytes), null));
      const { deps } = spied();
      await processJob(deps, job, firstAttempt).catch(() => undefined);
      const key = (await t.runtime.repos.documents.findDocument(t.tenantId, job.document_id))!.storage_key!;
      await t.runtime.store.put(key, kept, 'application/pdf');
      await processJob(t.runtime.processorDeps(), job, { attempt: 2, maxAttempts: 3 });
      expect((await view(job.document_id)).status).to.equal('completed');
    });
  });
});
