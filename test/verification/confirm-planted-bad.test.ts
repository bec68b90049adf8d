import { expect } from 'chai';
import type { DocumentType } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { registriesStage } from '../../worker/pipeline/registries';
import type { PipelineState } from '../../worker/pipeline/types';
import type { Registries } from '../../worker/registries';
import { defaultNameThresholds } from '../../worker/verification/names';
import { defaultPolicy } from '../../worker/verification/policy';
import { ACTIVE, seed, type SeedCompany } from '../fakes/registry-data';
import { checkOf, contextFor, field } from './context';

const NOW = new Date('2025-06-30T12:00:00Z');

/** Registries that answer for one company as Companies House and HMRC would. */
function registriesFor(s: SeedCompany): Registries {
  return {
    hmrcSandbox: false,
    companiesHouse: {
      profile: async (number) =>
        number === s.profile.company_number ? { found: true, profile: structuredClone(s.profile) } : { found: false },
    },
    hmrc: {
      lookup: async (vrn) =>
        s.vat && vrn === s.vat.vatNumber ? { found: true, registration: { target: structuredClone(s.vat) } } : { found: false },
    },
  };
}

/**
 * A document that prints every registered value of ACTIVE's company with OCR's slips in it, read by an
 * extraction that picked the bank's name and a neighbouring postcode: the name and address checks fail
 * on the reading, so only confirmation from the page text can pass them.
 */
const PAGE = [
  'Northway Bank plc',
  'KESTREL VA1LEY L0GISTICS LTD',
  'Company No. 0944623I',
  '14 Station Road',
  'Leeds LSI 4DY',
  'VAT Reg No GB 234 5678 47',
  'Statement period 01/05/2025 to 31/05/2025',
].join('\n');

async function decided(registry: SeedCompany, type: DocumentType, period = '2025-05-01/2025-05-31'): Promise<PipelineState> {
  const ctx = contextFor({
    state: { document_type: type, page_texts: [PAGE] },
    fields: {
      company_name: 'Northway Bank plc',
      company_number: '09446231',
      vat_number: '234567847',
      address: '14 Station Road, Leeds LS1 4DX',
      postcode: 'LS1 4DX',
      statement_period: field(period, { confidence: 0.97 }),
    },
    claims: { company_number: '09446231', company_name: ACTIVE.company.name, vat_number: '234567847' },
  });
  await registriesStage({ registries: registriesFor(registry), names: defaultNameThresholds }).run(ctx);
  await decideStage({ policy: defaultPolicy, freshnessDays: 90, names: defaultNameThresholds, now: () => NOW }).run(ctx);
  return ctx.state;
}

describe('registry-guided confirmation never verifies a planted bad business', () => {
  it('when a sound business prints every registered value though extraction misread its name and postcode, then it ends verified', async () => {
    const state = await decided(ACTIVE, 'bank_statement');
    expect(checkOf(state, 'companies_house.name_match')).to.include({ status: 'pass', reason_code: 'registered_value_on_document' });
    expect(checkOf(state, 'companies_house.address_match')).to.include({ status: 'pass', reason_code: 'registered_value_on_document' });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when the company is dissolved, then it is rejected though its document shows every registered value', async () => {
    const state = await decided(seed(ACTIVE.company, { company_status: 'dissolved', date_of_cessation: '2022-01-31' }), 'bank_statement');
    expect(checkOf(state, 'companies_house.status_active')).to.include({ status: 'fail', reason_code: 'company_dissolved' });
    expect(state.verification?.decision).to.equal('rejected');
  });

  it('when the company was renamed and its document shows the former name, then it does not end verified', async () => {
    const renamed = seed(
      ACTIVE.company,
      { previous_company_names: [{ name: 'KESTREL VALLEY LOGISTICS LTD', effective_from: '2015-01-01', ceased_on: '2024-01-01' }] },
      { registeredName: 'ENTIRELY NEW NAME LIMITED' },
    );
    const state = await decided(renamed, 'certificate_of_incorporation');
    expect(checkOf(state, 'companies_house.name_match').status).to.not.equal('pass');
    expect(state.verification?.decision).to.not.equal('verified');
  });

  it('when HMRC does not know the VAT number the document prints, then it is rejected', async () => {
    const state = await decided(seed(ACTIVE.company, {}, { vatRegistered: false }), 'vat_registration_certificate');
    expect(checkOf(state, 'hmrc_vat.registered')).to.include({ status: 'fail', reason_code: 'vat_not_registered' });
    expect(state.verification?.decision).to.equal('rejected');
  });

  it('when the statement is stale, then it is rejected though it shows every registered value', async () => {
    const state = await decided(ACTIVE, 'bank_statement', '2024-02-01/2024-02-29');
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'fail', reason_code: 'stale' });
    expect(state.verification?.decision).to.equal('rejected');
  });
});
