import { expect } from 'chai';
import { PermanentError } from '../../worker/errors';
import type { Stage } from '../../worker/pipeline/types';
import type { TaskFinished } from '../../worker/domain';
import { processJob, type ProcessorDeps } from '../../worker/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { onePagePdf } from '../hostile/files/pdf';

interface Stall {
  stages: Stage[];
  /** Resolves when the worker has reached the stalled stage. */
  reached: Promise<void>;
  /** Lets the worker go on. */
  wake(): void;
}

/**
 * Stalls the text stage the way a long OCR run without progress does; on waking the stage either
 * does its work or finds the file unreadable.
 */
function stallText(stages: readonly Stage[], onWake: 'continue' | 'fail'): Stall {
  let wake!: () => void;
  const gate = new Promise<void>((resolve) => (wake = resolve));
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const wrapped = stages.map((stage) =>
    stage.name !== 'text'
      ? stage
      : {
          ...stage,
          run: async (ctx: Parameters<Stage['run']>[0]) => {
            arrived();
            await gate;
            if (onWake === 'fail') throw new PermanentError('pdf_corrupt', 'read late, and badly');
            await stage.run(ctx);
          },
        },
  );
  return { stages: wrapped, reached, wake };
}

describe('a worker that outlives its lease', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  for (const onWake of ['continue', 'fail'] as const) {
    const what = onWake === 'continue' ? 'completes' : 'fails';
    it(`when a stalled worker wakes and ${what} after another worker took the task over and finished it, then its late outcome is dropped: one result, one notification`, async () => {
      const up = await t.request.post('/api/v1/documents/upload').set(t.auth).attach('file', onePagePdf(), 'late.pdf');
      expect(up.status).to.equal(202);
      const job = { document_id: up.body.document_id as string, task_id: up.body.task_id as string };
      const finished: TaskFinished[] = [];
      const deps: ProcessorDeps = { ...t.runtime.processorDeps(), onFinished: async (event) => void finished.push(event) };

      const stall = stallText(deps.stages, onWake);
      const late = processJob({ ...deps, stages: stall.stages }, job, { attempt: 1, maxAttempts: 3 });
      await stall.reached;
      // The lease runs out while the first worker is stalled, and the queue hands the job to another.
      await t.runtime.db.sequelize.query(`UPDATE tasks SET lease_until = now() - interval '1 second' WHERE id = :id`, {
        replacements: { id: job.task_id },
      });
      await processJob(deps, job, { attempt: 2, maxAttempts: 3 });
      stall.wake();
      await late;

      const [row] = (await t.runtime.db.sequelize.query('SELECT count(*)::int AS n FROM results WHERE task_id = :id', {
        replacements: { id: job.task_id },
        type: 'SELECT' as never,
      })) as unknown as Array<{ n: number }>;
      expect(row?.n).to.equal(1);
      expect(finished.map((f) => [f.task_id, f.state])).to.deep.equal([[job.task_id, 'completed']]);
      const doc = await t.request.get(`/api/v1/documents/${job.document_id}`).set(t.auth);
      expect(doc.body.status).to.equal('completed');
      expect(doc.body.error).to.equal(null);
    });
  }
});
