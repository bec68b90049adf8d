import { expect } from 'chai';
import { FIXTURE_TYPES, generateDocument, layoutNames, randomCompany, Rng, type Company, type FixtureType } from '../../fixtures';
import type { Check } from '../../worker/domain';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { fakeRegistryEnv, seed, type SeedCompany } from '../fakes/registry-data';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';

/** Sound businesses: eight per type, so every type's layouts are taken in turn. */
const SOUND = 32;
/** A day long enough ago that a statement dated up to it is stale on any run date. */
const LONG_AGO = '2024-03-15';

function register(ch: FakeCompaniesHouse, hmrc: FakeHmrc, s: SeedCompany): void {
  ch.companies.set(s.profile.company_number!, structuredClone(s.profile));
  if (s.vat) hmrc.registrations.set(s.company.vat_number, structuredClone(s.vat));
}

function failing(view: Record<string, any>): string {
  return `${view.filename}: ${JSON.stringify((view.verification?.checks as Check[] | undefined)?.filter((c) => c.status !== 'pass').map((c) => [c.id, c.status, c.reason_code]))}`;
}

/**
 * Issue 14's end-to-end measure: generated businesses, each with its registry records, send a
 * certificate, a current bank statement or a current bill in one of the corpus's layouts. Sound ones must end verified; planted bad ones
 * (dissolved, renamed, VAT number unknown to HMRC, stale statement) never.
 */
describe('reading: generated businesses end verified against the fake registries', function () {
  this.timeout(600_000);
  let t: TestApp;
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  const sound: Array<Record<string, any>> = [];
  const bad: Array<Record<string, any>> = [];

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
    t = await startTestApp({ env: fakeRegistryEnv(ch, hmrc) });
    const rng = new Rng(1414);
    const upload = async (company: Company, type: FixtureType, layout: string, n: number, today?: string) => {
      const doc = await generateDocument({ type, layout, rendering: 'text_pdf', seed: 14_000 + n, company, today });
      return uploadAndWait(t, doc.bytes, doc.filename, { company_number: company.number });
    };
    for (let n = 0; n < SOUND; n++) {
      const company = randomCompany(rng);
      register(ch, hmrc, seed(company, {}));
      const type = FIXTURE_TYPES[n % FIXTURE_TYPES.length]!;
      const layouts = layoutNames(type);
      sound.push(await upload(company, type, layouts[Math.floor(n / FIXTURE_TYPES.length) % layouts.length]!, n));
    }
    const dissolved = randomCompany(rng);
    register(ch, hmrc, seed(dissolved, { company_status: 'dissolved', date_of_cessation: '2022-01-31' }));
    bad.push(await upload(dissolved, 'certificate_of_incorporation', 'particularsTable', 100));
    const renamed = randomCompany(rng);
    const former = renamed.name.toUpperCase();
    register(
      ch,
      hmrc,
      seed(
        renamed,
        { previous_company_names: [{ name: former, effective_from: '2015-01-01', ceased_on: '2024-01-01' }] },
        { registeredName: 'ENTIRELY NEW NAME LIMITED' },
      ),
    );
    bad.push(await upload(renamed, 'certificate_of_incorporation', 'sidebar', 101));
    const unknownVat = randomCompany(rng);
    register(ch, hmrc, seed(unknownVat, {}, { vatRegistered: false }));
    bad.push(await upload(unknownVat, 'vat_registration_certificate', 'vatGrid', 102));
    const stale = randomCompany(rng);
    register(ch, hmrc, seed(stale, {}));
    bad.push(await upload(stale, 'bank_statement', 'summaryTable', 103, LONG_AGO));
  });
  after(async () => {
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close()]);
  });

  it('when sound businesses send certificates, statements or bills in any layout, then at least 97% end verified', () => {
    const missed = sound.filter((v) => v.verification?.decision !== 'verified');
    expect((sound.length - missed.length) / sound.length, missed.map(failing).join('\n')).to.be.at.least(0.97);
  });

  it('when planted bad businesses send documents, then none ends verified', () => {
    for (const view of bad) expect(view.verification?.decision, failing(view)).to.not.equal('verified');
  });
});
