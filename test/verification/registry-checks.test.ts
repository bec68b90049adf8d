import { expect } from 'chai';
import { registriesStage } from '../../worker/pipeline/registries';
import { CompaniesHouseClient } from '../../worker/registries/companies-house';
import { HmrcVatClient } from '../../worker/registries/hmrc-vat';
import type { HttpPolicy } from '../../worker/registries/http';
import type { Registries } from '../../worker/registries';
import { defaultNameThresholds } from '../../worker/verification/names';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import {
  ACTIVE,
  BAD_CHECKSUM_VAT_NUMBER,
  DISSOLVED,
  FAKE_CH_API_KEY,
  FAKE_HMRC_CLIENT,
  HMRC_SANDBOX_VAT,
  LIQUIDATION,
  RENAMED,
  REQUESTER_VRN,
  STRIKE_OFF,
  STUB,
  UNKNOWN_VAT_NUMBER,
  type SeedCompany,
} from '../fakes/registry-data';
import { checkOf, runStage, type ContextInput } from './context';

const fast: HttpPolicy = { timeoutMs: 200, retries: 1, initialDelayMs: 5, maxDelayMs: 10 };

/** What the extract stage reads from a document about this company. */
function printed(s: SeedCompany): Record<string, string> {
  return {
    company_name: s.company.name,
    company_number: s.company.number,
    incorporation_date: s.company.incorporation_date,
    vat_number: s.company.vat_number,
    address: s.company.address_lines.join(', '),
    postcode: s.company.postcode,
  };
}

