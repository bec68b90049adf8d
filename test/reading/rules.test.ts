import { expect } from 'chai';
import type { UncertainRead } from '../../worker/domain';
import { readPage as read } from '../helpers/read-page';
import { extractByRules } from '../../worker/extraction/rules';

describe('reading: rules without a template', () => {
  it('when OCR reads the values column before the labels column, then each label gets its value back', () => {
    const fields = read('vat_registration_certificate', [
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
    ]);
    expect(fields.vat_number?.value).to.equal('747873229');
    expect(fields.document_date?.value).to.equal('2024-11-03');
  });

  it('when a name follows a bare label and the address is one line after its label, then both are read without the labels', () => {
    const fields = read('utility_bill', [
      'Fibrelink Broadband',
      'Name: Heron Mill Textiles Ltd',
      'Address: 2 Clarence Terrace, Edinburgh, EH3 4FT',
      'Date: 12/03/2024',
    ]);
    expect(fields.company_name?.value).to.equal('Heron Mill Textiles Ltd');
    expect(fields.address?.value).to.equal('2 Clarence Terrace, Edinburgh');
    expect(fields.postcode?.value).to.equal('EH3 4FT');
  });

  it("when the issuer prints its own address, then the customer's address is chosen and the issuer's is not a candidate", () => {
    const fields = read('bank_statement', [
      'If undelivered please return to Union Street Bank, PO Box 50, Glasgow, G2 1BX',
      'KESTREL PARK LTD',
      '14 STATION ROAD',
      'LEEDS LS1 4DY',
      'Sort code 20-00-00 Account number 12345678',
      'Union Street Bank is authorised by the Prudential Regulation Authority. Registered office: PO Box 50, Glasgow, G2 1BX.',
    ]);
    expect(fields.postcode?.value).to.equal('LS1 4DY');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.not.include('G2 1BX');
    expect(fields.company_name?.value).to.equal('KESTREL PARK LTD');
  });

  it('when two repairs of a garbled postcode are possible, then both are candidates and confidence drops', () => {
    const fields = read('utility_bill', ['ACME WIDGETS LTD', '12 High Street', 'Leeds LSI1 2AB']);
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['LS1 2AB', 'LS11 2AB']);
    const certain = read('utility_bill', ['ACME WIDGETS LTD', '12 High Street', 'Leeds LS11 2AB']);
    expect(fields.postcode?.confidence).to.be.below(certain.postcode!.confidence - 0.1);
  });

  it('when a summary grid sits above the customer block, then the block is read as an address and not as more grid values', () => {
    const fields = read('utility_bill', [
      'Thameslink Power - electricity bill',
      'Bill date\tAccount number\tAmount due\tPay by',
      '28 November 2026\t7045644335\t4132.51 GBP\t12 December 2026',
      'COBALT CROWN SOFTWARE LIMITED',
      '69 Station Road',
      'Bristol',
      'BS8 6WQ',
    ]);
    expect(fields.address?.value).to.equal('69 Station Road, Bristol');
    expect(fields.company_name?.value).to.equal('COBALT CROWN SOFTWARE LIMITED');
  });

  it("when OCR spells the issuer's suffix differently in its header and footer (Ltd, Lid), then it is still the issuer and not the customer", () => {
    const fields = read('utility_bill', [
      'Brightwater Energy Ltd - electricity bill',
      'Bill date 12 November 2026',
      'Total amount due 1089.54 GBP',
      'Brightwater Energy Lid. Registered in England and Wales No. 27918719. Registered office: 20 Canal Street,',
      'Bristol, BS1 4XE.',
    ]);
    expect(fields.company_name).to.equal(undefined);
    expect(fields.postcode).to.equal(undefined);
  });

  it("when OCR loses the first day of a statement's period and garbles its date label, then the statement is still dated by the period's end", () => {
    const fields = read('bank_statement', [
      '\tLagan Bank',
      'LINDEN HILL GARDEN CENTRE LTD\tS\tdate 30 September 2026',
      '15 MARKET PLACE\tSort code 12-76-05',
      'CARDIFF CF11 8RA\tAccount no. 63261175',
      '\tPeriod September 2026 - 30 September 2026',
      'Date\tDescription\tPaid out\tPaid in\tBalance',
      '01 Sep\tOpening balance\t2135.00',
    ]);
    expect(fields.document_date?.value).to.equal('2026-09-30');
    expect(fields.document_date?.reasons?.join(' ')).to.include('start was not read');
    expect(fields.statement_period, 'a period needs both its ends').to.equal(undefined);
  });

  it('when OCR prints a postcode without its space and with I for 1, then it still closes the address block, and a postcode cut short is none', () => {
    const fields = read('utility_bill', [
      'Severn Vale Water',
      'Thistle Gate Consulting Limited\tSevern Vale Water',
      'Suite 12 Enterprise House\tPO Box 5',
      '172 High Street\tGloucester',
      'Aberdeen\tGLI 1AA',
      'ABI04HB',
      'Date of bill',
      '16 November 2026',
    ]);
    expect(fields.postcode?.value).to.equal('AB10 4HB');
    expect(fields.address?.value).to.equal('Suite 12 Enterprise House, 172 High Street, Aberdeen');
    const cut = read('utility_bill', [
      'Thistle Gate Consulting Limited',
      '172 High Street',
      'Norwich NR11',
      'Date of bill 16 November 2026',
    ]);
    expect(cut.postcode).to.equal(undefined);
  });

  it("when OCR reads the first day's 1 of a statement's period as a bar beside its month, then the period and the statement's date are read", () => {
    const fields = read('bank_statement', [
      'HERON GARDEN CENTRE LTD\tStatement date 30 November 2026',
      '\tPeriod | November 2026 to 30 November 2026',
    ]);
    expect([fields.statement_period?.value, fields.document_date?.value]).to.deep.equal(['2026-11-01/2026-11-30', '2026-11-30']);
  });

  it('when OCR lost both slashes of each date of a period and read its "to" as "10", then the period and the statement\'s date are read', () => {
    const fields = read('bank_statement', ['Sort code 75-19-79', 'Period\t01/102026 10 31/102026']);
    expect([fields.statement_period?.value, fields.document_date?.value]).to.deep.equal(['2026-10-01/2026-10-31', '2026-10-31']);
  });

  it('when OCR reads one digit of a sort code twice ("04 30 S52"), then the sort code is read without it, and a seven-digit number is no sort code', () => {
    const fields = read('bank_statement', ['HARBOUR CONSULTING LTD', 'Sort code\t04 30 S52', 'Account number\t73225565']);
    expect(fields.sort_code?.value).to.equal('04-30-52');
    expect(fields.sort_code?.reasons?.join(' ')).to.include('repaired from "04 30 S52"');
    expect(read('bank_statement', ['Sort code\t04 31 752']).sort_code, 'no doubled glyph to drop').to.equal(undefined);
    expect(read('bank_statement', ['Sort code\t0433052']).sort_code, 'seven digits in one run').to.equal(undefined);
  });

  it('when OCR reads a date separator as a digit, then the period is still read', () => {
    const fields = read('bank_statement', ['Sort code 00-74-11', 'Period\t01/1072026 - 31/10/2026']);
    expect(fields.statement_period?.value).to.equal('2026-10-01/2026-10-31');
  });

  it('when a table gives bare labels (Name, Address) in one column and values in the next, then each value is read after its label', () => {
    const fields = read('vat_registration_certificate', [
      'Certificate of Registration for Value Added Tax',
      'Registration number\tGB790698909',
      'Name\tBRAMBLE BUILDING SERVICES PLC',
      'Address\t202 Victoria Road, Birmingham, B3 7QE',
      'Date of issue\t06 Mar 2016',
    ]);
    expect(fields.vat_number?.value).to.equal('790698909');
    expect(fields.company_name?.value).to.equal('BRAMBLE BUILDING SERVICES PLC');
    expect(fields.address?.value).to.equal('202 Victoria Road, Birmingham');
  });

  it('when a VAT certificate gives its VAT number after "Registration number", then it is the VAT number and no company number is read', () => {
    const fields = read('vat_registration_certificate', [
      'Value Added Tax - Certificate of Registration',
      'Registration number\tGB 2345678 47',
      'Registered person',
      'Kestrel Valley Logistics Ltd',
    ]);
    expect(fields.vat_number?.value).to.equal('234567847');
    expect(fields.company_number).to.equal(undefined);
  });

  it('when a value after a company-number label is printed as a VAT number, then it is not read as a company number, and a real one still is', () => {
    const vat = read('unknown', ['Registered number: GB 2345678 47']);
    expect(vat.company_number).to.equal(undefined);
    const checked = read('unknown', ['Registered number: 2345678 47']);
    expect(checked.company_number, 'nine digits whose VAT check digits hold').to.equal(undefined);
    const company = read('certificate_of_incorporation', ['Registration Number', '01259419', 'Company Name', 'KESTREL FOODS LIMITED']);
    expect(company.company_number?.value).to.equal('01259419');
  });

  it('when a garbled company number has two readings its format allows, then both are candidates with the reason and neither wins outright', () => {
    const fields = read('vat_registration_certificate', ['VAT registration certificate', 'Company number: SC1123356']);
    expect(fields.company_number?.candidates?.map((c) => c.value)).to.have.members(['SC123356', 'SC112356']);
    expect(fields.company_number?.reasons?.join(' ')).to.match(/one of 2 readings of "SC1123356"/);
    const certain = read('vat_registration_certificate', ['VAT registration certificate', 'Company number: SC123356']);
    expect(fields.company_number?.confidence).to.be.below(certain.company_number!.confidence - 0.1);
  });

  it('when OCR read a unit number ending in 8 on one page and another page prints the address with the letter B, then the letter is read', () => {
    const first = ['HERON MILL TEXTILES LTD', 'Unit 178 Enterprise House', '2 Clarence Terrace', 'Edinburgh EH3 4FT'].join('\n');
    const second = ['Registration details', 'Address\tUnit 17B Enterprise House, 2 Clarence Terrace, Edinburgh, EH3 4FT'].join('\n');
    const fields = extractByRules({
      pages: [first, second],
      pageInfo: [1, 2].map((number) => ({ number, source: 'ocr' as const, chars: 100, ocr_confidence: 90 })),
      documentType: 'vat_registration_certificate',
    });
    expect(fields.address?.value).to.equal('Unit 17B Enterprise House, 2 Clarence Terrace, Edinburgh');
  });

  it('when OCR read a unit number ending in 8, then the reading with the letter B is a lower candidate and the printed one stays the value', () => {
    const text = ['HERON MILL TEXTILES LTD', 'Unit 178 Enterprise House', '2 Clarence Terrace', 'Edinburgh EH3 4FT'].join('\n');
    const scanned = extractByRules({
      pages: [text],
      pageInfo: [{ number: 1, source: 'ocr', chars: text.length, ocr_confidence: 90 }],
      documentType: 'utility_bill',
    });
    expect(scanned.address?.value).to.equal('Unit 178 Enterprise House, 2 Clarence Terrace, Edinburgh');
    expect(scanned.address?.candidates?.map((c) => c.value)).to.include('Unit 17B Enterprise House, 2 Clarence Terrace, Edinburgh');
    expect(read('utility_bill', text).address?.candidates?.map((c) => c.value)).to.deep.equal([
      'Unit 178 Enterprise House, 2 Clarence Terrace, Edinburgh',
    ]);
  });

  it('when OCR adds a speck beside the dash of a period, then the period is still read', () => {
    const fields = read('bank_statement', ['Sort code 47-46-84', 'Period\t1 October 2026 —~ 31 October 2026']);
    expect(fields.statement_period?.value).to.equal('2026-10-01/2026-10-31');
  });

  it('when OCR reads the dash of a period in a grid under its label as a tilde and a dash ("~-"), then the period is still read', () => {
    const fields = read('bank_statement', [
      'Oakridge Bakery Ltd',
      '38 Bridge Street',
      'Leeds LS1 8TG',
      'Business Current Account Statement',
      'Sort code\tAccount number\tStatement period',
      '20-43-85\t53293783\t01 Oct 2026 ~- 31 Oct 2026',
    ]);
    expect(fields.statement_period?.value).to.equal('2026-10-01/2026-10-31');
  });

  it('when OCR reads a speck inside the billing postcode as a bracket, then the billing address wins over the supply address', () => {
    const fields = read('utility_bill', [
      'Beacon Telecom',
      'Thistle Wharf Dental Care LTD',
      '236 Station Road',
      'Glasgow G12 8Y]J',
      'Bill date 28/10/2026',
      'Supply address: 57 Kings Road, Edinburgh, EH3 1PP',
    ]);
    expect(fields.postcode?.value).to.equal('G12 8YJ');
    expect(fields.address?.value).to.equal('236 Station Road, Glasgow');
  });

  it('when OCR reads a frame edge down the left of a form as "|" cells, then each label still gets its own value', () => {
    const fields = read('vat_registration_certificate', [
      '|\tValue Added Tax: Certificate of Registration',
      '|\tRegistration number\t376121069',
      '|\tIssued on\t02 May 2015',
      '|\tRegistered with effect from\t02 Apr 2015',
      '|\tThis certificate is issued to',
      '|\tJUNIPER FORGE PRINT LIMITED',
      '|\t5 CHURCH LANE, CARDIFF, CF10 2QZ',
    ]);
    expect(fields.vat_number?.value).to.equal('376121069');
    expect(fields.document_date?.value).to.equal('2015-05-02');
    expect(fields.postcode?.value).to.equal('CF10 2QZ');
  });

  it('when a letter says the business is "now" registered, then that word is not taken for a date', () => {
    const fields = read('vat_registration_certificate', [
      'Pennine Wharf Analytics LIMITED',
      'Your business is now registered for VAT.',
      '\t1 November 2023',
    ]);
    expect(fields.document_date?.value).to.equal('2023-11-01');
  });

  it('when OCR reads a speck inside a postcode as a dot, then the postcode and its address are still read', () => {
    const fields = read('utility_bill', [
      'Harbour Energy',
      'Lowther Print LIMITED\tHarbour Energy',
      '48 Quay Street\tEnergy House, Mill Road',
      'Swansea SA1 3L.Q\tBristol',
      '\tBS1 6AA',
      'Date of bill',
      '02 Oct 2025',
    ]);
    expect(fields.postcode?.value).to.equal('SA1 3LQ');
    expect(fields.address?.value).to.equal('48 Quay Street, Swansea');
  });

  it("when OCR puts a right-hand column's line inside the customer's address block, then the block keeps all its lines", () => {
    const fields = read('utility_bill', [
      'Kestrel Foods LTD',
      'Unit 9 Canal Wharf',
      '12 Mill Lane',
      '\tBill date 4th March 2025',
      'Stockport',
      'SK1 2AB',
      'Your bill',
    ]);
    expect(fields.address?.value).to.equal('Unit 9 Canal Wharf, 12 Mill Lane, Stockport');
  });

  it('when OCR reads the slash of "A/C No" as a letter, then the account number is still read after its label', () => {
    const fields = read('bank_statement', ['Name: Kestrel Foods Ltd', 'Sort Code: 20 45 77', 'AJC No: 41235567']);
    expect(fields.account_number?.value).to.equal('41235567');
  });

  it("when OCR prints a company number's prefix letter as a digit, then the prefixed number is read", () => {
    const sentence = read(
      'certificate_of_incorporation',
      'This is to certify that KESTREL FOODS LIMITED was incorporated on 3 May 2021 as a private limited company with company number N1612345.',
    );
    expect(sentence.company_number?.value).to.equal('NI612345');
    const below = read('certificate_of_incorporation', ['Company Number', '8C402211', 'Company Name', 'KESTREL FOODS LIMITED']);
    expect(below.company_number?.value).to.equal('SC402211');
  });

  it('when one postcode needed an OCR repair and the same address prints another as read, then the one printed valid wins and the repair stays a candidate', () => {
    const fields = read('vat_registration_certificate', [
      'KESTREL FOODS LIMITED',
      '17 Harbour Road',
      'Belfast',
      'BT3 ONY',
      'Registration number\t614 7578 23',
      'Name\tKESTREL FOODS LIMITED',
      'Address\t17 Harbour Road, Belfast, BT3 9NY',
    ]);
    expect(fields.postcode?.value).to.equal('BT3 9NY');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('BT3 0NY');
  });

  it("when a side column's company number (with its SC prefix or without) reads just before the certified name, then the number is not taken into the name", () => {
    const fields = read('certificate_of_incorporation', [
      'The Registrar of Companies for',
      'England and Wales',
      'certifies that',
      'Company No.',
      '15302877',
      'KESTREL FOODS LIMITED',
      'is incorporated as a',
    ]);
    expect(fields.company_name?.value).to.equal('KESTREL FOODS LIMITED');
    const scottish = read('certificate_of_incorporation', [
      'certifies that',
      'Company number',
      'SC412345',
      'NORTHGATE JOINERY LIMITED',
      'is incorporated as a',
    ]);
    expect(scottish.company_name?.value).to.equal('NORTHGATE JOINERY LIMITED');
  });

  it("when a bank's own address closes the page without any wording that marks it as the issuer's, then the customer's labelled address wins", () => {
    const fields = read('bank_statement', [
      'Account name',
      'Kestrel Foods PLC',
      'Correspondence address',
      '172 Mill Lane',
      'Edinburgh',
      'EH1 SER',
      'Northway Bank plc, 1 Churchill Square, Leeds, LS1 4AP',
    ]);
    expect(fields.postcode?.value).to.equal('EH1 5ER');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.not.include('LS1 4AP');
  });

  it('when OCR reads the dash of a statement period as a tilde, then the period is still read', () => {
    const fields = read('bank_statement', [
      'Sort code\tAccount number\tStatement period',
      '495105\t30438712\t1 September 2026 ~ 30 September 2026',
    ]);
    expect(fields.statement_period?.value).to.equal('2026-09-01/2026-09-30');
  });

  it('when OCR reads the long dash of a statement period as two dashes, then the period and the statement date are read', () => {
    const fields = read('bank_statement', ['Sort code\tAccount number\tStatement period', '09-78-31\t30597729\t01/11/2026 —- 30/11/2026']);
    expect([fields.statement_period?.value, fields.document_date?.value]).to.deep.equal(['2026-11-01/2026-11-30', '2026-11-30']);
  });

  it('when OCR reads the "to" of a statement period as "10" after a year, then the period is still read, and a date\'s own 10 is not a join', () => {
    const period = (text: string) => read('bank_statement', ['Statement period', text]).statement_period?.value;
    expect(period('1 March 2026 10 31 March 2026')).to.equal('2026-03-01/2026-03-31');
    expect(period('01/03/2026 t0 31/03/2026')).to.equal('2026-03-01/2026-03-31');
    expect(period('10 March 2026')).to.equal(undefined);
  });

  it("when a photo's frame edges make rows of bars between two side-by-side address blocks, then the customer's block is still read as one column", () => {
    const fields = read('utility_bill', [
      'Beacon Telecom plc',
      '|\t|',
      'Meadow Bakery PLC\tBeacon Telecom plc',
      '193 Mill Lane\tBeacon Tower, 8 Lime Street',
      '\t|',
      '|\tBelfast BT1 7XP\tLondon',
      '\tEC3M 7AA\t|',
      '|\t|',
      'Date of bill\t|',
      '02 Nov 2026',
      'Beacon Telecom plc. Registered office: Beacon Tower, 8 Lime Street, London, EC3M 7AA.',
    ]);
    expect([fields.address?.value, fields.postcode?.value]).to.deep.equal(['193 Mill Lane, Belfast', 'BT1 7XP']);
  });

  it("when OCR reads specks at a photo's paper edge as cells before side-by-side columns, then the business's block is still read down its column", () => {
    const fields = read('vat_registration_certificate', [
      'Certificate of Registration for Value Added Tax',
      'Pennine Valley Dental Care Lid\tVAT reg. no. 611904217',
      '|\t211 Albion Way\tDate of issue 11/08/2019',
      ':\tManchester\tEffective date 03/07/2019',
      'M15 1NT\tTrade class 46136',
    ]);
    expect([fields.address?.value, fields.postcode?.value]).to.deep.equal(['211 Albion Way, Manchester', 'M15 1NT']);
  });

  it('when OCR reads the label "Account number" as "Acoount number", then the account number is still read', () => {
    const fields = read('bank_statement', ['Account name\tThistle Consulting LIMITED', 'Sort code\t66-19-17', 'Acoount number\t50712318']);
    expect(fields.account_number?.value).to.equal('50712318');
  });

  it("when a statement's footer gives its letterhead's name and address on one line without a cue, then that postcode is the issuer's", () => {
    const page = (footer: string) => [
      '» Kite Business',
      'Business Statement',
      'Account name\tThistle Consulting LIMITED',
      'Conrespondence adress',
      'Unit 4 The Old Mill',
      '146 Albion Way',
      'London',
      'EC1V 9HB',
      'Closing balance 10648.97',
      footer,
    ];
    const fields = read('bank_statement', page('Kite Business, 3 Fitzalan Place, Cardiff, CF24 0ED'));
    expect(fields.address?.value).to.equal('Unit 4 The Old Mill, 146 Albion Way, London');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.deep.equal(['EC1V 9HB']);
    // Another name's one-line address in the footer is not the letterhead's.
    const other = read('bank_statement', page('Thistle Consulting LIMITED, 3 Fitzalan Place, Cardiff, CF24 0ED'));
    expect(other.postcode?.candidates?.map((c) => c.value)).to.include('CF24 0ED');
  });

  it("when OCR misreads a character of the letterhead's name, then its footer's one-line address is still the issuer's", () => {
    const page = (letterhead: string) => [
      letterhead,
      'Business Statement',
      'Account name\tThistle Print LIMITED',
      'Correspondence address',
      '154 Market Place',
      'Glasgow',
      'Gl2 1AG',
      'Closing balance 50191.68',
      'Ember Money Ltd, Floor 5, 20 Chapel Street, Manchester, M3 5JZ',
    ];
    for (const letterhead of ['@ Ember Money Ltd', '@ Ember Money Ltc', 'Ember Moncy Ltd']) {
      const fields = read('bank_statement', page(letterhead));
      expect(fields.postcode?.value, letterhead).to.equal('G12 1AG');
      expect(
        fields.postcode?.candidates?.map((c) => c.value),
        letterhead,
      ).to.not.include('M3 5JZ');
    }
    // A name two characters in eight away is another business's.
    expect(read('bank_statement', page('@ Amber Monty Ltc')).postcode?.candidates?.map((c) => c.value)).to.include('M3 5JZ');
  });

  it("when the letterhead's name opens an address block beside the customer's, then that block is the issuer's however OCR spelt the name, and the customer's wins", () => {
    const bill = (letterhead: string, office: string) =>
      read('utility_bill', [
        letterhead,
        'Copper Brook Dental Care Limited\tSevern Vale Water',
        `Office 3 The Old Mill\t${office}`,
        '47 Clarence Terrace\tGloucester',
        'London\tGLI 1AA',
        'LS2 IP)',
        'Date of bill',
        '17 Nov 2026',
      ]);
    for (const [letterhead, office] of [
      ['Severn Vale Water', 'PO Box 5'],
      ['Severn Vale Watcr', 'PO Box 5'],
    ]) {
      const fields = bill(letterhead!, office!);
      expect(fields.postcode?.value, letterhead).to.equal('LS2 1PJ');
      expect(
        fields.postcode?.candidates?.map((c) => c.value),
        letterhead,
      ).to.not.include('GL1 1AA');
      expect(fields.address?.value, letterhead).to.equal('Office 3 The Old Mill, 47 Clarence Terrace, London');
    }
    // Under another letterhead the block is the one the bill was sent to as much as the other.
    expect(bill('Thameslink Power', 'PO Box 5').postcode?.candidates?.map((c) => c.value)).to.include('GL1 1AA');
  });

  it("when OCR reads a postcode's final J as 1 or as I with a bracket, or its 1 as !, then the address still closes on it", () => {
    const postcode = (last: string) =>
      read('vat_registration_certificate', ['FALCON TEXTILES LIMITED', '13 CHURCH LANE', 'BRISTOL', last]).postcode?.candidates?.map(
        (c) => c.value,
      );
    expect(postcode('BS2 41S')).to.deep.equal(['BS2 4JS']);
    expect(postcode('YO! 7RF')).to.deep.equal(['YO1 7RF']);
    // "NRI1" is NR11 with I for 1, or NR1 with one character read twice: both are kept. AB1 no longer exists.
    expect(postcode('NRI1 5WI]')).to.have.members(['NR11 5WJ', 'NR1 5WJ']);
    expect(postcode('ABI1 5WI]')).to.deep.equal(['AB11 5WJ']);
  });

  it("when OCR reads a postcode's two closing Js as a stroke and a bracket, then both are Js and the address closes on it", () => {
    const fields = read('vat_registration_certificate', ['Principal place of business', '185 Station Road', 'Edinburgh', 'EH6 81)']);
    expect(fields.postcode?.value).to.equal('EH6 8JJ');
    expect(fields.address?.value).to.equal('185 Station Road, Edinburgh');
  });

  it("when OCR reads a J inside a postcode's inward code as a bracket, then it is that J and the address closes on it", () => {
    const fields = read('vat_registration_certificate', ['Principal place of business', '12 Ormeau Road', 'Belfast', 'BT7 2)G']);
    expect(fields.postcode?.value).to.equal('BT7 2JG');
    expect(fields.address?.value).to.equal('12 Ormeau Road, Belfast');
  });

  it("when OCR garbles the issuer's postcode in its small print, then its letterhead is still the issuer's and the customer's block is read", () => {
    const fields = read('bank_statement', [
      'Kestrel Foods Ltd',
      '45 Harbour Road',
      'Belfast BT3 QUF',
      '\tEmber Money Ltd, Floor 5, 20 Chapel Street, Manchester, M3 5)Z',
      'Registered office Floor 5. 20 Chapel Street. Manchester. M3 5J7 Eligible deposits are protected by the FSCS',
    ]);
    expect(fields.company_name?.value).to.equal('Kestrel Foods Ltd');
    expect(fields.address?.value).to.equal('45 Harbour Road, Belfast');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['BT3 9UF', 'BT3 0UF']);
  });

  it('when OCR reads every digit of a postcode as a letter, with a small l among capitals, then the address still closes on it, repaired and less sure', () => {
    const certificate = (postcode: string) =>
      read('vat_registration_certificate', [
        'Name of business',
        'Falcon Software Limited',
        'Business address',
        '2 Church Lane',
        'York',
        postcode,
      ]);
    const fields = certificate('YOl SRT');
    expect(fields.postcode?.value).to.equal('YO1 5RT');
    expect(fields.postcode?.reasons?.join(' ')).to.match(/repair\w* (?:of|from) "YOl SRT"/);
    expect(fields.address?.value).to.equal('2 Church Lane, York');
    expect(fields.postcode!.confidence).to.be.below(certificate('YO1 5RT').postcode!.confidence);
  });

  it('when words in capitals only look like a postcode with its digits misread (PAID OUT), then they are not read as one', () => {
    const fields = read('bank_statement', ['Brook Lane Bakery Ltd', '4 Mill Street', 'MONEY PAID OUT']);
    expect(fields.postcode).to.equal(undefined);
  });

  it('when a postcode in capitals alone on the last line of an address block has every digit read as a letter, then the block still closes on it', () => {
    const fields = read('bank_statement', [
      'LINDEN WHARF GARDEN CENTRE LTD',
      '74 Park Avenue',
      'London',
      'ECIV SFT',
      'Your business account statement',
    ]);
    expect([fields.address?.value, fields.postcode?.value]).to.deep.equal(['74 Park Avenue, London', 'EC1V 5FT']);
    expect(read('bank_statement', ['Brook Lane Bakery Ltd', '4 Mill Street', 'PAID OUT']).postcode).to.equal(undefined);
  });

  it('when a postcode alone on the last line of an address block has all three of its digits read as letters, then the block still closes on it', () => {
    const fields = read('vat_registration_certificate', ['Pennine Valley Dental Care Ltd', '211 Albion Way', 'Manchester', 'MIS INT']);
    expect([fields.address?.value, fields.postcode?.value]).to.deep.equal(['211 Albion Way, Manchester', 'M15 1NT']);
  });

  it("when OCR reads a period's last slash as a colon, then the period and the statement's date are read", () => {
    const fields = read('bank_statement', ['Sort code 25-52-86 Account number 85054307', 'Statement 01/10/2026 to 31/10:2026']);
    expect(fields.statement_period?.value).to.equal('2026-10-01/2026-10-31');
    expect(fields.document_date?.value).to.equal('2026-10-31');
  });

  it("when OCR lost or misread both slashes of one date of a period beside its other date, then the period and the statement's date are read as a repair", () => {
    const period = (lines: string[]) => read('bank_statement', ['Sort code 20-41-06 Account number 53718204', ...lines]);
    const cases: Array<[string[], string[], string]> = [
      [['Statement period', '0171172026 - 30/11/2026'], ['Statement period', '01/11/2026 - 30/11/2026'], '2026-11-01/2026-11-30'],
      [['From: 01102026 To: 31/102026'], ['From: 01/10/2026 To: 31/10/2026'], '2026-10-01/2026-10-31'],
      [['01/11/2026 - 30112026'], ['01/11/2026 - 30/11/2026'], '2026-11-01/2026-11-30'],
    ];
    for (const [lines, printed, expected] of cases) {
      const fields = period(lines);
      expect(fields.statement_period?.value, lines.join(' | ')).to.equal(expected);
      expect(fields.document_date?.value, lines.join(' | ')).to.equal(expected.split('/')[1]);
      expect(fields.statement_period?.confidence, 'a repair is less sure than the period printed whole').to.be.below(
        period(printed).statement_period!.confidence,
      );
      expect(fields.statement_period?.reasons?.join(' ')).to.include('repaired from');
    }
  });

  it('when eight digits stand where no range puts a date (a sort code, an account number, a lone run), then no date is made of them', () => {
    const fields = read('bank_statement', ['Sort code 30-11-20', 'Account number 30112026', 'Balance 01102026 - 250.00']);
    expect(fields.statement_period).to.equal(undefined);
    expect(fields.document_date).to.equal(undefined);
  });

  it('when a slashless run would make a range out of order or over a year long, then the range is not read', () => {
    const period = (text: string) => read('bank_statement', ['Statement period', text]).statement_period?.value;
    expect(period('30112026 - 01/11/2026'), 'out of order').to.equal(undefined);
    expect(period('01/11/2024 - 30112026'), 'two years apart').to.equal(undefined);
    expect(period('01102026 - 31102026'), 'both runs after a period label').to.equal('2026-10-01/2026-10-31');
    expect(read('bank_statement', ['01102026 - 31102026']).statement_period, 'both runs with no label').to.equal(undefined);
  });

  it('when OCR printed a letter for a digit in a company number, sort code or account number, then the repaired reading says so and is less sure than one printed as it is', () => {
    const page = (number: string, sort: string, account: string) => [
      'Certificate of Incorporation',
      `Company number: ${number}`,
      `Sort code: ${sort}`,
      `Account number: ${account}`,
    ];
    const repaired = read('unknown', page('SC4O2211', '2S-52-86', '85O54307'));
    const printed = read('unknown', page('SC402211', '25-52-86', '85054307'));
    for (const [name, value] of [
      ['company_number', 'SC402211'],
      ['sort_code', '25-52-86'],
      ['account_number', '85054307'],
    ] as const) {
      expect(repaired[name]?.value, name).to.equal(value);
      expect(printed[name]?.value, name).to.equal(value);
      expect(
        repaired[name]!.reasons!.some((r) => r.startsWith('repaired from')),
        name,
      ).to.equal(true);
      expect(repaired[name]!.confidence, name).to.be.below(printed[name]!.confidence);
    }
    expect(read('unknown', page('0944623', '25 52 86', '8505 4307')).company_number?.confidence, 'padding is no repair').to.equal(
      printed.company_number?.confidence,
    );
  });
});

