import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../helpers/app';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, REQUESTER_VRN, fakeRegistryEnv } from '../fakes/registry-data';
import { certificate, openCase, statement, uploadInto, vatCertificate } from './support';
import { payloadDigest } from '../../worker/evidence/digest';

const claims = { company_number: ACTIVE.company.number, company_name: ACTIVE.company.name, vat_number: ACTIVE.company.vat_number };

describe('evidence and replays', function () {
  this.timeout(60_000);
  let t: TestApp;
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let caseId: string;
  let docs: Record<'certificate' | 'vat' | 'stale', string>;

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
    t = await startTestApp({
      env: {
        ...fakeRegistryEnv(ch, hmrc),
        HMRC_REQUESTER_VRN: REQUESTER_VRN,
        REGISTRY_TIMEOUT_MS: '500',
        REGISTRY_RETRIES: '0',
      },
    });
    caseId = await openCase(t, t.auth, {
      ...claims,
      required_document_types: ['certificate_of_incorporation', 'vat_registration_certificate'],
    });
    const [certificateId, vatId, staleId] = await Promise.all([
      uploadInto(t, t.auth, caseId, await certificate(ACTIVE.company, 61), 'certificate.pdf'),
      uploadInto(t, t.auth, caseId, await vatCertificate(ACTIVE.company, 62), 'vat.pdf'),
      uploadInto(t, t.auth, caseId, await statement({ daysAgo: 200, account: '55556666' }), 'stale.pdf'),
    ]);
    docs = { certificate: certificateId, vat: vatId, stale: staleId };
  });
  after(async () => {
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close()]);
  });

  const replay = (id: string, body: Record<string, unknown> = {}) =>
    t.request.post(`/api/v1/documents/${id}/replay`).set(t.auth).send(body);
  const registryRequests = () => ch.requests.length + hmrc.requests.length;

  it('when a document was decided, then its evidence holds the raw registry answers, the reading engines and the policy, each with a digest', async () => {
    const res = await t.request.get(`/api/v1/documents/${docs.vat}/evidence`).set(t.auth);
    expect(res.status).to.equal(200);
    const byKind: Record<string, any> = Object.fromEntries((res.body as { kind: string }[]).map((r) => [r.kind, r]));
    expect(Object.keys(byKind)).to.have.members(['extraction', 'forensics', 'companies_house.profile', 'hmrc.vat_lookup', 'decision']);
    const profile = byKind['companies_house.profile'].payload;
    expect(profile).to.include({ company_number: ACTIVE.company.number, outcome: 'found' });
    expect(profile.etag).to.match(/^[0-9a-f]{40}$/);
    expect(profile.raw.etag).to.equal(profile.etag);
    expect(Date.parse(profile.fetched_at)).to.be.greaterThan(0);
    const vat = byKind['hmrc.vat_lookup'].payload;
    expect(vat.processing_date).to.be.a('string');
    expect(vat.consultation_number).to.match(/^\S{9}$/);
    expect(byKind.extraction.payload.engines.ocr).to.match(/^tesseract\.js@\d/);
    expect(byKind.decision.payload.policy_version).to.equal('kyb-policy-1');
    for (const record of res.body) expect(record.sha256).to.equal(payloadDigest(record.payload));
    const view = await t.request.get(`/api/v1/documents/${docs.vat}`).set(t.auth);
    expect(byKind.decision.payload.verification).to.deep.equal(view.body.verification);
  });

  it('when a document is replayed with the current or the named original policy, then it reproduces the original verdict exactly without a registry request', async () => {
    const before = registryRequests();
    for (const id of Object.values(docs)) {
      for (const body of [{}, { policy_version: 'kyb-policy-1' }]) {
        const res = await replay(id, body);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.reproduces_original, JSON.stringify(res.body.changed_checks)).to.equal(true);
        expect(res.body.decision_changed).to.equal(false);
        expect(res.body.changed_checks).to.deep.equal([]);
        expect(res.body.why).to.deep.equal({ added: [], removed: [] });
      }
    }
    expect(registryRequests()).to.equal(before);
  });

  it('when a rejected document is replayed under a policy that no longer rejects on its failure, then it shows the new decision and why', async () => {
    const original = await replay(docs.stale);
    expect(original.body.original.decision).to.equal('rejected');
    const rejectOn = original.body.original.reasons.map((r: { check_id: string }) => r.check_id);
    expect(rejectOn).to.deep.equal(['document.freshness']);
    const res = await replay(docs.stale, { policy_overrides: { reject_on_fail: ['companies_house.exists'] } });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ reproduces_original: false, decision_changed: true });
    expect(res.body.replayed.decision).to.equal('review');
    expect(res.body.replayed.policy_version).to.match(/^kyb-policy-1\+[0-9a-f]{8}$/);
    expect(res.body.changed_checks).to.deep.equal([]);
    expect(res.body.why.removed.map((r: { code: string; check_id: string }) => [r.code, r.check_id])).to.deep.equal([
      ['rejecting_failure', 'document.freshness'],
    ]);
    expect(res.body.why.added.map((r: { code: string; check_id: string }) => [r.code, r.check_id])).to.deep.include([
      'blocking_failure',
      'document.freshness',
    ]);
  });

  it('when a policy version is unknown or an override is malformed, then the replay is refused with 422', async () => {
    const unknown = await replay(docs.certificate, { policy_version: 'kyb-policy-99' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.code).to.equal('unknown_policy_version');
    const bad = await replay(docs.certificate, { policy_overrides: { verified_min_score: 101 } });
    expect(bad.status).to.equal(422);
  });

  it('when a case is replayed with the registries stopped, then it reproduces its decision, and a more lenient policy shows the case decision change', async () => {
    await Promise.all([ch.close(), hmrc.close()]);
    const view = (await t.request.get(`/api/v1/cases/${caseId}`).set(t.auth)).body;
    expect(view.decision.decision).to.equal('rejected');
    const same = await t.request.post(`/api/v1/cases/${caseId}/replay`).set(t.auth).send({});
    expect(same.status).to.equal(200);
    expect(same.body.decision_changed).to.equal(false);
    expect(same.body.documents.map((d: { reproduces_original: boolean }) => d.reproduces_original)).to.deep.equal([true, true, true]);

    const lenient = await t.request
      .post(`/api/v1/cases/${caseId}/replay`)
      .set(t.auth)
      .send({ policy_overrides: { reject_on_fail: [], tolerated_warnings: ['forensics.image_quality'] } });
    expect(lenient.body.original.decision).to.equal('rejected');
    expect(lenient.body.replayed.decision).to.equal('review');
    expect(lenient.body.decision_changed).to.equal(true);
    const changed = lenient.body.documents.filter((d: { decision_changed: boolean }) => d.decision_changed);
    expect(changed.map((d: { document_id: string }) => d.document_id)).to.deep.equal([docs.stale]);
  });

  it('when anyone tries to change or delete evidence, then the database refuses; the retention purge removes it and records that it did', async () => {
    const sequelize = t.runtime.db.sequelize;
    const where = { replacements: { id: docs.certificate } };
    for (const sql of [
      "UPDATE evidence_records SET payload = '{}' WHERE document_id = :id",
      'DELETE FROM evidence_records WHERE document_id = :id',
    ]) {
      let refused: unknown;
      await sequelize.query(sql, where).catch((error: unknown) => (refused = error));
      expect(String(refused)).to.contain('append-only');
    }
    const counted = () =>
      sequelize.query<{ n: string }>('SELECT count(*) AS n FROM evidence_records WHERE document_id = :id', {
        ...where,
        type: QueryTypes.SELECT,
      });
    const kept = Number((await counted())[0]!.n);
    expect(kept).to.be.greaterThan(0);

    const document = (await t.runtime.repos.documents.findDocument(t.tenantId, docs.certificate))!;
    await t.runtime.repos.documents.deleteDocument(document, 'retention', 'document.purged', async () => undefined);
    expect(Number((await counted())[0]!.n)).to.equal(0);
    const audit = await t.runtime.repos.documents.auditTrail(docs.certificate);
    expect(audit.map((a) => [a.action, a.actor, a.details.evidence_records])).to.deep.equal([['document.purged', 'retention', kept]]);
  });
});
