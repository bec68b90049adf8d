import { expect } from 'chai';
import { extractByRules } from '../../worker/extraction/rules';

describe('rules on crafted text', () => {
  it('when a statement line is 20,000 characters with a date and no range word, then the rules read it in linear time (the old range pattern took seconds)', () => {
    const line = `Statement period 01/01/2024 ${'a '.repeat(10_000)}x`;
    const started = performance.now();
    const fields = extractByRules({
      pages: [line],
      pageInfo: [{ number: 1, source: 'text_layer', chars: line.length }],
      documentType: 'bank_statement',
    });
    expect(performance.now() - started).to.be.below(1_500);
    expect(fields.statement_period).to.equal(undefined);
  });

  it('when a statement line gives a range, then its period is still read', () => {
    const line = 'Statement period 01/01/2024 to 31/01/2024';
    const fields = extractByRules({
      pages: [line],
      pageInfo: [{ number: 1, source: 'text_layer', chars: line.length }],
      documentType: 'bank_statement',
    });
    expect(fields.statement_period?.value).to.equal('2024-01-01/2024-01-31');
  });
});
