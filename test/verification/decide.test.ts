import { expect } from 'chai';
import type { Check, CheckStatus } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { compareNames } from '../../worker/verification/names';
import { decide, defaultPolicy, policyFromSettings, POLICY_BASE_VERSION } from '../../worker/verification/policy';
import { checkOf, runStage } from './context';

const NOW = new Date('2025-06-30T12:00:00Z');
const c = (id: string, status: CheckStatus, reason_code: string = status): Check => ({
  id,
  status,
  reason_code,
  message: '',
  evidence: {},
});

/** The checks of a clean certificate of an active company whose registry data match. */
function clean(): Check[] {
  return [
    c('companies_house.exists', 'pass'),
    c('companies_house.status_active', 'pass'),
    c('companies_house.name_match', 'pass'),
    c('companies_house.number_match', 'pass'),
    c('companies_house.address_match', 'pass'),
    c('hmrc_vat.format', 'not_applicable'),
    c('document.freshness', 'not_applicable'),
    c('forensics.pdf_producer', 'pass'),
    c('forensics.duplicate', 'pass'),
  ];
}

const replace = (checks: Check[], replacement: Check) => checks.map((x) => (x.id === replacement.id ? replacement : x));

describe('verdict policy', () => {
  it('when a clean document of an active company matches the registry, then it is verified with a full score', () => {
    const v = decide(clean(), defaultPolicy, NOW);
    expect(v).to.include({ decision: 'verified', score: 100, policy_version: POLICY_BASE_VERSION, decided_at: NOW.toISOString() });
  });

  const neverVerified: Array<[string, Check]> = [
    ['the company is dissolved', c('companies_house.status_active', 'fail', 'company_dissolved')],
    ['the registered name does not match the document', c('companies_house.name_match', 'fail', 'name_mismatch')],
    ['HMRC does not know the VAT number', c('hmrc_vat.registered', 'fail', 'vat_not_registered')],
    ['the statement is stale', c('document.freshness', 'fail', 'stale')],
  ];
  for (const [why, failing] of neverVerified) {
    it(`when ${why}, then it is rejected`, () => {
      expect(decide([...clean().filter((x) => x.id !== failing.id), failing], defaultPolicy, NOW).decision).to.equal('rejected');
    });
  }

  it('when a registry check errored, then it goes to review and the error earns no score', () => {
    const v = decide(replace(clean(), c('companies_house.status_active', 'error', 'registry_unavailable')), defaultPolicy, NOW);
    expect(v.decision).to.equal('review');
    expect(v.score).to.be.below(100);
  });

  it('when the registries are not configured, then nothing anchors the identity and it goes to review', () => {
    const checks = clean().map((x) => (x.id.startsWith('companies_house.') ? c(x.id, 'not_applicable', 'not_configured') : x));
    expect(decide(checks, defaultPolicy, NOW).decision).to.equal('review');
  });

  it('when no registry is configured, then the score stays well below 100 and the reasons name what was not checked', () => {
    const unchecked = (x: Check) =>
      x.id.startsWith('companies_house.') || x.id.startsWith('hmrc_vat.')
        ? { ...c(x.id, 'not_applicable', 'not_configured'), message: `${x.id.split('.')[0]} is not configured, so this was not checked.` }
        : x;
    const v = decide(clean().map(unchecked), defaultPolicy, NOW);
    expect(v.decision).to.equal('review');
    expect(v.score).to.be.below(defaultPolicy.verifiedMinScore);
    const notChecked = v.reasons.filter((r) => r.code === 'not_checked');
    expect(notChecked.map((r) => r.check_id)).to.include.members(['companies_house.exists', 'hmrc_vat.format']);
    expect(notChecked[0]!.message).to.match(/is not configured, so this was not checked/);
    expect(v.reasons.map((r) => r.code)).to.include('no_anchor');
  });

  it('when every check passes, then the only reason is that all conditions are met', () => {
    expect(decide(clean(), defaultPolicy, NOW).reasons.map((r) => r.code)).to.deep.equal(['all_conditions_met']);
  });

  it('when a forensic check only warns (an incremental update), then it goes to review, not verified', () => {
    expect(decide([...clean(), c('forensics.pdf_incremental_updates', 'warn')], defaultPolicy, NOW).decision).to.equal('review');
  });

  it('when the PDF producer is an editing tool, then it goes to review', () => {
    expect(decide(replace(clean(), c('forensics.pdf_producer', 'fail', 'editing_tool')), defaultPolicy, NOW).decision).to.equal('review');
  });

  it('when settings override the policy, then the rules change and the version says so', () => {
    const policy = policyFromSettings({ POLICY_REJECT_ON: 'forensics.pdf_producer', POLICY_VERIFIED_MIN_SCORE: 90 });
    const v = decide(replace(clean(), c('forensics.pdf_producer', 'fail', 'editing_tool')), policy, NOW);
    expect(v.decision).to.equal('rejected');
    expect(v.policy_version).to.match(new RegExp(`^${POLICY_BASE_VERSION}\\+[0-9a-f]{8}$`));
  });
});

