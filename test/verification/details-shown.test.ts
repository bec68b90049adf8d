import { expect } from 'chai';
import type { Check } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { defaultPolicy } from '../../worker/verification/policy';
import { checkOf, runStage } from './context';

const NOW = new Date('2025-06-30T12:00:00Z');
const stage = decideStage({ policy: defaultPolicy, freshnessDays: 90, names: { match: 0.92, close: 0.8 }, now: () => NOW });

/** What the registries stage leaves for a company Companies House confirmed by the name the document shows. */
const anchored: Check[] = ['companies_house.exists', 'companies_house.status_active', 'companies_house.name_match'].map((id) => ({
  id,
  status: 'pass',
  reason_code: 'pass',
  message: '',
  evidence: {},
}));

describe('document.details_shown: telling the customer what the pages sent do not show', () => {
  it('when page 1 alone of a statement names the business but prints no date, then it ends review and the reason says a date is missing and to send every page', async () => {
    const state = await runStage(stage, {
      state: {
        document_type: 'bank_statement',
        checks: structuredClone(anchored),
        page_texts: ['Your business account statement'],
      },
      fields: { company_name: 'Thistle Park Analytics Limited' },
    });
    expect(checkOf(state, 'document.details_shown')).to.deep.include({
      status: 'warn',
      reason_code: 'details_not_shown',
      evidence: { document_type: 'bank_statement', pages_sent: 1, missing: ['date'] },
    });
    expect(state.verification?.decision).to.equal('review');
    const reason = state.verification!.reasons.find((r) => r.check_id === 'document.details_shown');
    expect(reason?.message).to.match(/shows no date\. Send every page of the document \(a statement's account name, number and period/);
  });

  it('when page 1 alone of a bill shows neither the business nor a date, then the reason names both', async () => {
    const state = await runStage(stage, {
      state: { document_type: 'utility_bill', page_texts: ['Your electricity bill summary'] },
    });
    expect(checkOf(state, 'document.details_shown').evidence.missing).to.deep.equal(['business name', 'date']);
    expect(state.verification?.decision).to.equal('review');
    expect(state.verification!.reasons.map((r) => r.message).join(' ')).to.include('The page sent shows no business name and no date.');
  });

  it('when extraction read no name but the registry confirmed the registered name on the page, then the name counts as shown', async () => {
    const state = await runStage(stage, {
      state: {
        document_type: 'certificate_of_incorporation',
        checks: structuredClone(anchored),
        page_texts: ['CERTIFICATE OF INCORPORATION'],
      },
    });
    expect(checkOf(state, 'document.details_shown')).to.include({ status: 'pass', reason_code: 'details_shown' });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when a statement shows the business and its period, then it passes and the statement can be verified', async () => {
    const state = await runStage(stage, {
      state: { document_type: 'bank_statement', checks: structuredClone(anchored), page_texts: ['Statement'] },
      fields: { company_name: 'Thistle Park Analytics Limited', statement_period: '2025-05-01/2025-05-31' },
    });
    expect(checkOf(state, 'document.details_shown')).to.include({ status: 'pass' });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when the kind of document was not recognised, then it does not apply', async () => {
    const state = await runStage(stage, { state: { document_type: null } });
    expect(checkOf(state, 'document.details_shown').status).to.equal('not_applicable');
  });
});
