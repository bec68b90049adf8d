import { expect } from 'chai';
import { extractByRules } from '../../worker/extraction/rules';

function read(documentType: Parameters<typeof extractByRules>[0]['documentType'], text: string) {
  return extractByRules({ pages: [text], pageInfo: [], documentType });
}

describe('reading: rules without a template', () => {
  it('when OCR reads the values column before the labels column, then each label gets its value back', () => {
    const fields = read(
      'vat_registration_certificate',
      [
        'Certificate of Registration for Value Added Tax',
        '747 8732 29',
        '1st October 2024',
        '3rd November 2024',
        'Registration number',
        'Date of registration',
        'Issue date',
        'Northgate Field Analytics Limited',
        '137 Bridge Street',
        'Cardiff CF11 8FN',
      ].join('\n'),
    );
    expect(fields.vat_number?.value).to.equal('747873229');
    expect(fields.document_date?.value).to.equal('2024-11-03');
  });

  it('when a name follows a bare label and the address is one line after its label, then both are read without the labels', () => {
    const fields = read(
      'utility_bill',
      ['Fibrelink Broadband', 'Name: Heron Mill Textiles Ltd', 'Address: 2 Clarence Terrace, Edinburgh, EH3 4FT', 'Date: 12/03/2024'].join(
        '\n',
      ),
    );
    expect(fields.company_name?.value).to.equal('Heron Mill Textiles Ltd');
    expect(fields.address?.value).to.equal('2 Clarence Terrace, Edinburgh');
    expect(fields.postcode?.value).to.equal('EH3 4FT');
  });

  it("when the issuer prints its own address, then the customer's address is chosen and the issuer's is not a candidate", () => {
    const fields = read(
      'bank_statement',
      [
        'If undelivered please return to Union Street Bank, PO Box 50, Glasgow, G2 1BX',
        'KESTREL PARK LTD',
        '14 STATION ROAD',
        'LEEDS LS1 4DY',
        'Sort code 20-00-00 Account number 12345678',
        'Union Street Bank is authorised by the Prudential Regulation Authority. Registered office: PO Box 50, Glasgow, G2 1BX.',
      ].join('\n'),
    );
    expect(fields.postcode?.value).to.equal('LS1 4DY');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.not.include('G2 1BX');
    expect(fields.company_name?.value).to.equal('KESTREL PARK LTD');
  });

  it('when two repairs of a garbled postcode are possible, then both are candidates and confidence drops', () => {
    const fields = read('utility_bill', ['ACME WIDGETS LTD', '12 High Street', 'Birmingham BSS 1BB'].join('\n'));
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['BS5 1BB', 'B5S 1BB']);
    expect(fields.postcode?.confidence).to.be.below(0.5);
  });
});
