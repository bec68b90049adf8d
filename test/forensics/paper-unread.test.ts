import { expect } from 'chai';
import { paperMatchFinding } from '../../worker/forensics/pixels/paper-match';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps, pasteFromAnother, printedPage } from './paper-page';

describe('forensics: paper of a word OCR could not read', () => {
  it('when a field pasted from another document reads as nothing OCR knows, then its paper is still judged and its box named', () => {
    const page = printedPage(1);
    const patch = pasteFromAnother(page, 37, 12);
    const pasted = page.words[37]!;
    // The donor's print and the field's remnants read as one word of no known kind, at confidence 0.
    pasted.word = { ...pasted.word, text: 'PgERTEY', confidence: 0 };
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.value).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding.box, patch), JSON.stringify(finding)).to.equal(true);
  });
});
