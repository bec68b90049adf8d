import { expect } from 'chai';
import type { Check, CheckStatus, ExtractedField } from '../../worker/domain';
import { extractByRules } from '../../worker/extraction/rules';
import { decideStage } from '../../worker/pipeline/decide';
import { registriesStage } from '../../worker/pipeline/registries';
import { decide, defaultPolicy } from '../../worker/verification/policy';
import { withReadConfidence } from '../../worker/verification/read-confidence';
import { ACTIVE, RENAMED } from '../fakes/registry-data';
import { contextFor, field, runStage } from '../verification/context';
import { registriesOf, type Case } from './outcomes';

const NOW = new Date('2026-06-30T12:00:00Z');
const c = (id: string, status: CheckStatus, reason_code: string = status, evidence: Record<string, unknown> = {}): Check => ({
  id,
  status,
  reason_code,
  message: '',
  evidence,
});

/** A certificate whose company exists and is active, but whose name the registry does not recognise. */
function nameDisagrees(): Check[] {
  return [
    c('companies_house.exists', 'pass'),
    c('companies_house.status_active', 'pass'),
    c('companies_house.name_match', 'fail', 'name_mismatch', { document_name: 'PENNINE VA1LEY L0GISTICS', registered_name: 'X' }),
    c('companies_house.number_match', 'pass'),
    c('hmrc_vat.registered', 'pass'),
    c('hmrc_vat.name_match', 'pass'),
    c('document.freshness', 'not_applicable'),
  ];
}

describe('reading: low-confidence reads that disagree with a registry', () => {
  it('when a failed name check compared a name read with low confidence, then the document goes to review, not rejected', () => {
    const checks = withReadConfidence(nameDisagrees(), { company_name: field('PENNINE VA1LEY L0GISTICS', { confidence: 0.42 }) });
    const v = decide(checks, defaultPolicy, NOW);
    expect(v.decision).to.equal('review');
    expect(checks.find((x) => x.id === 'companies_house.name_match')!.evidence.read_confidence).to.equal(0.42);
    expect(v.reasons.map((r) => r.code)).to.include('blocking_failure');
  });

  it('when the same name was read with high confidence, then the disagreement rejects the document', () => {
    const checks = withReadConfidence(nameDisagrees(), { company_name: field('PENNINE VA1LEY L0GISTICS', { confidence: 0.93 }) });
    expect(decide(checks, defaultPolicy, NOW).decision).to.equal('rejected');
  });

  it('when a policy recorded before the rule is replayed, then every listed failure still rejects', () => {
    const { uncertainReads: _ignored, ...recorded } = defaultPolicy;
    const checks = withReadConfidence(nameDisagrees(), { company_name: field('PENNINE', { confidence: 0.3 }) });
    expect(decide(checks, recorded, NOW).decision).to.equal('rejected');
  });

  it('when the company is dissolved or the statement stale, then a low-confidence reading does not soften the rejection', () => {
    const fields = { company_name: field('A', { confidence: 0.2 }), company_number: field('01234567', { confidence: 0.2 }) };
    for (const failing of [c('companies_house.status_active', 'fail', 'company_dissolved'), c('document.freshness', 'fail', 'stale')]) {
      const checks = withReadConfidence([...nameDisagrees().filter((x) => x.id !== failing.id), failing], fields);
      expect(decide(checks, defaultPolicy, NOW).decision, failing.id).to.equal('rejected');
    }
  });

  it('when the decide stage runs, then the confidence of the reading each failed comparison used is kept in its evidence', async () => {
    const state = await runStage(
      decideStage({ policy: defaultPolicy, freshnessDays: 90, names: { match: 0.92, close: 0.8 }, now: () => NOW }),
      {
        fields: { company_name: field('Acme Widgets Ltd', { confidence: 0.55 }) },
        claims: { company_name: 'Bramble Analytics Limited' },
        state: { document_type: 'certificate_of_incorporation', checks: nameDisagrees() },
      },
    );
    const claims = state.checks.find((x) => x.id === 'document.claims_match')!;
    expect(claims).to.include({ status: 'fail' });
    expect(claims.evidence.read_confidence).to.equal(0.55);
    expect(state.verification!.decision).to.equal('review');
  });
});

const NAMES = { match: 0.92, close: 0.8 };

/** A check's reading nowhere on the page: the failure cannot rest on what the document shows. */
describe('reading: failed comparisons of readings the page text does not show', () => {
  const page = ['Certificate of Incorporation', 'Company number 09446231', 'PENNINE VALLEY LOGISTICS LIMITED'].join('\n');

  it('when a confident name reading that the page text does not show disagrees with the register, then the document goes to review', () => {
    const checks = withReadConfidence(nameDisagrees(), { company_name: field('BRAMBLE ANALYTICS LIMITED', { confidence: 0.97 }) }, [page]);
    expect(checks.find((x) => x.id === 'companies_house.name_match')!.evidence).to.include({ read_printed: false });
    const v = decide(checks, defaultPolicy, NOW);
    expect(v.decision).to.equal('review');
    expect(v.reasons.map((r) => r.message).join(' ')).to.include('does not show');
  });

  it('when the same confident reading is printed on the page, then the disagreement still rejects', () => {
    const printed = `${page}\nBRAMBLE ANALYTICS LIMITED`;
    const checks = withReadConfidence(nameDisagrees(), { company_name: field('BRAMBLE ANALYTICS LIMITED', { confidence: 0.97 }) }, [
      printed,
    ]);
    expect(decide(checks, defaultPolicy, NOW).decision).to.equal('rejected');
  });

  /** The decision when an active company's document fails `failing`, which compared `name` read with `confidence`. */
  const decisionWhenRead = (failing: Check, name: string, value: string, confidence: number) =>
    decide(withReadConfidence([...nameDisagrees().slice(0, 2), failing], { [name]: field(value, { confidence }) }), defaultPolicy, NOW)
      .decision;

  it('when a statement is stale by a date read with low confidence, then it goes to review; read with confidence, it is rejected', () => {
    const stale = c('document.freshness', 'fail', 'stale', { date: '2024-03-15', from: 'statement_period', age_days: 800 });
    expect(decisionWhenRead(stale, 'statement_period', '2024-02-15/2024-03-15', 0.6)).to.equal('review');
    expect(decisionWhenRead(stale, 'statement_period', '2024-02-15/2024-03-15', 0.97)).to.equal('rejected');
  });

  it('when HMRC does not know a VAT number read with low confidence, then it goes to review; read with confidence, it is rejected', () => {
    const unknown = c('hmrc_vat.registered', 'fail', 'vat_not_registered', { vat_number: '123456782', source: 'document' });
    expect(decisionWhenRead(unknown, 'vat_number', '123456782', 0.5)).to.equal('review');
    expect(decisionWhenRead(unknown, 'vat_number', '123456782', 0.97)).to.equal('rejected');
  });
});

