import { expect } from 'chai';
import { randomCompany } from '../../fixtures/companies';
import { LAYOUTS, layoutDocument, type FixtureType } from '../../fixtures/layouts';
import { Rng } from '../../fixtures/random';
import { textPdf } from '../../fixtures/render';
import { classifyText } from '../../worker/classify/classify';
import { familiesFound } from '../../worker/classify/families';
import { readTextLayer } from '../../worker/pdf/text-layer';
import { CONFIDENT_TYPE } from '../../worker/verification/policy';

/** The text layer of a generated document, page by page, as the text stage reads it. */
async function printed(type: FixtureType, layout: string, seed: number, multiPage: boolean): Promise<string[]> {
  const rng = new Rng(seed);
  const spec = layoutDocument(type, randomCompany(rng), rng, multiPage, layout, '2026-11-30');
  return (await readTextLayer(await textPdf(spec, 'test'), 10)).pages;
}

const everyLayout = (Object.keys(LAYOUTS) as FixtureType[]).flatMap((type) =>
  Object.keys(LAYOUTS[type]).map((layout) => ({ type, layout })),
);

describe('classification by families of evidence', () => {
  it('when any layout of any type is printed for different businesses, on one page or several, then it is named its type with a confidence a verdict relies on', async function () {
    this.timeout(120_000);
    const misses: string[] = [];
    for (const [i, { type, layout }] of everyLayout.entries())
      for (const multiPage of [false, true]) {
        const seed = 2 * i + Number(multiPage);
        const result = classifyText((await printed(type, layout, seed, multiPage)).join('\n'));
        if (result.document_type !== type || result.confidence < CONFIDENT_TYPE)
          misses.push(`${type}/${layout} seed ${seed}: ${result.document_type} ${result.confidence} (${result.reasons.join('; ')})`);
      }
    expect(misses).to.deep.equal([]);
  });

  it('when only page 1 of a longer document is read, then it is never named another type', async function () {
    this.timeout(120_000);
    const wrong: string[] = [];
    for (const { type, layout } of everyLayout) {
      const [first] = await printed(type, layout, 5, true);
      const named = classifyText(first!).document_type;
      if (named !== type && named !== 'unknown') wrong.push(`${type}/${layout}: ${named}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it("when a document carries one phrase of another type (a certificate citing a sort code), then that type shows one family and the document's own type wins", () => {
    const text = [
      'CERTIFICATE OF INCORPORATION',
      'Company number 09446231',
      'ACME WIDGETS LIMITED is this day incorporated under the Companies Act 2006',
      'Registrar of Companies for England and Wales',
      'Sort code 20-00-00',
    ].join('\n');
    expect(familiesFound(text, 'bank_statement').map((f) => f.family)).to.deep.equal(['account']);
    expect(classifyText(text)).to.include({ document_type: 'certificate_of_incorporation' });
  });

  it("when one family's phrases repeat many times, then they count once and one family names no type", () => {
    const text = Array.from({ length: 20 }, () => 'Statement of account. Account statement. Statement date.').join('\n');
    expect(familiesFound(text, 'bank_statement')).to.have.length(1);
    expect(classifyText(text).document_type).to.equal('unknown');
  });

  it('when a type shows little evidence but nothing else comes near, then it is named with a confidence below what a verdict relies on', () => {
    const result = classifyText('Lagan Bank\nMarlow Engineering Ltd\nYour business account statement');
    expect(result.document_type).to.equal('bank_statement');
    expect(result.confidence).to.equal(0.55).and.below(CONFIDENT_TYPE);
  });

  it('when the evidence of two types is as strong, then the document is unknown and the reason names both', () => {
    const result = classifyText(['Your gas bill', 'Amount due 120.00', 'Statement of account', 'Sort code 20-00-00'].join('\n'));
    expect(result.document_type).to.equal('unknown');
    expect(result.reasons[0]).to.match(/as much like .+ as .+/);
  });

  it('when each family is found, then the reasons name it in words a reviewer reads, and a runner-up is named with its count', () => {
    const text = ['Northway Bank', 'Statement period 01/10/2026 to 31/10/2026', 'Sort code 20-00-00', 'Paid out  Paid in  Balance'].join(
      '\n',
    );
    const result = classifyText(`${text}\nDIRECT DEBIT BRIGHTWATER ENERGY`);
    expect(result.reasons).to.include.members(['shows a sort code', 'lists money in and out', 'names a bank']);
    expect(result.reasons.at(-1)).to.equal('also resembles utility bill (1 kind of evidence against 4)');
  });

  it('when OCR reads a table rule or page edge as a bar inside a phrase, then the phrase still shows its family', () => {
    const photo = '|\tCERTIFICATE OF\n|\tINCORPORATION\n:\tCompany No. 09446231';
    expect(classifyText(photo)).to.include({ document_type: 'certificate_of_incorporation', confidence: 0.55 });
  });

  it('when a postcode district reads like a unit (Manchester M3 5JZ), then it is no usage in cubic metres, and a quantity in m3 is', () => {
    expect(familiesFound('Floor 5, 20 Chapel Street, Manchester M3 5JZ', 'utility_bill')).to.deep.equal([]);
    expect(familiesFound('Unit 12 M3 5JZ', 'utility_bill')).to.deep.equal([]);
    expect(familiesFound('Usage 45 m3', 'utility_bill').map((f) => f.family)).to.deep.equal(['usage']);
  });
});