describe('document checks in the decide stage', () => {
  const stage = decideStage({ policy: defaultPolicy, freshnessDays: 90, names: { match: 0.92, close: 0.8 }, now: () => NOW });

  it('when a bank statement period ended within 90 days, then freshness passes', async () => {
    const state = await runStage(stage, {
      state: { document_type: 'bank_statement' },
      fields: { statement_period: '2025-05-01/2025-05-31' },
    });
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'pass' });
  });

  it('when a utility bill is older than 90 days, then freshness fails as stale and the verdict is rejected', async () => {
    const state = await runStage(stage, { state: { document_type: 'utility_bill' }, fields: { document_date: '2025-01-10' } });
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'fail', reason_code: 'stale' });
    expect(state.verification?.decision).to.equal('rejected');
  });

  it('when a statement shows no date, then freshness warns', async () => {
    const state = await runStage(stage, { state: { document_type: 'bank_statement' } });
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'warn', reason_code: 'no_date_found' });
  });

  it('when the document is a certificate, then freshness does not apply', async () => {
    const state = await runStage(stage, { state: { document_type: 'certificate_of_incorporation' } });
    expect(checkOf(state, 'document.freshness').status).to.equal('not_applicable');
  });

  it('when every claim matches the document, then claims_match passes', async () => {
    const state = await runStage(stage, {
      fields: { company_name: 'Acme Widgets Limited', company_number: '09446231', vat_number: '234567847' },
      claims: { company_name: 'ACME WIDGETS LTD', company_number: '9446231', vat_number: 'GB 234 5678 47' },
    });
    expect(checkOf(state, 'document.claims_match')).to.include({ status: 'pass', reason_code: 'claims_match' });
  });

  it('when a claim contradicts the document, then claims_match fails naming the field', async () => {
    const state = await runStage(stage, {
      fields: { company_name: 'Acme Widgets Limited' },
      claims: { company_name: 'Other Trading Ltd' },
    });
    expect(checkOf(state, 'document.claims_match')).to.include({ status: 'fail', reason_code: 'claims_mismatch' });
  });

  it('when there are no claims, then claims_match does not apply', async () => {
    const state = await runStage(stage, { fields: { company_name: 'Acme Widgets Limited' } });
    expect(checkOf(state, 'document.claims_match').status).to.equal('not_applicable');
  });
});

describe('company name normalisation', () => {
  it('when names differ only in legal form spelling, THE, & and punctuation, then they are equal', () => {
    expect(compareNames('The Smith & Jones (Holdings) Limited', 'SMITH AND JONES HOLDINGS LTD').similarity).to.equal(1);
    expect(compareNames('Acme p.l.c.', 'ACME PUBLIC LIMITED COMPANY').similarity).to.equal(1);
  });

  it('when the legal forms differ (LTD vs PLC), then they are flagged as different', () => {
    expect(compareNames('Acme Ltd', 'Acme PLC').forms_differ).to.equal(true);
  });
});
