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

  it('when a seal several lines tall reads as nothing OCR knows, then its shaded paper is not judged as a word', () => {
    const page = printedPage(1);
    const seal = page.words[37]!;
    const [x0, y0] = seal.box;
    // A certificate's seal: a square of darker paper three lines tall, which OCR reads as "&".
    const box: [number, number, number, number] = [x0, y0 - 40, x0 + 104, y0 + 64];
    for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++) page.grey.data[y * page.grey.width + x]! -= 60;
    seal.box = box;
    seal.word = { ...seal.word, text: '&', confidence: 0, box };
    const finding = paperMatchFinding(page.grey, page.words)!;
    expect(finding.word, JSON.stringify(finding)).to.not.equal('&');
  });
});
