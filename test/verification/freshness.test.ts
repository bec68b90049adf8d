import { expect } from 'chai';
import type { Check } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { defaultPolicy } from '../../worker/verification/policy';
import { checkOf, runStage } from './context';

const NOW = new Date('2026-06-30T12:00:00Z');
const pass = (id: string): Check => ({ id, status: 'pass', reason_code: 'pass', message: '', evidence: {} });

/** Every registry check of a confirmed business passed: only the document's age is left to judge. */
const CONFIRMED = [
  'companies_house.exists',
  'companies_house.status_active',
  'companies_house.name_match',
  'companies_house.number_match',
  'companies_house.address_match',
].map(pass);

const stage = decideStage({ policy: defaultPolicy, freshnessDays: 90, names: { match: 0.92, close: 0.8 }, now: () => NOW });

/** A confirmed bill or statement whose own date was not read, with these pages. */
const undated = (document_type: 'utility_bill' | 'bank_statement', ...pages: string[]) =>
  runStage(stage, { state: { document_type, page_texts: pages, checks: structuredClone(CONFIRMED) } });

describe("freshness when a statement's period or a bill's date was not read", () => {
  it('when a confirmed bill prints a supply period that ended ten days ago, then freshness passes on it and the document is verified', async () => {
    const state = await undated(
      'utility_bill',
      'Northway Energy\nElectricity supplied 01/04/2026 to 20/06/2026\nPayment will be collected on or after 14/07/2026',
    );
    const freshness = checkOf(state, 'document.freshness');
    expect(freshness).to.include({ status: 'pass', reason_code: 'recent_by_printed_dates' });
    expect(freshness.evidence).to.include({ date: '2026-06-20', page: 1, line: 2, from: 'page_text' });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when a confirmed statement prints only transactions of seven months ago, then a person judges its age (review, not verified)', async () => {
    const state = await undated('bank_statement', 'Business Current Account\n02 Nov 2025 Card payment 12.40\n28 Nov 2025 Transfer 300.00');
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'warn', reason_code: 'date_not_read' });
    expect(state.verification?.decision).to.equal('review');
  });

  it('when a stale bill prints a recent date only as its payment date or a tariff end, then those dates do not make it fresh', async () => {
    const state = await undated(
      'utility_bill',
      'Bill date 10 Feb 2026\nPay by 24/06/2026\nYour fixed tariff ends on 29/06/2026\nNext reading due 28/06/2026',
    );
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'warn', reason_code: 'date_not_read' });
    expect(state.verification?.decision).to.equal('review');
  });

  it('when the latest date printed is within the limit but not by a payment term, then it is not verified unseen', async () => {
    const state = await undated('utility_bill', 'Meter read on 15/04/2026');
    expect(checkOf(state, 'document.freshness')).to.deep.include({ status: 'warn', reason_code: 'date_not_read' });
    expect(checkOf(state, 'document.freshness').evidence).to.include({ age_days: 76, margin_days: 31 });
  });

  it('when a statement prints transactions up to seventy days ago, then it is recent (a statement prints nothing after its period)', async () => {
    const state = await undated('bank_statement', 'Business Current Account\n21 Apr 2026 Transfer 300.00\nClosing balance 1,204.10');
    expect(checkOf(state, 'document.freshness').evidence).to.include({ date: '2026-04-21', age_days: 70, margin_days: 7 });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when the pages print a date in the future, then it is not taken for the document date', async () => {
    const state = await undated('bank_statement', 'Statement printed 03/01/2027\nOpening balance 01/03/2026');
    expect(checkOf(state, 'document.freshness')).to.deep.include({ status: 'warn', reason_code: 'date_not_read' });
  });

  it('when the pages print no date at all, then freshness warns that the age is unknown and the document goes to review', async () => {
    const state = await undated('bank_statement', 'Business Current Account\nSort code 20-00-00');
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'warn', reason_code: 'no_date_found' });
    expect(state.verification?.decision).to.equal('review');
  });

  it("when the statement's period was read, then it is judged on the period and the other dates printed do not matter", async () => {
    const state = await runStage(stage, {
      state: { document_type: 'bank_statement', page_texts: ['Printed 25/06/2026'], checks: structuredClone(CONFIRMED) },
      fields: { statement_period: '2026-01-01/2026-01-31' },
    });
    expect(checkOf(state, 'document.freshness')).to.include({ status: 'fail', reason_code: 'stale' });
    expect(state.verification?.decision).to.equal('rejected');
  });
});
