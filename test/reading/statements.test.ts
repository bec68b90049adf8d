import { expect } from 'chai';
import { readPage } from '../helpers/read-page';

/** A bilingual certificate's page as OCR gives it: English and Welsh columns side by side, a tab between. */
function bilingual(english: string, welsh: string, before: string[] = []): string {
  return [
    ...before,
    'CERTIFICATE OF INCORPORATION\tTYSTYSGRIF CORFFORI',
    'Company Number 03398670\tRhif y Cwmni 03398670',
    'The Registrar of Companies for\tMae Cofrestrydd Cwmniau',
    'England and Wales,\tCymru a Lloegr',
    'hereby certifies that\tyn tystio bod',
    'SAXON LOGISTICS LTD',
    "is this day incorporated under the\twedi'i gorffori heddiw o dan",
    'company limited by shares.\tpreifat cyfyngedig gan gyfranddaliadau.',
    "Given at Companies House, Cardiff,\tRhoddwyd yn Nhy'r Cwmniau,",
    `on ${english}\tCaerdydd, ar ${welsh}`,
  ].join('\n');
}

const read = (page: string) => readPage('certificate_of_incorporation', page);

describe('reading: a certificate states its day of incorporation in a sentence', () => {
  it('when a bilingual certificate gives the day in English and in Welsh on wrapped lines, then both statements are read and the day is sure', () => {
    const field = read(bilingual('24 Sep 2012', '24/09/2012')).incorporation_date;
    expect(field?.value).to.equal('2012-09-24');
    expect(field?.confidence).to.be.at.least(0.9);
  });

  it('when another date is printed above the certificate, then the day it was given is still read', () => {
    const field = read(bilingual('11th January 2010', '11/01/2010', ['Printed 02/03/2024'])).incorporation_date;
    expect(field?.value).to.equal('2010-01-11');
  });

  it("when OCR garbles the English date beyond reading, then the Welsh column's day is read", () => {
    const field = read(bilingual('llth Januarv 2O1O', '11/01/2010', ['Printed 02/03/2024'])).incorporation_date;
    expect(field?.value).to.equal('2010-01-11');
  });

  it('when the English and Welsh statements disagree, then the day is read but not sure', () => {
    const field = read(bilingual('18 March 2015', '13/03/2015')).incorporation_date;
    expect(field?.candidates?.map((c) => c.value)).to.include.members(['2015-03-18', '2015-03-13']);
    expect(field?.confidence).to.be.below(0.9);
  });
});
