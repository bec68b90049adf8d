import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/app';
import { kybAgainst } from '../helpers/kyb';
import { textPdf } from '../helpers/pdf';

describe('command line: kyb redrive --task', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  const kyb = (...args: string[]) => kybAgainst(t, ...args);

  it('when an operator redrives a failed task, then it is queued again under generation 2 with the redrive recorded; a task that is not failed is left alone (exit 1)', async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([['Redrive']]), 'r.pdf');
    const queued = await kyb('redrive', '--task', up.body.task_id, '--actor', 'ops@example');
    expect(queued.code, queued.stderr).to.equal(1);
    expect(queued.stdout).to.contain('is not failed');

    await t.runtime.repos.documents.fail(up.body.task_id, up.body.document_id, 'timed_out', 'Processing did not finish.');
    const run = await kyb('redrive', '--task', up.body.task_id, '--actor', 'ops@example');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('generation 2');
    const task = await t.runtime.repos.documents.findTaskById(up.body.task_id);
    expect(task).to.include({ state: 'queued', generation: 2, attempts: 0, error_code: null });
    const trail = await t.runtime.repos.documents.auditTrail(up.body.document_id);
    expect(trail.map((a) => [a.action, a.actor, a.details.generation])).to.deep.equal([['task.redriven', 'ops@example', 2]]);
  });
});
