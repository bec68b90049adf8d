import { expect } from 'chai';
import { down, up } from '../../worker/adapters/postgres/migrations/0008b-evidence-chain';
import type { EvidenceDraft } from '../../worker/evidence/types';
import { startTestApp, type TestApp } from '../helpers/app';
import { kybAgainst } from '../helpers/kyb';
import { textPdf } from '../helpers/pdf';

const forensics = (n: number): EvidenceDraft => ({ kind: 'forensics', payload: { checks: [], pdf: null, image_meta: { n: String(n) } } });

describe('tamper-evident evidence', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ worker: false });
  });
  after(async () => t.close());

  /** A fresh tenant with one uploaded document per name, and the owner each document's evidence is recorded under. */
  const tenantWithDocuments = async (...names: string[]) => {
    const key = await t.newTenantKey();
    const owners = [];
    for (const name of names) {
      const up = await t.request
        .post('/api/v1/documents/upload')
        .set('Authorization', `Bearer ${key}`)
        .attach('file', await textPdf([[name]]), `${name}.pdf`);
      const task = await t.runtime.repos.documents.findTaskById(up.body.task_id);
      owners.push({ tenant_id: task!.tenant_id, document_id: up.body.document_id as string, task_id: up.body.task_id as string });
    }
    const tenantId = owners[0]!.tenant_id;
    const tenant = (await t.runtime.repos.apiKeys.findTenant(tenantId))!.name;
    return { key, owners, tenant, tenantId };
  };
  const sql = (query: string, replacements: Record<string, unknown> = {}) => t.runtime.db.sequelize.query(query, { replacements });
  /** What someone with the database's superuser does: set the append-only trigger aside and edit. */
  const tamper = (query: string, replacements: Record<string, unknown>) =>
    t.runtime.db.sequelize.transaction(async (transaction) => {
      await t.runtime.db.sequelize.query('SET LOCAL session_replication_role = replica', { transaction });
      await t.runtime.db.sequelize.query(query, { replacements, transaction });
    });
  const kyb = (...args: string[]) => kybAgainst(t, ...args);

  it('when records are appended at once from many tasks, then each tenant has one unbroken chain, numbered without gaps', async () => {
    const { owners, tenantId } = await tenantWithDocuments('a', 'b', 'c');
    await Promise.all(
      owners.flatMap((owner, i) => [1, 2, 3].map((n) => t.runtime.repos.evidence.record(owner, [forensics(i * 10 + n), forensics(n)]))),
    );
    const report = await t.runtime.repos.evidence.verifyChain(tenantId);
    expect(report).to.deep.equal({ tenant_id: tenantId, records: 18, erased: 0, broken: null });
    const [rows] = await sql('SELECT chain_seq FROM evidence_records WHERE tenant_id = :tenantId ORDER BY chain_seq', { tenantId });
    expect((rows as Array<{ chain_seq: number }>).map((r) => r.chain_seq)).to.deep.equal(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it('when a payload is edited in the database, then verify names that record as the first broken one, and kyb evidence verify exits 1 naming it', async () => {
    const { owners, tenantId, tenant } = await tenantWithDocuments('edited');
    for (let n = 1; n <= 4; n++) await t.runtime.repos.evidence.record(owners[0]!, [forensics(n)]);
    expect((await kyb('evidence', 'verify', '--tenant', tenant)).code).to.equal(0);
    const [[third]] = (await sql('SELECT id FROM evidence_records WHERE tenant_id = :tenantId AND chain_seq = 3', { tenantId })) as [
      Array<{ id: string }>,
      unknown,
    ];
    await tamper(`UPDATE evidence_records SET payload = jsonb_set(payload, '{image_meta,n}', '"99"') WHERE id = :id`, { id: third!.id });

    const report = await t.runtime.repos.evidence.verifyChain(tenantId);
    expect(report.broken).to.deep.equal({ id: third!.id, chain_seq: 3, reason: 'payload_changed' });
    const run = await kyb('evidence', 'verify', '--tenant', tenant);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.contain(third!.id).and.contain('BROKEN');
  });

  it("when a record's fields are rewritten with its payload left alone, or a record is removed without a recorded erasure, then the chain still shows it", async () => {
    const rewritten = await tenantWithDocuments('rewritten');
    for (let n = 1; n <= 3; n++) await t.runtime.repos.evidence.record(rewritten.owners[0]!, [forensics(n)]);
    await tamper(`UPDATE evidence_records SET kind = 'decision' WHERE tenant_id = :tenantId AND chain_seq = 2`, {
      tenantId: rewritten.tenantId,
    });
    expect((await t.runtime.repos.evidence.verifyChain(rewritten.tenantId)).broken).to.include({ chain_seq: 2, reason: 'record_changed' });

    const removed = await tenantWithDocuments('removed');
    for (let n = 1; n <= 3; n++) await t.runtime.repos.evidence.record(removed.owners[0]!, [forensics(n)]);
    await tamper('DELETE FROM evidence_records WHERE tenant_id = :tenantId AND chain_seq = 2', { tenantId: removed.tenantId });
    expect((await t.runtime.repos.evidence.verifyChain(removed.tenantId)).broken).to.include({ chain_seq: 3, reason: 'record_missing' });
  });

  it('when evidence recorded before the chain existed is migrated, then it is linked oldest first and verifies', async () => {
    const { owners, tenantId } = await tenantWithDocuments('before-the-chain');
    for (let n = 1; n <= 3; n++) await t.runtime.repos.evidence.record(owners[0]!, [forensics(n)]);
    // Back to the records as 0008b found them: unlinked.
    const qi = t.runtime.db.sequelize.getQueryInterface();
    await down({ context: qi } as never);
    await up({ context: qi } as never);
    expect(await t.runtime.repos.evidence.verifyChain(tenantId)).to.deep.equal({
      tenant_id: tenantId,
      records: 3,
      erased: 0,
      broken: null,
    });
  });

  it('when a document is deleted through the API (a recorded erasure), then the rest of the chain still verifies across the gap', async () => {
    const { key, owners, tenantId } = await tenantWithDocuments('kept-1', 'erased', 'kept-2');
    for (const owner of owners) await t.runtime.repos.evidence.record(owner, [forensics(1), forensics(2)]);
    await t.runtime.repos.evidence.record(owners[0]!, [forensics(3)]);
    const erased = await t.request.delete(`/api/v1/documents/${owners[1]!.document_id}`).set('Authorization', `Bearer ${key}`);
    expect(erased.status).to.equal(204);
    expect(await t.runtime.repos.evidence.verifyChain(tenantId)).to.deep.equal({
      tenant_id: tenantId,
      records: 5,
      erased: 2,
      broken: null,
    });
  });
});