/**
 * A VAT certificate prints "Registration number GB 2345678 47": the VAT number, which a company-number
 * label of the same wording must not also read as company number 02345678.
 */
describe('reading: one printed value read as two identifiers', () => {
  const page = [
    'HM Revenue & Customs',
    'Value Added Tax - Certificate of Registration',
    'Registration number\tGB 2345678 47',
    'Registered person',
    'Kestrel Valley Logistics Ltd',
    '14 Station Road',
    'Leeds',
    'LS1 4DY',
  ].join('\n');
  const fields = extractByRules({ pages: [page], pageInfo: [], documentType: 'vat_registration_certificate' });
  const registries = registriesOf([{ company: ACTIVE.company, registry: ACTIVE } as Case]);

  async function decided(claims: Record<string, string>, pageFields: Record<string, ExtractedField>, text = page) {
    const ctx = contextFor({ fields: pageFields, claims, state: { document_type: 'vat_registration_certificate', page_texts: [text] } });
    await registriesStage({ registries, names: NAMES }).run(ctx);
    await decideStage({ policy: defaultPolicy, freshnessDays: 90, names: NAMES, now: () => NOW }).run(ctx);
    return ctx.state;
  }

  it('when the only number printed is the VAT number, then no company number is read, Companies House is asked for the claimed one and the business is verified', async () => {
    const claims = { company_number: ACTIVE.company.number, company_name: ACTIVE.company.name, vat_number: ACTIVE.company.vat_number };
    const state = await decided(claims, fields);
    expect(state.verification!.decision, JSON.stringify(state.verification!.reasons)).to.equal('verified');
    expect(state.checks.find((x) => x.id === 'companies_house.exists')!.evidence).to.include({
      source: 'claim',
      company_number: '09446231',
    });
    expect(state.fields.vat_number!.value).to.equal('234567847');
    expect(state.fields.company_number).to.equal(undefined);
  });

  it('when extraction took a reference for the company number but the page prints the claimed one, then that one is asked and the business is verified', async () => {
    const claims = { company_number: ACTIVE.company.number, company_name: ACTIVE.company.name, vat_number: ACTIVE.company.vat_number };
    const reference = { ...fields, company_number: field('07654321', { confidence: 0.98 }) };
    const state = await decided(claims, reference, `${page}\nOur reference 07654321\nCompany No. 0944623I`);
    expect(state.verification!.decision, JSON.stringify(state.verification!.reasons)).to.equal('verified');
    const exists = state.checks.find((x) => x.id === 'companies_house.exists')!;
    expect(exists.evidence).to.include({ company_number: '09446231', source: 'document' });
    expect(exists.evidence.claimed_value_on_document).to.deep.include({ extracted: '07654321' });
    expect((exists.evidence.claimed_value_on_document as { sighting: object }).sighting).to.include({ line: 10 });
    expect(state.fields.company_number!.value, 'the reading stays visible').to.equal('07654321');
  });

  it('when the page prints a claimed number registered to another name, then asking for it still rejects the document', async () => {
    const other = registriesOf([
      { company: ACTIVE.company, registry: ACTIVE } as Case,
      { company: RENAMED.company, registry: RENAMED } as Case,
    ]);
    const ctx = contextFor({
      fields: { ...fields, company_number: field('07654321', { confidence: 0.98 }) },
      claims: { company_number: RENAMED.company.number },
      state: {
        document_type: 'vat_registration_certificate',
        page_texts: [`${page}\nOur reference 07654321\nCompany No. ${RENAMED.company.number}`],
      },
    });
    await registriesStage({ registries: other, names: NAMES }).run(ctx);
    await decideStage({ policy: defaultPolicy, freshnessDays: 90, names: NAMES, now: () => NOW }).run(ctx);
    expect(ctx.state.checks.find((x) => x.id === 'companies_house.exists')!.evidence).to.have.property('claimed_value_on_document');
    expect(ctx.state.checks.find((x) => x.id === 'companies_house.name_match')).to.include({ status: 'fail' });
    expect(ctx.state.verification!.decision).to.equal('rejected');
  });

  it('when the company number is printed apart from the VAT number and contradicts the claim, then the document is rejected', async () => {
    const apart = { ...fields, company_number: field('07654321', { confidence: 0.98 }) };
    const printed = await decided({ company_number: ACTIVE.company.number }, apart, `${page}\nCompany number 07654321`);
    expect(printed.verification!.decision).to.equal('rejected');
  });
});
