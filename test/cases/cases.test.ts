import { expect } from 'chai';
import type { Check } from '../../worker/domain';
import type { MatrixRow } from '../../worker/cases/matrix';
import { startTestApp, type TestApp } from '../helpers/app';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, STRIKE_OFF, DISSOLVED, fakeRegistryEnv } from '../fakes/registry-data';
import { authOf, certificate, openCase, statement, uploadInto, vatCertificate, waitFor } from './support';

const activeClaims = {
  company_number: ACTIVE.company.number,
  company_name: ACTIVE.company.name,
  vat_number: ACTIVE.company.vat_number,
};

const rowOf = (view: Record<string, any>, attribute: string): MatrixRow => {
  const row = (view.matrix as MatrixRow[]).find((r) => r.attribute === attribute);
  if (!row) throw new Error(`no ${attribute} row in ${JSON.stringify(view.matrix)}`);
  return row;
};
const failing = (view: Record<string, any>) => (view.checks as Check[]).filter((c) => c.status === 'fail');

describe('onboarding cases against the fake registries', function () {
  this.timeout(60_000);
  let t: TestApp;
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let auth: Record<string, string>;
  let cleanCase: string;
  let cleanDocs: Record<'certificate' | 'vat' | 'statement', string>;
  let statementBytes: Buffer;

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
    t = await startTestApp({
      env: {
        ...fakeRegistryEnv(ch, hmrc),
        REGISTRY_TIMEOUT_MS: '500',
        REGISTRY_RETRIES: '0',
      },
    });
    auth = t.auth;
    cleanCase = await openCase(t, auth, { ...activeClaims, reference: 'applicant-1' });
    statementBytes = await statement();
    const [certificateId, vatId, statementId] = await Promise.all([
      uploadInto(t, auth, cleanCase, await certificate(), 'certificate.pdf'),
      uploadInto(t, auth, cleanCase, await vatCertificate(), 'vat.pdf'),
      uploadInto(t, auth, cleanCase, statementBytes, 'statement.pdf'),
    ]);
    cleanDocs = { certificate: certificateId, vat: vatId, statement: statementId };
  });
  after(async () => {
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close()]);
  });

  it('when every document of a case agrees with the claims and both registries, then the matrix agrees throughout and the case is verified', async () => {
    const res = await t.request.get(`/api/v1/cases/${cleanCase}`).set(auth);
    expect(res.status).to.equal(200);
    const view = res.body;
    expect(
      view.documents.map((d: { decision: string }) => d.decision),
      JSON.stringify(view.decision),
    ).to.deep.equal(['verified', 'verified', 'verified']);
    for (const attribute of ['legal_name', 'company_number', 'registered_address', 'vat_number']) {
      expect(rowOf(view, attribute).consistent, attribute).to.equal(true);
    }
    const names = rowOf(view, 'legal_name');
    expect(names.reference_source).to.equal('companies_house');
    expect(names.cells.map((c) => c.source)).to.include.members(['companies_house', 'hmrc', 'claims', 'document']);
    const onCertificate = names.cells.find((c) => c.document_id === cleanDocs.certificate)!;
    expect(onCertificate).to.include({ status: 'agree', normalised: 'KESTREL VALLEY LOGISTICS LTD', similarity: 1 });
    expect(rowOf(view, 'company_number').cells.find((c) => c.document_id === cleanDocs.statement)?.status).to.equal('missing');
    expect(failing(view)).to.deep.equal([]);
    expect(view.decision.decision).to.equal('verified');
    expect(view.registries.companies_house.etag).to.match(/^[0-9a-f]{40}$/);
    expect(view.registries.hmrc.processing_date).to.be.a('string');
  });

  it('when a VAT certificate names another business and a statement is addressed elsewhere, then the disagreements become case checks with reason codes and the case goes to review', async () => {
    const caseId = await openCase(t, auth, { ...activeClaims, trading_address: '1 Canal Wharf, Leeds LS11 5PS' });
    const otherName = await vatCertificate({ ...ACTIVE.company, name: 'Kestrel Valley Haulage Ltd' }, 41);
    const vatId = await uploadInto(t, auth, caseId, otherName, 'vat-other-name.pdf');
    const trading = await uploadInto(
      t,
      auth,
      caseId,
      await statement({ address: { lines: ['1 Canal Wharf', 'Leeds'], postcode: 'LS11 5PS' }, account: '22223333' }),
      'trading.pdf',
    );
    const elsewhere = await uploadInto(
      t,
      auth,
      caseId,
      await statement({ address: { lines: ['99 Spurn Road', 'Hull'], postcode: 'HU1 1AA' }, account: '22223333', daysAgo: 12 }),
      'elsewhere.pdf',
    );
    const view = (await t.request.get(`/api/v1/cases/${caseId}`).set(auth)).body;

    const nameCell = rowOf(view, 'legal_name').cells.find((c) => c.document_id === vatId)!;
    expect(nameCell.status).to.equal('disagree');
    expect(nameCell.similarity).to.be.within(0.5, 0.99);
    const nameCheck = failing(view).find((c) => c.id === 'case.consistency.legal_name')!;
    expect(nameCheck).to.include({ reason_code: 'legal_name_differs_from_companies_house' });
    expect(nameCheck.evidence).to.include({ document_id: vatId, reference_source: 'companies_house' });

    const addressFailures = failing(view).filter((c) => c.id === 'case.consistency.address');
    expect(addressFailures.map((c) => [c.reason_code, c.evidence.document_id])).to.deep.equal([
      ['address_neither_registered_nor_trading', elsewhere],
    ]);
    expect(rowOf(view, 'trading_address').cells.find((c) => c.document_id === trading)?.status).to.equal('agree');
    expect(rowOf(view, 'registered_address').cells.find((c) => c.document_id === trading)?.status).to.equal('disagree');
    expect(view.decision.decision).to.be.oneOf(['review', 'rejected']);
    expect(view.decision.reasons.map((r: { code: string }) => r.code)).to.include.members([
      'legal_name_differs_from_companies_house',
      'address_neither_registered_nor_trading',
    ]);
  });

  it('when another tenant asks for a case or uploads into it, then it gets 404 exactly as for a missing case', async () => {
    const other = authOf(await t.newTenantKey());
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [theirs, absent] of [
      [t.request.get(`/api/v1/cases/${cleanCase}`).set(other), t.request.get(`/api/v1/cases/${missing}`).set(other)],
      [
        t.request.post(`/api/v1/cases/${cleanCase}/replay`).set(other).send({}),
        t.request.post(`/api/v1/cases/${missing}/replay`).set(other).send({}),
      ],
      [
        t.request.post(`/api/v1/cases/${cleanCase}/documents`).set(other).send({ document_id: cleanDocs.certificate }),
        t.request.post(`/api/v1/cases/${missing}/documents`).set(other).send({ document_id: cleanDocs.certificate }),
      ],
      [
        t.request.post('/api/v1/documents/upload').set(other).field('case_id', cleanCase).attach('file', statementBytes, 's.pdf'),
        t.request.post('/api/v1/documents/upload').set(other).field('case_id', missing).attach('file', statementBytes, 's.pdf'),
      ],
      [
        t.request.post(`/api/v1/documents/${cleanDocs.certificate}/replay`).set(other).send({}),
        t.request.post(`/api/v1/documents/${missing}/replay`).set(other).send({}),
      ],
      [
        t.request.get(`/api/v1/documents/${cleanDocs.certificate}/evidence`).set(other),
        t.request.get(`/api/v1/documents/${missing}/evidence`).set(other),
      ],
    ]) {
      const [a, b] = await Promise.all([theirs, absent]);
      expect(a!.status).to.equal(404);
      expect(a!.body).to.deep.include({ code: b!.body.code, message: b!.body.message });
    }
    expect((await t.request.get(`/api/v1/cases/${cleanCase}`).set(auth)).body.documents).to.have.length(3);
  });

  it("when the same file and the same bank account turn up under another company's case, then both cases are flagged, and another tenant's copy flags nothing", async () => {
    const otherTenant = authOf(await t.newTenantKey());
    const theirCase = await openCase(t, otherTenant, { company_number: DISSOLVED.company.number, company_name: DISSOLVED.company.name });
    await uploadInto(t, otherTenant, theirCase, statementBytes, 'copied.pdf');
    const afterOtherTenant = (await t.request.get(`/api/v1/cases/${cleanCase}`).set(auth)).body;
    expect((afterOtherTenant.checks as Check[]).filter((c) => c.id.startsWith('case.duplicate')).map((c) => c.status)).to.deep.equal([
      'pass',
      'pass',
    ]);
    const theirs = (await t.request.get(`/api/v1/cases/${theirCase}`).set(otherTenant)).body;
    expect(failing(theirs).filter((c) => c.id.startsWith('case.duplicate'))).to.deep.equal([]);

    const secondCompany = await openCase(t, auth, { company_number: STRIKE_OFF.company.number, company_name: STRIKE_OFF.company.name });
    const copy = await uploadInto(t, auth, secondCompany, statementBytes, 'reused.pdf');
    const mine = (await t.request.get(`/api/v1/cases/${cleanCase}`).set(auth)).body;
    const second = (await t.request.get(`/api/v1/cases/${secondCompany}`).set(auth)).body;
    for (const [view, otherCase] of [
      [mine, secondCompany],
      [second, cleanCase],
    ] as const) {
      const file = failing(view).find((c) => c.id === 'case.duplicate_document')!;
      const account = failing(view).find((c) => c.id === 'case.duplicate_bank_account')!;
      expect(file.reason_code).to.equal('same_file_in_other_company_case');
      expect(account.reason_code).to.equal('bank_account_in_other_company_case');
      const cases = (file.evidence.matches as { other_case_id: string }[]).map((m) => m.other_case_id);
      expect(cases).to.deep.equal([otherCase]);
      expect(JSON.stringify(view)).to.not.contain(theirCase);
    }
    expect((second.documents as { document_id: string }[]).map((d) => d.document_id)).to.deep.equal([copy]);
    expect(mine.decision.decision).to.equal('review');
  });

  it('when a document is attached to a case later, then it is verified again against the case and joins its matrix', async () => {
    const caseId = await openCase(t, auth, { ...activeClaims, required_document_types: ['certificate_of_incorporation'] });
    const up = await t.request
      .post('/api/v1/documents/upload')
      .set(auth)
      .attach('file', await certificate(ACTIVE.company, 51), 'later.pdf');
    const attached = await t.request.post(`/api/v1/cases/${caseId}/documents`).set(auth).send({ document_id: up.body.document_id });
    expect(attached.status).to.equal(202);
    await waitFor(t, auth, attached.body.task_id);
    const view = (await t.request.get(`/api/v1/cases/${caseId}`).set(auth)).body;
    expect(view.documents.map((d: { document_id: string }) => d.document_id)).to.deep.equal([up.body.document_id]);
    expect(rowOf(view, 'company_number').consistent).to.equal(true);
    expect(view.decision.decision).to.equal('verified');
    const again = await t.request.post(`/api/v1/cases/${cleanCase}/documents`).set(auth).send({ document_id: up.body.document_id });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('document_in_other_case');
  });

  it('when a case is opened without a company number or with a malformed VAT number, then it is refused with 422', async () => {
    const noNumber = await t.request.post('/api/v1/cases').set(auth).send({ company_name: 'X Ltd' });
    expect(noNumber.status).to.equal(422);
    const badVat = await t.request
      .post('/api/v1/cases')
      .set(auth)
      .send({ ...activeClaims, vat_number: 'not-a-number' });
    expect(badVat.status).to.equal(422);
    expect(badVat.body.code).to.equal('invalid_claims');
  });
});
