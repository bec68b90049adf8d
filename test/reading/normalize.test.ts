import { expect } from 'chai';
import {
  companyNameForMatching,
  findDates,
  isValidVatNumber,
  normalizeAccountNumber,
  normalizeCompanyNumber,
  companyNumberReadings,
  normalizePostcode,
  postcodeReadings,
  normalizeSortCode,
  normalizeVatNumber,
  tidyAddress,
} from '../../worker/extraction/normalize';
import { classifyText } from '../../worker/classify/classify';

describe('reading: normalisers', () => {
  /** The ISO dates found in a line, in order. */
  const iso = (text: string) => findDates(text).map((d) => d.iso);

  it('when a company number is short or prefixed, then it becomes 8 characters', () => {
    expect(normalizeCompanyNumber('9446231')).to.equal('09446231');
    expect(normalizeCompanyNumber('sc 123456')).to.equal('SC123456');
    expect(normalizeCompanyNumber('NI0O1234')).to.equal('NI001234');
    expect(normalizeCompanyNumber('ABC')).to.equal(undefined);
  });

  it("when OCR prints a prefix's letter as a digit, then each look-alike making a known prefix is a reading, and eight digits stay a number", () => {
    expect(companyNumberReadings('N1 612345')).to.deep.equal(['NI612345']);
    expect(companyNumberReadings('8C402211')).to.deep.equal(['SC402211']);
    expect(companyNumberReadings('5C4O2211')).to.deep.equal(['SC402211']);
    expect(companyNumberReadings('84402211')).to.deep.equal(['84402211']);
    expect(companyNumberReadings('X1612345')).to.deep.equal([]);
  });

  it('when a VAT number carries GB and spaces, then 9 digits remain and the HMRC checksum is judged', () => {
    expect(normalizeVatNumber('GB 123 4567 89')).to.equal('123456789');
    // 562235945 is valid in the original series, 100000132 in the series issued since 2010.
    expect(isValidVatNumber('562235945')).to.equal(true);
    expect(isValidVatNumber('100000132')).to.equal(true);
    expect(isValidVatNumber('562235946')).to.equal(false);
  });

  it('when OCR confuses I/1 and O/0 in a postcode, then it is repaired only where the format demands', () => {
    expect(normalizePostcode('swia iaa')).to.equal('SW1A 1AA');
    expect(normalizePostcode('YOI 9RB')).to.equal('YO1 9RB');
    expect(normalizePostcode('EC1V 8BS')).to.equal('EC1V 8BS');
    expect(normalizePostcode('not a postcode')).to.equal(undefined);
  });

  it('when a garbled postcode has several repairs the outward/inward structure allows, then all are kept and none is guessed', () => {
    expect(postcodeReadings('LSI1 2AB')).to.have.members(['LS1 2AB', 'LS11 2AB']);
    expect(normalizePostcode('LSI1 2AB')).to.equal(undefined);
  });

  it('when a repair could end an outward code in a letter outside central London, then only the digit reading is kept', () => {
    expect(postcodeReadings('BSS 1BB')).to.deep.equal(['BS5 1BB']);
    expect(postcodeReadings('M4S 9NU')).to.deep.equal(['M45 9NU']);
    expect(postcodeReadings('W1S 1AB')).to.deep.equal(['W1S 1AB']);
    expect(postcodeReadings('SWIA 1AA')).to.deep.equal(['SW1A 1AA']);
  });

  it('when a repair would end an outward code in a letter Royal Mail never uses there, then it is not a reading', () => {
    expect(postcodeReadings('BSI 1AB')).to.deep.equal(['BS1 1AB']);
    expect(postcodeReadings('LS1 4CI')).to.deep.equal([]);
  });

  it('when OCR reads one printed character as two look-alikes, then removing the doubled glyph gives the reading', () => {
    expect(normalizeCompanyNumber('NI1625752')).to.equal('NI625752');
    expect(postcodeReadings('BT2 6U2Z')).to.deep.equal(['BT2 6UZ']);
    // A character that repeats no neighbour is never dropped: a number one digit too long stays unread.
    expect(normalizeCompanyNumber('SC1234567')).to.equal(undefined);
  });

  it('when removing either of two doubled glyphs leaves a company number, then both readings are kept and neither is guessed', () => {
    expect(companyNumberReadings('SC1123356')).to.have.members(['SC123356', 'SC112356']);
    expect(normalizeCompanyNumber('SC1123356')).to.equal(undefined);
    expect(companyNumberReadings('NI1625752')).to.deep.equal(['NI625752']);
  });

  it('when two doubled glyphs could each be the one dropped, then the reading needing no other look-alike swap leads', () => {
    expect(companyNumberReadings('NI14648S5')).to.deep.equal(['NI146485', 'NI464855']);
    expect(companyNumberReadings('SC11234S5')).to.deep.equal(['SC112345', 'SC123455']);
    expect(normalizeCompanyNumber('NI14648S5'), 'the text alone still cannot be sure').to.equal(undefined);
  });

  it('when OCR adds a character to a postcode that doubles no glyph ("BT48 7TWW"), then every removal leaving a real postcode is a reading and none is guessed', () => {
    expect(postcodeReadings('BT48 7TWW')).to.have.members(['BT48 7TW', 'BT48 7WW']);
    expect(normalizePostcode('BT48 7TWW')).to.equal(undefined);
  });

  it('when an outward code shows a letter beside its own digit ("NRI1"), then one glyph read twice and a letter read for a digit are both readings', () => {
    expect(postcodeReadings('NRI1 8GT')).to.have.members(['NR1 8GT', 'NR11 8GT']);
    expect(normalizePostcode('NRI1 8GT')).to.equal(undefined);
    expect(postcodeReadings('NRI 8GT'), 'a letter alone is only swapped').to.deep.equal(['NR1 8GT']);
  });

  it("when OCR reads the inward code's digit as T or its letter J as I, then the inward structure repairs it, and a T elsewhere stays a T", () => {
    expect(postcodeReadings('BT48 TWT')).to.deep.equal(['BT48 7WT']);
    expect(postcodeReadings('NR2 3ID')).to.deep.equal(['NR2 3JD']);
    expect(postcodeReadings('DATE 4TH')).to.deep.equal([]);
  });

  it('when a postcode ends in a bracket where a J was printed, then the J is one of its readings', () => {
    expect(postcodeReadings('NR2 4T)')).to.deep.equal(['NR2 4TJ']);
  });

  it('when OCR puts digits inside a word of an address, then they become the letters they resemble, and numbers stay', () => {
    expect(tidyAddress(['Office 3 The 01d Mi11', '17B 5tation Road', '1st Floor, 10 High Street'])).to.equal(
      'Office 3 The Old Mill, 17B Station Road, 1st Floor, 10 High Street',
    );
  });

  it("when OCR reads a house number 1 as a stroke opening an address's line, then it is the 1, and an I inside a line stays", () => {
    expect(tidyAddress(['I Victoria Road', 'Leeds'])).to.equal('1 Victoria Road, Leeds');
    expect(tidyAddress(['Unit 4, l Mill Lane'])).to.equal('Unit 4, 1 Mill Lane');
    expect(tidyAddress(['Block I Riverside Park'])).to.equal('Block I Riverside Park');
  });

  it('when bank details are printed with spaces, then they take their standard forms', () => {
    expect(normalizeSortCode('12 34 56')).to.equal('12-34-56');
    expect(normalizeAccountNumber('1234 5678')).to.equal('12345678');
    expect(normalizeAccountNumber('1234567')).to.equal('01234567');
  });

  it('when dates are written the UK way, then they are read day first as ISO dates', () => {
    expect(findDates('Given on 12th March 2019').map((d) => d.iso)).to.deep.equal(['2019-03-12']);
    expect(findDates('03/04/2020 and Ist May 2021').map((d) => d.iso)).to.deep.equal(['2020-04-03', '2021-05-01']);
  });

  it('when a day\'s two characters read as one digit twice and its ordinal fits only one ("1lst July"), then that digit is the day, and 11th stays 11th', () => {
    expect(iso('Given at Companies House, Belfast, on 1lst July 2012')).to.deep.equal(['2012-07-01']);
    expect(iso('Given on 1lth July 2012')).to.deep.equal(['2012-07-11']);
    expect(iso('Given on 11th July 2012')).to.deep.equal(['2012-07-11']);
    expect(iso('Given on 2Ist July 2012')).to.deep.equal(['2012-07-21']);
  });

  it("when OCR reads one of a numeric date's slashes as a speck (a degree sign, a quote) or loses it, then the date is still read, and a sum is not a date", () => {
    expect(findDates('Invoice date\t23/10°2026').map((d) => d.iso)).to.deep.equal(['2026-10-23']);
    expect(findDates("Issued 5'11/2025").map((d) => d.iso)).to.deep.equal(['2025-11-05']);
    expect(findDates('VAT at 5% 1450.42, 12,5,2026')).to.deep.equal([]);
    expect(
      findDates('Issued on\t23/012016').map((d) => d.iso),
      'a separator lost',
    ).to.deep.equal(['2016-01-23']);
  });

  it("when OCR reads a day's 1 as a bar, a bracket or a small l beside a month's name and a year, then the day is read, and a stroke elsewhere is not a day", () => {
    expect(iso('Period | November 2026')).to.deep.equal(['2026-11-01']);
    expect(iso('Statement date ]5 June 2026')).to.deep.equal(['2026-06-15']);
    expect(iso('Date of bill 3l May 2026')).to.deep.equal(['2026-05-31']);
    expect(iso('Due l1 March 2026')).to.deep.equal(['2026-03-11']);
    expect(iso('Period | November'), 'no year: not a date').to.deep.equal([]);
    expect(iso('Sort code | Account 2026'), 'no month: not a day').to.deep.equal([]);
    expect(iso('Date 4| May 2026'), 'no forty-first day').to.deep.equal([]);
  });

  it("when OCR reads a day's 5, 2 or 0 as S, Z or O alone before a month's name and a year, then the day is read, and a word elsewhere is not a day", () => {
    expect(iso('Date of incorporation S January 2018')).to.deep.equal(['2018-01-05']);
    expect(iso('Issued 2S March 2026')).to.deep.equal(['2026-03-25']);
    expect(iso('Period 3O April 2026')).to.deep.equal(['2026-04-30']);
    expect(iso('Plan S January'), 'no year: not a date').to.deep.equal([]);
    expect(iso('Sector S Account 2026'), 'no month: not a day').to.deep.equal([]);
    expect(iso('Date SO May 2026'), 'no fiftieth day').to.deep.equal([]);
  });

  it("when OCR lost a numeric date's first slash (1409/2020) or read it as a 7, then a two-digit day and a month before the second slash still read as the date, and nothing else does", () => {
    expect(findDates('Date of incorporation 1409/2020').map((d) => d.iso)).to.deep.equal(['2020-09-14']);
    expect(findDates('Issued 14709/2020').map((d) => d.iso)).to.deep.equal(['2020-09-14']);
    expect(findDates('Dyddiad 3112/2019 Date').map((d) => d.iso)).to.deep.equal(['2019-12-31']);
    expect(findDates('Month 1413/2020'), 'no thirteenth month').to.deep.equal([]);
    expect(findDates('Reference 123409/2020'), 'a longer number is not a date').to.deep.equal([]);
  });

  it('when company names differ only in suffix, ampersand, article or punctuation, then their matching forms are equal', () => {
    expect(companyNameForMatching('The Acme & Sons Ltd.')).to.equal('ACME AND SONS LIMITED');
    expect(companyNameForMatching('ACME AND SONS LIMITED')).to.equal('ACME AND SONS LIMITED');
  });

  it('when OCR misreads the suffix ending a name (LID, LT0), then it still matches as LIMITED, and words inside the name are left alone', () => {
    expect(companyNameForMatching('Marlow Print LID')).to.equal('MARLOW PRINT LIMITED');
    expect(companyNameForMatching('ACME LT0')).to.equal('ACME LIMITED');
    expect(companyNameForMatching('LIDO PARK LTD')).to.equal('LIDO PARK LIMITED');
  });

  it('when only the first page of a statement is shown, then its account-statement wording, bank and address still name the type', () => {
    const page = ['Lagan Bank', 'Marlow Engineering Ltd', '27 Clarence Terrace', 'Leeds', 'LS1 4PN', 'Your business account statement'];
    expect(classifyText(page.join('\n')).document_type).to.equal('bank_statement');
  });

  it('when a statement\'s first page names a bank without the word "bank", then its business-account wording still names the type', () => {
    const page = ['Kite Business', '3 Fitzalan Place', 'Cardiff', 'NORTHGATE CROWN CATERING PLC', '87 Bridge Street', 'London', 'EC1V 6WH'];
    expect(classifyText([...page, 'Your business account statement'].join('\n')).document_type).to.equal('bank_statement');
  });

  it('when a text has no distinctive wording, then it is classified unknown with a reason', () => {
    const result = classifyText('Dear customer, thank you for your letter.');
    expect(result.document_type).to.equal('unknown');
    expect(result.reasons).to.have.length.greaterThan(0);
  });
});
