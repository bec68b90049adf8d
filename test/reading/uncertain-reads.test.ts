import { expect } from 'chai';
import type { Check, CheckStatus } from '../../worker/domain';
import { decideStage } from '../../worker/pipeline/decide';
import { decide, defaultPolicy } from '../../worker/verification/policy';
import { withReadConfidence } from '../../worker/verification/read-confidence';
import { field, runStage } from '../verification/context';

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
