import { expect } from 'chai';
import { purgeExpiredDocuments, sweepStuckTasks, type MaintenanceDeps } from '../../worker/maintenance';
import type { Job, JobQueue } from '../../worker/queue/port';
import { evidenceImageKey } from '../../worker/storage/keys';
import { startTestApp, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

describe('maintenance', () => {
  let t: TestApp;
  let sent: Job[];
  let deps: MaintenanceDeps;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());
  beforeEach(() => {
    sent = [];
    const recordingQueue: JobQueue = { ...t.runtime.queue, send: async (job) => void sent.push(job) };
    deps = { ...t.runtime.maintenanceDeps(), queue: recordingQueue, retentionDays: 365 };
  });

  const upload = async (name: string) => {
    const res = await t.request
      .post('/api/v1/documents/upload')
      .set(t.auth)
      .attach('file', await textPdf([[name]]), `${name}.pdf`);
    return res.body as { document_id: string; task_id: string };
  };
  const sql = (query: string, replacements: Record<string, unknown>) => t.runtime.db.sequelize.query(query, { replacements });

  it('when a task has sat queued past the timeout (its message lost), then the sweeper sends it again once', async () => {
    const fresh = await upload('fresh');
    const lost = await upload('lost');
    await sql(`UPDATE tasks SET updated_at = now() - interval '1 hour' WHERE id = :id`, { id: lost.task_id });
    const report = await sweepStuckTasks(deps);
    expect(sent).to.deep.include({ document_id: lost.document_id, task_id: lost.task_id, generation: 1, tenant_id: t.tenantId });
    expect(sent.map((j) => j.task_id)).to.not.include(fresh.task_id);
    expect(report.requeued).to.be.greaterThan(0);
    sent = [];
    await sweepStuckTasks(deps);
    expect(sent.map((j) => j.task_id)).to.not.include(lost.task_id);
  });

  it('when a running task lost its worker and has used every attempt, then it ends failed with timed_out', async () => {
    const doc = await upload('abandoned');
    await sql(`UPDATE tasks SET state = 'running', attempts = 3, lease_until = now() - interval '1 minute' WHERE id = :id`, {
      id: doc.task_id,
    });
    await sweepStuckTasks(deps);
    const res = await t.request.get(`/api/v1/documents/${doc.document_id}`).set(t.auth);
    expect(res.body.status).to.equal('failed');
    expect(res.body.error.code).to.equal('timed_out');
    const progress = await t.request.get(`/api/v1/progress/${doc.task_id}`).set(t.auth);
    expect(progress.body.state).to.equal('failed');
  });

  it('when documents pass the retention period, then they are purged with an audit record and newer ones stay', async () => {
    const old = await upload('old');
    const recent = await upload('recent');
    await sql(`UPDATE documents SET created_at = now() - interval '400 days' WHERE id = :id`, { id: old.document_id });
    const [[row]] = (await sql('SELECT storage_key FROM documents WHERE id = :id', { id: old.document_id })) as [
      Array<{ storage_key: string }>,
      unknown,
    ];
    const purged = await purgeExpiredDocuments(deps);
    expect(purged).to.be.greaterThan(0);
    expect((await t.request.get(`/api/v1/documents/${old.document_id}`).set(t.auth)).status).to.equal(404);
    expect((await t.request.get(`/api/v1/documents/${recent.document_id}`).set(t.auth)).status).to.equal(200);
    const audit = await t.runtime.repos.documents.auditTrail(old.document_id);
    expect(audit.map((a) => [a.action, a.actor])).to.deep.equal([['document.purged', 'retention']]);
    let caught: unknown;
    await t.runtime.store.get(row!.storage_key).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(Error);
  });

  it('when a purged document had evidence pictures of its pixel checks, then they are deleted from storage with it', async () => {
    const old = await upload('pictured');
    await sql(
      `UPDATE documents SET created_at = now() - interval '400 days', page_info = '[{"number":1,"source":"ocr","chars":10}]' WHERE id = :id`,
      { id: old.document_id },
    );
    const key = evidenceImageKey(t.config.S3_PREFIX, t.tenantId, old.document_id, 'page-1-background.png');
    await t.runtime.store.put(key, Buffer.from('png'), 'image/png');
    await purgeExpiredDocuments(deps);
    let caught: unknown;
    await t.runtime.store.get(key).catch((e: unknown) => (caught = e));
    expect(caught).to.be.instanceOf(Error);
  });

  it('when retention is 0, then nothing is purged', async () => {
    const old = await upload('kept');
    await sql(`UPDATE documents SET created_at = now() - interval '4000 days' WHERE id = :id`, { id: old.document_id });
    expect(await purgeExpiredDocuments({ ...deps, retentionDays: 0 })).to.equal(0);
    expect((await t.request.get(`/api/v1/documents/${old.document_id}`).set(t.auth)).status).to.equal(200);
  });
});