describe('reading: a postcode whose two readings disagree', () => {
  const text = ['ACME WIDGETS LTD', '12 High Street', 'Londonderry BT48 1NG'].join('\n');
  /** The page as OCR read it, with what a second, closer reading of the postcode's line gave. */
  const scanned = (reads: UncertainRead[]) =>
    extractByRules({
      pages: [text],
      pageInfo: [{ number: 1, source: 'ocr', chars: text.length, ocr_confidence: 92, uncertain_reads: reads }],
      documentType: 'utility_bill',
    });

  it('when the second reading gave another real postcode read as printed, then both are candidates and confidence falls below 0.9', () => {
    const alone = scanned([]);
    const fields = scanned([{ field: 'postcode', first: 'BT48 1NG', second: 'BT48 0NG', kept: 'first' }]);
    expect(fields.postcode?.value).to.equal('BT48 1NG');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('BT48 0NG');
    expect(fields.postcode?.reasons?.join(' ')).to.include('the second reading of its line gave "BT48 0NG"');
    expect(alone.postcode!.confidence).to.be.at.least(0.9);
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it('when the reading not kept needed a repair the kept one did not, then it is listed but the kept one stays sure', () => {
    const fields = scanned([{ field: 'postcode', first: 'BT48 INQ', second: 'BT48 1NG', kept: 'second' }]);
    expect(fields.postcode?.value).to.equal('BT48 1NG');
    expect(fields.postcode?.candidates?.length).to.be.greaterThan(1);
    expect(fields.postcode!.confidence).to.be.at.least(0.9);
  });

  it('when the page kept a reading with several repairs and the other look allows only one of them, then that one is the value', () => {
    const leeds = ['Harbour Joinery Ltd', '151 Station Road', 'Leeds', 'LS178X'].join('\n');
    const fields = (reads: UncertainRead[]) =>
      extractByRules({
        pages: [leeds],
        pageInfo: [{ number: 1, source: 'ocr', chars: leeds.length, ocr_confidence: 92, uncertain_reads: reads }],
        documentType: 'utility_bill',
      }).postcode;
    expect(fields([])?.candidates?.map((c) => c.value)).to.have.members(['LS1 7BX', 'LS1 7SX']);
    const both = fields([{ field: 'postcode', first: 'LS178X', second: 'LS] 7SX', kept: 'first' }]);
    expect(both?.value).to.equal('LS1 7SX');
    expect(both?.reasons?.join(' ')).to.include('the second reading of its line, "LS] 7SX", allows it too');
    expect(both!.confidence).to.be.above(fields([])!.confidence);
  });

  it('when the kept reading moved the space OCR printed and the other look needed as many repairs, then neither is sure', () => {
    const page = ['Copper Garden Centre LTD', '231 Clarence Terrace', 'Bristol', 'BS1 SN'].join('\n');
    const fields = (reads: UncertainRead[]) =>
      extractByRules({
        pages: [page],
        pageInfo: [{ number: 1, source: 'ocr', chars: page.length, ocr_confidence: 92, uncertain_reads: reads }],
        documentType: 'vat_registration_certificate',
      }).postcode;
    const both = fields([{ field: 'postcode', first: 'BS1 SN', second: 'BS1 SLLN', kept: 'first' }]);
    expect(both?.candidates?.map((c) => c.value)).to.include.members(['B5 1SN', 'BS1 5LN']);
    expect(both!.confidence).to.be.below(0.9);
  });

  it('when the second reading agrees with the first, then nothing is in doubt', () => {
    const fields = scanned([{ field: 'postcode', first: 'BT48 1NG', second: 'BT48 1NG', kept: 'first' }]);
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.deep.equal(['BT48 1NG']);
    expect(fields.postcode!.confidence).to.equal(scanned([]).postcode!.confidence);
  });
});

describe('reading: a labelled number read a second time', () => {
  /** A page as OCR read it once the second reading replaced a value, with the reads it recorded. */
  const scanned = (lines: string[], documentType: 'vat_registration_certificate' | 'bank_statement', reads: UncertainRead[]) => {
    const text = lines.join('\n');
    return extractByRules({
      pages: [text],
      pageInfo: [{ number: 1, source: 'ocr', chars: text.length, ocr_confidence: 92, uncertain_reads: reads }],
      documentType,
    });
  };

  it('when only the second reading read a VAT number and its check digits hold, then it is the value, sure, with why', () => {
    const lines = ['Value Added Tax: Certificate of Registration', 'Registration number 797 2571 77', 'Issued on 27/11/2016'];
    const fields = scanned(lines, 'vat_registration_certificate', [
      { field: 'vat_number', first: '79:7: 22501747,', second: '797 2571 77', kept: 'second' },
    ]);
    expect(fields.vat_number?.value).to.equal('797257177');
    expect(fields.vat_number!.confidence).to.be.at.least(0.9);
    expect(fields.vat_number?.reasons?.join(' ')).to.include('the first reading, "79:7: 22501747,"');
  });

  it('when only the second reading read a sort code and nothing but its shape checks it, then it is the value under 0.9, and the first reading a candidate where it reads one', () => {
    const lines = ['Sort code: 04-30-52', 'Account number: 12345678'];
    const alone = scanned(lines, 'bank_statement', []);
    const fields = scanned(lines, 'bank_statement', [{ field: 'sort_code', first: '04-30-5 2', second: '04-30-52', kept: 'second' }]);
    expect(fields.sort_code?.value).to.equal('04-30-52');
    expect(alone.sort_code!.confidence).to.be.at.least(0.9);
    expect(fields.sort_code!.confidence).to.be.below(0.9);
    expect(fields.account_number!.confidence).to.equal(alone.account_number!.confidence);
    const account = scanned(lines, 'bank_statement', [{ field: 'account_number', first: '1234 5679', second: '12345678', kept: 'second' }]);
    expect(account.account_number?.candidates?.map((c) => c.value)).to.deep.equal(['12345678', '12345679']);
  });
});

describe("reading: a postcode and its address's post town", () => {
  it("when OCR read a 1 as L and made a real code of another area, then the look-alike in the post town's area is read and the other kept as a candidate", () => {
    const fields = read('utility_bill', ['THISTLE WHARF LTD', '236 Station Road', 'Glasgow', 'GL2 8YJ', 'Bill date 28/10/2026']);
    expect(fields.postcode?.value).to.equal('G12 8YJ');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('GL2 8YJ');
    const printed = read('utility_bill', ['THISTLE WHARF LTD', '236 Station Road', 'Glasgow', 'G12 8YJ', 'Bill date 28/10/2026']);
    expect(fields.postcode!.confidence).to.be.below(printed.postcode!.confidence - 0.03);
  });

  it("when the postcode lies in its post town's area, or the town is not one an area is named after, then the code is read as printed", () => {
    for (const town of ['Gloucester', 'Stroud']) {
      const fields = read('utility_bill', ['THISTLE WHARF LTD', '236 Station Road', town, 'GL2 8YJ', 'Bill date 28/10/2026']);
      expect(fields.postcode?.value, town).to.equal('GL2 8YJ');
      expect(
        fields.postcode?.candidates?.map((c) => c.value),
        town,
      ).to.deep.equal(['GL2 8YJ']);
    }
  });

  it("when the swap into the post town's area comes on top of a dropped doubled glyph, then it leads but goes to review", () => {
    const fields = read('utility_bill', ['THISTLE WHARF LTD', '236 Station Road', 'Glasgow', 'GL2 2z2z', 'Bill date 28/10/2026']);
    expect(fields.postcode?.value).to.equal('G12 2ZZ');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it("when OCR read a district's 1 as a small l and doubled a glyph of the inward code, then the 1 is read and no reading is sure", () => {
    const fields = read('utility_bill', ['THISTLE WHARF LTD', '236 Station Road', 'Glasgow', 'Gl 2z2z', 'Bill date 28/10/2026']);
    expect(fields.postcode?.value).to.equal('G1 2ZZ');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it('when a town is named only inside a street, then it is no post town', () => {
    const fields = read('utility_bill', ['THISTLE WHARF LTD', '236 Glasgow Road', 'GL2 8YJ', 'Bill date 28/10/2026']);
    expect(fields.postcode?.value).to.equal('GL2 8YJ');
  });
});

describe('reading: OCR misreads the format still decides', () => {
  it("when OCR read a VAT number's digit as a letter no look-alike explains, then the digit whose check digits hold is read, repaired and less sure", () => {
    const page = (vat: string) => [
      'HMRC',
      'Certificate of Registration for Value Added Tax',
      `Pennine Analytics Ltd\tVAT reg. no. ${vat}`,
      '58 Albion Way',
      'Leeds LS2 4JX',
    ];
    const fields = read('vat_registration_certificate', page('GBR08824456'));
    expect(fields.vat_number?.value).to.equal('808824456');
    expect(fields.vat_number?.reasons?.join(' ')).to.include('repaired from "GBR08824456"');
    expect(fields.vat_number!.confidence).to.be.below(read('vat_registration_certificate', page('GB808824456')).vat_number!.confidence);
  });

  it('when OCR broke a VAT number up with colons, commas and stray spaces, then the digits through them are read where the check digits hold, and never made up', () => {
    const page = (vat: string) => [
      'HMRC',
      'Certificate of Registration for Value Added Tax',
      `Registration number ${vat}`,
      'Pennine Analytics Ltd',
    ];
    const broken = read('vat_registration_certificate', page('797: 2571, 77,'));
    expect(broken.vat_number?.value).to.equal('797257177');
    expect(broken.vat_number!.confidence).to.be.below(read('vat_registration_certificate', page('797 2571 77')).vat_number!.confidence);
    expect(read('vat_registration_certificate', page('797:2571 7:7 001')).vat_number?.value, "a branch's 12 digits").to.equal('797257177');
    expect(read('vat_registration_certificate', page('79:7: 22501747,')).vat_number, 'a digit misread: the check fails').to.equal(
      undefined,
    );
    expect(read('vat_registration_certificate', page('797: 2571, 7')).vat_number, 'a digit lost').to.equal(undefined);
  });

  it("when a letter that is not a digit's look-alike stands in a VAT number and no digit there makes the check digits hold, then nothing is read", () => {
    expect(read('vat_registration_certificate', ['VAT reg. no. GBR08824457']).vat_number).to.equal(undefined);
  });

  it('when OCR printed a small l for the 1 of a postcode, then the 1 is a reading, and under its post town it is the one read', () => {
    const fields = read('utility_bill', ['THISTLE WHARF LTD', '26 Albion Way', 'Gl2 2ZD']);
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['GL2 2ZD', 'G12 2ZD']);
    const glasgow = read('utility_bill', ['THISTLE WHARF LTD', '26 Albion Way', 'Glasgow', 'Gl2 2ZD']);
    expect(glasgow.postcode?.value).to.equal('G12 2ZD');
  });

  it("when small ls after a postcode's digits are specks, then they are dropped, and one before a 1 may be that 1 read twice", () => {
    expect(read('utility_bill', ['LINDEN BROOK LIMITED', '10 Station Road', 'Cardiff', 'CF1l1l 2AF']).postcode?.value).to.equal('CF11 2AF');
    const doubled = read('utility_bill', ['LINDEN BROOK LIMITED', '10 Station Road', 'Norwich', 'NRl1 2AB']);
    expect(doubled.postcode?.candidates?.map((c) => c.value)).to.have.members(['NR1 2AB', 'NR11 2AB']);
  });

  it("when OCR read a two-digit district's 1s as small ls and the inward code's digit as a letter, then the address closes on it, under 0.9", () => {
    const fields = read('utility_bill', [
      'Thistle Dental Care LIMITED',
      '25 Victoria Road',
      'Aberdeen',
      'ABll STP',
      'Bill issued 19 November 2026',
    ]);
    expect(fields.address?.value).to.equal('25 Victoria Road, Aberdeen');
    expect(fields.postcode?.value).to.equal('AB11 5TP');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('AB11 8TP');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it('when several readings of a postcode fit, then the one changing fewest printed characters (its space where OCR put it, a bracket its J) leads, under 0.9', () => {
    const postcode = (last: string) => read('bank_statement', ['Correspondence address', '5 Kings Road', 'York', last]).postcode;
    expect(postcode('Y010 5zJ')?.value).to.equal('YO10 5ZJ');
    expect(postcode('Y010 5zJ')?.candidates?.map((c) => c.value)).to.include('YO1 0SJ');
    expect(postcode('LS118S)')?.value).to.equal('LS11 8SJ');
    expect(postcode('LS118S)')?.candidates?.map((c) => c.value)).to.include('LS1 1BS');
    expect(postcode('LS118S)')!.confidence).to.be.below(0.9);
    // Where each reading changes as many, the order OCR's hand makes likelier stands: a small l beside a 1 is that 1 twice.
    expect(postcode('EH1l 5AB')?.value).to.equal('EH1 5AB');
    expect(postcode('CFll 5QW')?.value).to.equal('CF11 5QW');
  });

  it("when OCR read the inward code's letters as digits, a round letter as 0, then the address still closes on it and every letter is a candidate", () => {
    const fields = read('utility_bill', ['MEADOW STONE SOFTWARE PLC', '129 Queen Street', 'Belfast', 'BT1 502', 'Bill date 29/11/2026']);
    expect(fields.address?.value).to.equal('129 Queen Street, Belfast');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('BT1 5UZ');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it("when OCR read the inward code's digit as S, then both the 5 and the 8 it may be are candidates and neither is sure", () => {
    const fields = read('bank_statement', [
      'Name: Pennine Garden Centre Limited',
      'Address: 153 Market Place, Cardiff, CF11 SHW',
      'Sort Code: 74 71 03',
    ]);
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['CF11 5HW', 'CF11 8HW']);
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });
});
