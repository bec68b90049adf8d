import { expect } from 'chai';
import type { Check, Classification, DocumentType } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { check } from '../../worker/verification/check';
import { CONFIDENT_TYPE, defaultPolicy, RECOGNISED_TYPE, type Policy } from '../../worker/verification/policy';
import { typeRecognisedCheck } from '../../worker/verification/type-recognised';
import { checkOf, runStage } from './context';

const NOW = new Date('2025-06-30T12:00:00Z');
const names = { match: 0.92, close: 0.8 };
const stageUnder = (policy: Policy) => decideStage({ policy, freshnessDays: 90, names, now: () => NOW });

/** What the registries stage leaves for a company Companies House confirmed by the name the document shows. */
const anchored = (): Check[] =>
  ['companies_house.exists', 'companies_house.status_active', 'companies_house.name_match'].map((id) => check(id, 'pass', 'pass', ''));

const classified = (confidence: number): Classification => ({ confidence, reasons: ['titled "Certificate of Incorporation"'] });

async function decided(documentType: DocumentType, classification: Classification, policy: Policy = defaultPolicy) {
  return runStage(stageUnder(policy), {
    state: { document_type: documentType, classification, checks: anchored(), page_texts: ['page'] },
    fields: { company_name: 'Acme Widgets Limited' },
  });
}

describe('document.type_recognised: a verdict relies on knowing what the document is', () => {
  it('when the type is unknown, then the check warns with the type, confidence and evidence found', () => {
    const c = typeRecognisedCheck('unknown', { confidence: 0.5, reasons: ['no type had enough distinctive wording'] }, CONFIDENT_TYPE);
    expect(c).to.deep.include({ id: 'document.type_recognised', status: 'warn', reason_code: 'type_unknown' });
    expect(c.evidence).to.deep.equal({
      document_type: 'unknown',
      confidence: 0.5,
      confident_from: CONFIDENT_TYPE,
      evidence_found: ['no type had enough distinctive wording'],
    });
  });

  it('when the type was named on thin evidence (confidence below the policy), then the check warns and says how sure it was', () => {
    const c = typeRecognisedCheck('bank_statement', { confidence: 0.55, reasons: ['names a bank', 'calls itself a statement'] }, 0.6);
    expect(c).to.deep.include({ status: 'warn', reason_code: 'type_uncertain' });
    expect(c.message).to.match(/bank statement only with confidence 0\.55 \(below 0\.6\)/);
    expect(c.evidence.evidence_found).to.deep.equal(['names a bank', 'calls itself a statement']);
  });

  it('when one page of a longer document names its type on thin evidence clearly ahead of the others, then the default policy recognises it and the registry confirmation verifies it', async () => {
    const state = await decided('vat_registration_certificate', {
      confidence: 0.55,
      reasons: ['titled "Certificate of Registration"', 'issued by HM Revenue & Customs'],
    });
    expect(checkOf(state, 'document.type_recognised')).to.deep.include({ status: 'pass', reason_code: 'type_recognised' });
    expect(checkOf(state, 'document.type_recognised').evidence).to.include({ confidence: 0.55, confident_from: RECOGNISED_TYPE });
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when the type was named with the confidence the policy asks, then the check passes', () => {
    expect(typeRecognisedCheck('certificate_of_incorporation', classified(CONFIDENT_TYPE), CONFIDENT_TYPE).status).to.equal('pass');
  });

  it('when an unknown document names a company the registry confirms, then it ends review (not verified, never rejected) and the reason names the type check', async () => {
    const state = await decided('unknown', { confidence: 0.5, reasons: ['no type had enough distinctive wording'] });
    expect(checkOf(state, 'document.type_recognised').status).to.equal('warn');
    expect(state.verification?.decision).to.equal('review');
    expect(state.verification?.reasons.map((r) => r.check_id)).to.include('document.type_recognised');
  });

  it('when the same document is recognised with confidence, then the registry confirmation verifies it', async () => {
    const state = await decided('certificate_of_incorporation', classified(0.95));
    expect(checkOf(state, 'document.type_recognised').status).to.equal('pass');
    expect(state.verification?.decision).to.equal('verified');
  });

  it('when a policy recorded before the check existed is replayed, then the check is not run and the verdict is as it was', async () => {
    const { recognisedType: _check, confidentType: _dates, ...recorded } = defaultPolicy;
    const state = await decided('unknown', { confidence: 0.5, reasons: [] }, recorded);
    expect(state.checks.map((c) => c.id)).not.to.include('document.type_recognised');
    expect(state.verification?.decision).to.equal('verified');
  });
});

describe('date checks on a thin type: the date failed may be another kind of document’s', () => {
  async function staleBill(confidence: number) {
    return runStage(stageUnder(defaultPolicy), {
      state: { document_type: 'utility_bill', classification: classified(confidence), checks: anchored() },
      fields: { company_name: 'Acme Widgets Limited', document_date: '2025-01-10' },
    });
  }

  it('when a bill read with a confident type is stale, then freshness fails and it is rejected', async () => {
    const state = await staleBill(0.9);
    expect(checkOf(state, 'document.freshness').evidence).not.to.have.property('type_confidence');
    expect(state.verification?.decision).to.equal('rejected');
  });

  it('when the type behind a stale date is thin, then the failure is an uncertain read: review, with the type confidence as evidence', async () => {
    const state = await staleBill(0.55);
    expect(checkOf(state, 'document.freshness')).to.deep.include({ status: 'fail', reason_code: 'stale' });
    expect(checkOf(state, 'document.freshness').evidence).to.include({ type_confidence: 0.55, read_confidence: 0.55 });
    expect(state.verification?.decision).to.equal('review');
  });

  it('when an incorporation date differs from the register on a document of thin type, then its failure records the type confidence', async () => {
    const mismatch = check('companies_house.incorporation_date_match', 'fail', 'date_mismatch', '', {
      document_date: '2019-03-12',
      registered_date: '2012-05-01',
    });
    const state = await runStage(stageUnder(defaultPolicy), {
      state: { document_type: 'unknown', classification: { confidence: 0.5, reasons: [] }, checks: [...anchored(), mismatch] },
      fields: { company_name: 'Acme Widgets Limited' },
    });
    expect(checkOf(state, 'companies_house.incorporation_date_match').evidence).to.include({ type_confidence: 0.5, read_confidence: 0.5 });
    expect(state.verification?.decision).to.equal('review');
  });
});
