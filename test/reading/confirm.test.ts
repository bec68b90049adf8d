import { expect } from 'chai';
import type { Check } from '../../worker/domain';
import { confirmClaims, confirmFromDocument, findRegisteredFacts } from '../../worker/verification/confirm';
import { compareNames, defaultNameThresholds, nameVerdict } from '../../worker/verification/names';

const PAGES = [
  ['Northway Bank plc', 'PENNINE VA1LEY L0GISTICS LTD', '14 Station Road', 'Leeds LSI 4DY', 'Sort code 20-00-00'].join('\n'),
  ['Account details', 'Company No. 0944623I'].join('\n'),
];

function failed(id: string, evidence: Record<string, unknown>): Check {
  return { id, status: 'fail', reason_code: 'name_mismatch', message: 'not the registered name', evidence };
}

describe('reading: registry-guided confirmation', () => {
  it('when OCR has swapped look-alike characters, then the registered name, number and postcode are still found with page and line', () => {
    const found = findRegisteredFacts(PAGES, {
      company_name: 'Pennine Valley Logistics Limited',
      company_number: '09446231',
      postcode: 'LS1 4DY',
    });
    expect(found.company_name).to.include({ page: 1, line: 2 });
    expect(found.company_number).to.include({ page: 2, line: 2 });
    expect(found.postcode).to.include({ page: 1, line: 4 });
  });

  it('when OCR dropped or doubled one character of a postcode or number, then it is still sighted, but a different character is not', () => {
    const pages = ['FALCON GATE LOGISTICS LTD\nYORK YO10 JT\nNumber: NI1625752'];
    const found = findRegisteredFacts(pages, { postcode: 'YO10 1JT', company_number: 'NI625752' });
    expect(found.postcode).to.include({ line: 2, edits: 1 });
    expect(found.company_number).to.include({ line: 3, edits: 1 });
    expect(findRegisteredFacts(pages, { postcode: 'YO10 2JX', company_number: 'NI625753' })).to.deep.equal({});
  });

  it('when a scan printed an S where the registered postcode has an 8, then it is sighted, but a printed 5 there is another postcode', () => {
    expect(findRegisteredFacts(['Manchester M15 SNW'], { postcode: 'M15 8NW' }).postcode).to.include({ line: 1, edits: 0 });
    expect(findRegisteredFacts(['Bristol\nBSS 7DH'], { postcode: 'BS8 7DH' }).postcode).to.include({ line: 2, edits: 0 });
    expect(findRegisteredFacts(['Manchester M15 5NW'], { postcode: 'M15 8NW' })).to.deep.equal({});
    expect(findRegisteredFacts(['Manchester M15 SNW'], { postcode: 'M15 6NW' })).to.deep.equal({});
  });

  it('when a date or an amount resembles a postcode once a character is dropped and look-alikes are folded, then it is not sighted', () => {
    const pages = ['Registered from: 19/01/2023', 'Total amount due 2646.81 GBP'].join('\n');
    expect(findRegisteredFacts([pages], { postcode: 'N1 9QL' })).to.deep.equal({});
    expect(findRegisteredFacts([pages], { postcode: 'BT1 6BP' })).to.deep.equal({});
    // A dropped character beside one look-alike is still OCR's slip.
    expect(findRegisteredFacts(['York Y010 JT'], { postcode: 'YO10 1JT' }).postcode).to.include({ edits: 1 });
  });

  it('when a document shows a neighbouring postcode that is a real postcode of its own, then the registered one is not sighted', () => {
    // One inserted, dropped or look-alike character away from the registered value, but well formed: another address.
    const pages = ['Registered office', '2 Mill Lane', 'Leeds LS11 4DY', 'Blackburn B81 1AA', 'Sheffield LS1 4DY'].join('\n');
    expect(findRegisteredFacts([pages], { postcode: 'LS1 4DY' }).postcode).to.include({ line: 5, edits: 0 });
    expect(findRegisteredFacts([pages.replace('Sheffield LS1 4DY', '')], { postcode: 'LS1 4DY' })).to.deep.equal({});
    expect(findRegisteredFacts([pages], { postcode: 'BB1 1AA' })).to.deep.equal({});
    expect(findRegisteredFacts(['Leeds LS1 4DY'], { postcode: 'S1 4DY' })).to.deep.equal({});
  });

  it('when OCR printed a small l in a postcode, then it is read as the 1 it stands for, and a printed capital L still is not', () => {
    // Identifiers are printed in capitals: "Gl2 7Qz" is OCR's reading of G12 7QZ, whereas GL2 7QZ in capitals is another postcode.
    expect(findRegisteredFacts(['Glasgow\nGl2 7Qz'], { postcode: 'G12 7QZ' }).postcode).to.include({ page: 1, line: 2, edits: 0 });
    expect(findRegisteredFacts(['Glasgow\nGL2 7QZ'], { postcode: 'G12 7QZ' })).to.deep.equal({});
    expect(findRegisteredFacts(['Gloucester\nGl2 7Qz'], { postcode: 'GL2 7QZ' })).to.deep.equal({});
  });

  it('when a document shows another company or VAT number that contains or nearly equals the registered one, then it is not sighted', () => {
    const pages = ['Company number 19446231', 'Account 094462310', 'Ref 09446281', 'VAT Reg No GB 234 5678 47'].join('\n');
    expect(findRegisteredFacts([pages], { company_number: '09446231' })).to.deep.equal({});
    expect(findRegisteredFacts([pages], { company_number: '00012345' })).to.deep.equal({});
    // 234567847 holds its check digits; 234567874 would be another VAT number, not an OCR slip.
    expect(findRegisteredFacts([pages], { vat_number: 'GB234567847' }).vat_number).to.include({ line: 4, edits: 0 });
    expect(findRegisteredFacts([pages.replace('47', '74')], { vat_number: 'GB234567847' })).to.deep.equal({});
  });

  it('when a name is printed with an ampersand, then it is sighted whether the register spells it & or AND', () => {
    const pages = ['Certificate of Incorporation', 'MEADOW & PLUMBING LIMITED', 'Company No. 0944623I'].join('\n');
    expect(findRegisteredFacts([pages], { company_name: 'Meadow & Plumbing Limited' }).company_name).to.include({ line: 2, edits: 0 });
    expect(findRegisteredFacts([pages], { company_name: 'MEADOW AND PLUMBING LTD' }).company_name).to.include({ line: 2, edits: 0 });
    expect(findRegisteredFacts([pages], { company_name: 'Meadow Plumbing Limited' })).to.deep.equal({});
  });

  it("when OCR merged or split a name's words, or doubled a letter, then the name is still sighted with page and line", () => {
    const pages = ['Statement', 'HERONMILL BAKE RY LTD', 'HERON MILL BAKKERY LIMITED'].join('\n');
    expect(
      findRegisteredFacts([pages.split('\n').slice(0, 2).join('\n')], { company_name: 'Heron Mill Bakery Limited' }).company_name,
    ).to.include({ page: 1, line: 2, edits: 0 });
    expect(
      findRegisteredFacts([pages.replace('HERONMILL BAKE RY LTD', '')], { company_name: 'Heron Mill Bakery Limited' }).company_name,
    ).to.include({ line: 3, edits: 1 });
  });

  it('when a document shows a different company whose name is one letter from the registered one, then the registered name is not sighted and its check stays failed', () => {
    const pages = ['Statement', 'HERON MILL BAKERY LTD', '14 Mill Lane'].join('\n');
    expect(findRegisteredFacts([pages], { company_name: 'Heron Hill Bakery Limited', address_line: '14 Hill Lane' })).to.deep.equal({});
    const check = failed('companies_house.name_match', { registered_name: 'HERON HILL BAKERY LIMITED' });
    expect(confirmFromDocument([check], [pages])).to.deep.equal([check]);
  });

  it('when a document shows a name or first line that differs from the registered one only in a number, then it is not sighted', () => {
    const pages = ['A7 PLUMBING SERVICES LIMITED', '114 High Street West', 'Company No. 0944623I'].join('\n');
    expect(findRegisteredFacts([pages], { company_name: 'A1 Plumbing Services Limited' })).to.deep.equal({});
    expect(findRegisteredFacts([pages], { address_line: '14 High Street West' })).to.deep.equal({});
    expect(nameVerdict(compareNames('A7 Plumbing Services Limited', 'A1 Plumbing Services Limited'), defaultNameThresholds)).to.equal(
      'close',
    );
    // OCR reading a name's 1 as an l is a look-alike, not another number.
    expect(findRegisteredFacts(['Al PLUMBING SERVICES LIMITED'], { company_name: 'A1 Plumbing Services Limited' }).company_name).to.include(
      {
        edits: 0,
      },
    );
  });

  it('when a name check found a former name of a renamed company, then the registered name printed elsewhere does not settle it', () => {
    const renamed: Check = {
      ...failed('companies_house.name_match', {
        registered_name: 'PENNINE VALLEY LOGISTIC LIMITED',
        previous_name: { name: 'PENNINE VALLEY LOGISTICS LTD' },
      }),
      status: 'warn',
      reason_code: 'previous_name',
    };
    expect(confirmFromDocument([renamed], PAGES)).to.deep.equal([renamed]);
  });

  it('when a value is not printed on the document, then it is not sighted', () => {
    const found = findRegisteredFacts(PAGES, { company_name: 'Bramble Analytics Limited', postcode: 'LS1 4DZ' });
    expect(found).to.deep.equal({});
  });

  it('when extraction picked another name but the document shows the registered one, then the name check passes with the sighting as evidence', () => {
    const [confirmed] = confirmFromDocument(
      [failed('companies_house.name_match', { registered_name: 'PENNINE VALLEY LOGISTICS LIMITED' })],
      PAGES,
    );
    expect(confirmed!.status).to.equal('pass');
    expect(confirmed!.reason_code).to.equal('registered_value_on_document');
    expect(confirmed!.evidence).to.deep.include({ extracted_check: { status: 'fail', reason_code: 'name_mismatch' } });
    expect(confirmed!.evidence.sighting).to.include({ page: 1, line: 2 });
  });

  it('when an address check failed, then the document must show both the registered postcode and first line for it to pass', () => {
    const address = (registered_line: string) =>
      failed('companies_house.address_match', { registered_postcode: 'LS1 4DY', registered_line, document_postcode: 'LS1 4DX' });
    const [shown] = confirmFromDocument([address('14 Station Rd')], PAGES);
    expect(shown!.status).to.equal('pass');
    expect(shown!.evidence.sightings).to.have.length(2);
    const [otherStreet] = confirmFromDocument([address('2 Mill Lane')], PAGES);
    expect(otherStreet!.status).to.equal('fail');
  });

  it("when HMRC's name check failed against Companies House's name, then the document cannot settle it", () => {
    const vatName = (chVerdict: string) =>
      failed('hmrc_vat.name_match', {
        vat_name: 'PENNINE VALLEY LOGISTICS LIMITED',
        compared: [
          { side: 'document', verdict: 'mismatch' },
          { side: 'companies_house', verdict: chVerdict },
        ],
      });
    expect(confirmFromDocument([vatName('match')], PAGES)[0]!.status).to.equal('pass');
    expect(confirmFromDocument([vatName('mismatch')], PAGES)[0]!.status).to.equal('fail');
  });

  it('when the registered name is nowhere on the document, then the failed check stays failed', () => {
    const check = failed('companies_house.name_match', { registered_name: 'BRAMBLE ANALYTICS LIMITED' });
    expect(confirmFromDocument([check], PAGES)).to.deep.equal([check]);
  });

  it('when a check is not about a printed value, then confirmation leaves it alone', () => {
    const status: Check = {
      id: 'companies_house.status_active',
      status: 'fail',
      reason_code: 'company_dissolved',
      message: '',
      evidence: {},
    };
    expect(confirmFromDocument([status], PAGES)).to.deep.equal([status]);
  });

  it('when extraction contradicted a claim the document prints, then the claims check passes, but not while another claim is contradicted', () => {
    const claims = (vatMatches: boolean | null): Check => ({
      id: 'document.claims_match',
      status: 'fail',
      reason_code: 'claims_mismatch',
      message: '',
      evidence: {
        comparisons: [
          { field: 'company_number', claimed: '09446231', document: '09446281', matches: false },
          { field: 'vat_number', claimed: 'GB234567847', document: 'GB111111111', matches: vatMatches },
        ],
      },
    });
    const settled = confirmClaims(claims(null), PAGES);
    expect(settled.status).to.equal('pass');
    expect((settled.evidence.comparisons as Array<Record<string, unknown>>)[0]).to.deep.include({ matches: true });
    expect(confirmClaims(claims(false), PAGES).status).to.equal('fail');
  });
});