describe('registry checks against the fake registries', () => {
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;

  before(async () => {
    [ch, hmrc] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc()]);
  });
  after(() => Promise.all([ch.close(), hmrc.close()]));
  afterEach(() => {
    ch.clearScript();
    hmrc.clearScript();
  });

  function registries(options: { ch?: boolean; hmrc?: boolean; requester?: string; sandbox?: boolean } = {}): Registries {
    return {
      companiesHouse:
        options.ch === false
          ? undefined
          : new CompaniesHouseClient({ baseUrl: ch.url, apiKey: FAKE_CH_API_KEY, http: fast, cacheSeconds: 60 }),
      hmrc:
        options.hmrc === false
          ? undefined
          : new HmrcVatClient({
              baseUrl: hmrc.url,
              clientId: FAKE_HMRC_CLIENT.id,
              clientSecret: FAKE_HMRC_CLIENT.secret,
              requesterVrn: options.requester,
              http: fast,
              rateLimit: { limit: 100, windowMs: 1_000, maxWaitMs: 1_000 },
            }),
      hmrcSandbox: options.sandbox ?? false,
    };
  }

  const run = (input: ContextInput, options: Parameters<typeof registries>[0] = {}) =>
    runStage(registriesStage({ registries: registries(options), names: defaultNameThresholds }), input);

  describe('when the document is of an active company whose registry data match', () => {
    it('then every Companies House and HMRC check passes, with the registry answers as evidence', async () => {
      const state = await run({ fields: printed(ACTIVE), claims: { company_number: '9446231' } }, { requester: REQUESTER_VRN });
      for (const c of state.checks) expect(c.status, `${c.id}: ${c.message}`).to.equal('pass');
      expect(checkOf(state, 'companies_house.name_match').evidence.similarity).to.equal(1);
      const registered = checkOf(state, 'hmrc_vat.registered').evidence;
      expect(registered.processing_date).to.be.a('string');
      expect(registered.consultation_number).to.be.a('string');
    });
  });

  describe('companies_house.exists', () => {
    it('when Companies House has no such number, then it fails and the profile checks do not apply', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), company_number: '99999999' } });
      expect(checkOf(state, 'companies_house.exists')).to.include({ status: 'fail', reason_code: 'company_not_found' });
      expect(checkOf(state, 'companies_house.status_active').status).to.equal('not_applicable');
    });

    it('when Companies House is down, then every profile check is error, never pass', async () => {
      ch.outage({ kind: 'status', status: 503 });
      const state = await run({ fields: printed(ACTIVE) });
      for (const id of ['exists', 'status_active', 'name_match', 'incorporation_date_match', 'address_match']) {
        expect(checkOf(state, `companies_house.${id}`)).to.include({ status: 'error', reason_code: 'registry_unavailable' });
      }
    });

    it('when Companies House keeps answering 429, then the checks are error with registry_rate_limited', async () => {
      ch.outage({
        kind: 'status',
        status: 429,
        headers: { 'X-Ratelimit-Remain': '0', 'X-Ratelimit-Reset': String(Math.floor(Date.now() / 1000)) },
      });
      const state = await run({ fields: printed(ACTIVE) });
      expect(checkOf(state, 'companies_house.exists')).to.include({ status: 'error', reason_code: 'registry_rate_limited' });
    });

    it('when no API key is configured, then the checks are not_applicable with not_configured', async () => {
      const state = await run({ fields: printed(ACTIVE) }, { ch: false });
      expect(checkOf(state, 'companies_house.exists')).to.include({ status: 'not_applicable', reason_code: 'not_configured' });
    });

    it('when neither document nor claims give a company number, then the checks do not apply', async () => {
      const state = await run({ fields: { company_name: ACTIVE.company.name } });
      expect(checkOf(state, 'companies_house.exists')).to.include({ status: 'not_applicable', reason_code: 'no_company_number' });
    });

    it('when only the claim gives the number, then the registry is asked for the claimed company', async () => {
      const state = await run({ fields: { company_name: ACTIVE.company.name }, claims: { company_number: ACTIVE.company.number } });
      expect(checkOf(state, 'companies_house.exists').evidence).to.include({ source: 'claim' });
      expect(checkOf(state, 'companies_house.name_match').status).to.equal('pass');
    });
  });

  describe('companies_house.status_active', () => {
    it('when the company is dissolved, then it fails with the status as evidence', async () => {
      const state = await run({ fields: printed(DISSOLVED) });
      expect(checkOf(state, 'companies_house.status_active')).to.include({ status: 'fail', reason_code: 'company_dissolved' });
      expect(checkOf(state, 'companies_house.status_active').evidence.date_of_cessation).to.equal('2021-03-02');
    });

    it('when the company is in liquidation, then it fails', async () => {
      const state = await run({ fields: printed(LIQUIDATION) });
      expect(checkOf(state, 'companies_house.status_active')).to.include({ status: 'fail', reason_code: 'company_liquidation' });
    });

    it('when a strike-off is proposed, then it only warns', async () => {
      const state = await run({ fields: printed(STRIKE_OFF) });
      expect(checkOf(state, 'companies_house.status_active')).to.include({ status: 'warn', reason_code: 'strike_off_proposed' });
    });
  });

  describe('companies_house.name_match', () => {
    it('when the document spells the name with LIMITED for LTD, THE and &, then it still matches', async () => {
      ch.companies.set('12345670', { company_name: 'SMITH AND SONS (BUILDERS) LTD', company_status: 'active' });
      const state = await run({ fields: { company_number: '12345670', company_name: 'The Smith & Sons Builders Limited' } });
      expect(checkOf(state, 'companies_house.name_match').status).to.equal('pass');
    });

    it('when the document names another business, then it fails with the similarity as evidence', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), company_name: 'Granite Hill Bakery Ltd' } });
      const c = checkOf(state, 'companies_house.name_match');
      expect(c).to.include({ status: 'fail', reason_code: 'name_mismatch' });
      expect(c.evidence.similarity).to.be.below(0.8);
    });

    it('when the document shows a former name of a renamed company, then it warns as previous_name', async () => {
      const state = await run({ fields: printed(RENAMED) });
      expect(checkOf(state, 'companies_house.name_match')).to.include({ status: 'warn', reason_code: 'previous_name' });
    });

    it('when a company was renamed only slightly and the document shows its former name, then it warns as previous_name, not a match', async () => {
      ch.companies.set('12345670', {
        company_name: 'PENNINE VALLEY LOGISTIC LIMITED',
        company_status: 'active',
        previous_company_names: [{ name: 'PENNINE VALLEY LOGISTICS LTD', effective_from: '2015-01-01', ceased_on: '2024-01-01' }],
      });
      const former = await run({ fields: { company_number: '12345670', company_name: 'Pennine Valley Logistics Ltd' } });
      expect(checkOf(former, 'companies_house.name_match')).to.include({ status: 'warn', reason_code: 'previous_name' });
      const current = await run({ fields: { company_number: '12345670', company_name: 'Pennine Valley Logistic Limited' } });
      expect(checkOf(current, 'companies_house.name_match')).to.include({ status: 'pass', reason_code: 'name_matches' });
    });

    it('when the document shows no name, then it does not apply', async () => {
      const state = await run({ fields: { company_number: ACTIVE.company.number } });
      expect(checkOf(state, 'companies_house.name_match')).to.include({ status: 'not_applicable', reason_code: 'no_name_on_document' });
    });
  });

  describe('companies_house.number_match', () => {
    it('when the printed number is the claimed one written differently, then it passes', async () => {
      const state = await run({ fields: printed(ACTIVE), claims: { company_number: '9446231' } });
      expect(checkOf(state, 'companies_house.number_match').status).to.equal('pass');
    });

    it('when the printed number differs from the claim, then it fails', async () => {
      const state = await run({ fields: printed(ACTIVE), claims: { company_number: DISSOLVED.company.number } });
      expect(checkOf(state, 'companies_house.number_match')).to.include({ status: 'fail', reason_code: 'number_mismatch' });
    });
  });

  describe('companies_house.incorporation_date_match', () => {
    it('when the printed date differs from the register, then it fails', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), incorporation_date: '2016-02-20' } });
      expect(checkOf(state, 'companies_house.incorporation_date_match')).to.include({ status: 'fail', reason_code: 'date_mismatch' });
    });

    it('when a certificate of incorporation prints another date than the register, then it still fails', async () => {
      const state = await run({
        state: { document_type: 'certificate_of_incorporation' },
        fields: { ...printed(ACTIVE), incorporation_date: '2016-02-20' },
      });
      expect(checkOf(state, 'companies_house.incorporation_date_match')).to.include({ status: 'fail', reason_code: 'date_mismatch' });
    });

    it("when a date was read as the incorporation date off a bill, a statement or a VAT certificate, then it is not compared (it is another event's date)", async () => {
      for (const document_type of ['utility_bill', 'bank_statement', 'vat_registration_certificate'] as const) {
        const state = await run({ state: { document_type }, fields: { ...printed(ACTIVE), incorporation_date: '2026-11-24' } });
        expect(checkOf(state, 'companies_house.incorporation_date_match'), document_type).to.include({
          status: 'not_applicable',
          reason_code: 'not_a_certificate',
        });
      }
    });

    it('when the register holds no date (a stub profile), then it does not apply', async () => {
      const state = await run({ fields: printed(STUB) });
      expect(checkOf(state, 'companies_house.incorporation_date_match').reason_code).to.equal('registry_has_no_date');
    });
  });

  describe('companies_house.address_match', () => {
    it('when the registered office has no locality, then postcode and first line still match', async () => {
      const state = await run({ fields: printed(STUB) });
      expect(checkOf(state, 'companies_house.address_match').status).to.equal('pass');
    });

    it('when the postcode differs, then it fails', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), postcode: 'M1 1AE' } });
      expect(checkOf(state, 'companies_house.address_match')).to.include({ status: 'fail', reason_code: 'postcode_mismatch' });
    });

    it('when the postcode matches but the street differs, then it warns', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), address: '90 Kings Road, Leeds' } });
      expect(checkOf(state, 'companies_house.address_match')).to.include({ status: 'warn', reason_code: 'first_line_differs' });
    });
  });

  describe('hmrc_vat.format', () => {
    it('when the check digits fail, then it fails and HMRC is not asked', async () => {
      const before = hmrc.lookupRequests().length;
      const state = await run({ fields: { ...printed(ACTIVE), vat_number: BAD_CHECKSUM_VAT_NUMBER } });
      expect(checkOf(state, 'hmrc_vat.format')).to.include({ status: 'fail', reason_code: 'vat_checksum_invalid' });
      expect(checkOf(state, 'hmrc_vat.registered').status).to.equal('not_applicable');
      expect(hmrc.lookupRequests().length).to.equal(before);
    });

    it("when HMRC's sandbox is used, then a sandbox number's bad checksum only warns and the lookup runs", async () => {
      const state = await run(
        { fields: { company_name: HMRC_SANDBOX_VAT.name, vat_number: HMRC_SANDBOX_VAT.vatNumber } },
        { sandbox: true },
      );
      expect(checkOf(state, 'hmrc_vat.format')).to.include({ status: 'warn', reason_code: 'vat_checksum_invalid_sandbox' });
      expect(checkOf(state, 'hmrc_vat.registered').status).to.equal('pass');
    });

    it('when the number is not 9 digits, then it fails as malformed', async () => {
      const state = await run({ claims: { vat_number: 'GB12345' } });
      expect(checkOf(state, 'hmrc_vat.format')).to.include({ status: 'fail', reason_code: 'vat_format_invalid' });
    });
  });

  describe('hmrc_vat.registered', () => {
    it('when HMRC does not know the number, then it fails with the processing date as evidence', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), vat_number: UNKNOWN_VAT_NUMBER } });
      const c = checkOf(state, 'hmrc_vat.registered');
      expect(c).to.include({ status: 'fail', reason_code: 'vat_not_registered' });
    });

    it('when HMRC is down, then the lookup checks are error and the offline format check still passes', async () => {
      hmrc.outage({ kind: 'status', status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: 'Unknown error' } });
      const state = await run({ fields: printed(ACTIVE) });
      expect(checkOf(state, 'hmrc_vat.format').status).to.equal('pass');
      for (const id of ['registered', 'name_match', 'address_match']) expect(checkOf(state, `hmrc_vat.${id}`).status).to.equal('error');
    });

    it('when HMRC answers too slowly, then the lookup checks are error with registry_timeout', async () => {
      hmrc.outage({ kind: 'slow', ms: 1_000 });
      const state = await run({ fields: printed(ACTIVE) });
      expect(checkOf(state, 'hmrc_vat.registered')).to.include({ status: 'error', reason_code: 'registry_timeout' });
    });

    it('when no HMRC credentials are configured, then the lookup checks are not_applicable with not_configured', async () => {
      const state = await run({ fields: printed(ACTIVE) }, { hmrc: false });
      expect(checkOf(state, 'hmrc_vat.registered')).to.include({ status: 'not_applicable', reason_code: 'not_configured' });
    });
  });

  describe('hmrc_vat.name_match and hmrc_vat.address_match', () => {
    it('when the VAT number belongs to another company, then the name and address checks fail', async () => {
      const state = await run({ fields: { ...printed(ACTIVE), vat_number: DISSOLVED.company.vat_number } });
      expect(checkOf(state, 'hmrc_vat.name_match')).to.include({ status: 'fail', reason_code: 'name_mismatch' });
      expect(checkOf(state, 'hmrc_vat.address_match').status).to.equal('fail');
    });

    it('when the document shows no name, then the VAT name is compared with the Companies House name', async () => {
      const state = await run({ fields: { company_number: ACTIVE.company.number, vat_number: ACTIVE.company.vat_number } });
      const c = checkOf(state, 'hmrc_vat.name_match');
      expect(c.status).to.equal('pass');
      expect((c.evidence.compared as { side: string }[]).map((x) => x.side)).to.deep.equal(['companies_house']);
    });
  });
});
