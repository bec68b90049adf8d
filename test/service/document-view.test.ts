import { expect } from 'chai';
import { processJob } from '../../worker/processor';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

const firstAttempt = { attempt: 1, maxAttempts: 3 };

describe("a document's view", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  const view = async (id: string) => (await t.request.get(`/api/v1/documents/${id}`).set(t.auth)).body;

  it("when a newer verification with other claims is queued and then completes, then the view never shows one task's id or claims beside another task's verdict", async () => {
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .field('company_number', '09446231')
      .attach('file', await textPdf([['Acme Widgets Limited']]), 'view.pdf');
    await processJob(t.runtime.processorDeps(), { ...up.body, generation: 1 }, firstAttempt);
    const first = await view(up.body.document_id);
    expect(first).to.deep.include({ task_id: up.body.task_id });
    expect(first.claims.company_number).to.equal('09446231');

    const again = await t.request.post(`/api/v1/verification/${up.body.document_id}`).set(t.auth).send({ company_number: '12345678' });
    expect(again.status).to.equal(202);
    // Queued, not yet run: the verdict shown is still the first task's, and so are its id and claims.
    const queued = await view(up.body.document_id);
    expect(queued.task_id).to.equal(up.body.task_id);
    expect(queued.claims.company_number).to.equal('09446231');
    expect(queued.verification).to.deep.equal(first.verification);

    await processJob(
      t.runtime.processorDeps(),
      { document_id: up.body.document_id, task_id: again.body.task_id, generation: 1 },
      firstAttempt,
    );
    const second = await view(up.body.document_id);
    expect(second.task_id).to.equal(again.body.task_id);
    expect(second.claims.company_number).to.equal('12345678');
  });
});
