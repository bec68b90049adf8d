import { expect } from 'chai';
import { generateDocument } from '../../fixtures';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { ACTIVE, DISSOLVED, FAKE_CH_API_KEY } from '../fakes/registry-data';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';

/** An app with Companies House faked and one auto-monitoring switch on, for the describe block it is called in. */
function withFakeCompaniesHouse(flag: string, onStarted: (t: TestApp) => void): void {
  let ch: FakeCompaniesHouse;
  let t: TestApp | undefined;
  before(async () => {
    ch = await startFakeCompaniesHouse();
    t = await startTestApp({ env: { COMPANIES_HOUSE_API_URL: ch.url, COMPANIES_HOUSE_API_KEY: FAKE_CH_API_KEY, [flag]: 'true' } });
    onStarted(t);
  });
  after(async () => {
    await t?.close();
    await ch?.close();
  });
}

describe('monitoring: automatically after a verified document (MONITOR_AUTO_ON_VERIFIED)', function () {
  this.timeout(60_000);
  let t: TestApp;
  withFakeCompaniesHouse('MONITOR_AUTO_ON_VERIFIED', (started) => (t = started));

  it('when a certificate ends verified, then its company is monitored; when one is rejected, then its company is not', async () => {
    const good = await generateDocument({
      type: 'certificate_of_incorporation',
      rendering: 'text_pdf',
      seed: 201,
      company: ACTIVE.company,
    });
    const verified = await uploadAndWait(t, good.bytes, good.filename, { company_number: ACTIVE.company.number });
    expect(verified.verification?.decision).to.equal('verified');
    const bad = await generateDocument({
      type: 'certificate_of_incorporation',
      rendering: 'text_pdf',
      seed: 202,
      company: DISSOLVED.company,
    });
    const rejected = await uploadAndWait(t, bad.bytes, bad.filename);
    expect(rejected.verification?.decision).to.equal('rejected');

    const monitors = await t.runtime.db.models.Monitor.findAll({ where: { tenant_id: t.tenantId } });
    expect(monitors.map((m) => [m.company_number, m.status, m.source, m.source_id])).to.deep.equal([
      [ACTIVE.company.number, 'active', 'verified_document', verified.document_id],
    ]);
    const shown = await t.request.get(`/api/v1/monitors/${monitors[0]!.id}`).set(t.auth);
    expect(shown.body).to.include({ source: 'verified_document', status: 'active' });
  });
});

describe('monitoring: automatically when a case is approved (MONITOR_AUTO_ON_CASE_APPROVED)', function () {
  this.timeout(60_000);
  let t: TestApp;
  withFakeCompaniesHouse('MONITOR_AUTO_ON_CASE_APPROVED', (started) => (t = started));

  const caseFor = async (company: typeof ACTIVE.company) => {
    const res = await t.request
      .post('/api/v1/cases')
      .set(t.auth)
      .send({
        company_number: company.number,
        company_name: company.name,
        required_document_types: ['certificate_of_incorporation'],
      });
    expect(res.status).to.equal(201);
    return res.body.case_id as string;
  };

  it("when a case's documents make it verified, then its company is monitored from the case; a rejected case's is not", async () => {
    const approved = await caseFor(ACTIVE.company);
    const good = await generateDocument({
      type: 'certificate_of_incorporation',
      rendering: 'text_pdf',
      seed: 211,
      company: ACTIVE.company,
    });
    await uploadAndWait(t, good.bytes, good.filename, { case_id: approved });
    const view = await t.request.get(`/api/v1/cases/${approved}`).set(t.auth);
    expect(view.body.decision.decision).to.equal('verified');

    const refused = await caseFor(DISSOLVED.company);
    const bad = await generateDocument({
      type: 'certificate_of_incorporation',
      rendering: 'text_pdf',
      seed: 212,
      company: DISSOLVED.company,
    });
    await uploadAndWait(t, bad.bytes, bad.filename, { case_id: refused });

    const monitors = await t.runtime.db.models.Monitor.findAll({ where: { tenant_id: t.tenantId } });
    expect(monitors.map((m) => [m.company_number, m.source, m.source_id])).to.deep.equal([[ACTIVE.company.number, 'case', approved]]);
  });
});
