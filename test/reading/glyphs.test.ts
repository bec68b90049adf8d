import { expect } from 'chai';
import { findDates } from '../../worker/extraction/normalize';
import { readPage as read } from '../helpers/read-page';

describe('reading: a glyph OCR read twice or as a speck', () => {
  it('when the inward code OCR printed after the space is a character too long with a doubled glyph, then dropping the glyph is read first and the value is not sure', () => {
    const fields = read('vat_registration_certificate', [
      'Registered person',
      'Bramble & Mill Print Limited',
      'Principal place of business',
      '18 Albion Way',
      'Belfast BT7 S5PB',
    ]);
    expect(fields.postcode?.value).to.equal('BT7 5PB');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('BT75 5PB');
    expect(fields.postcode!.confidence).to.be.below(0.9);
    const leeds = read('bank_statement', ['Name: Aire Print Limited', 'Address: 9 Mill Lane, Leeds, LS2 11XS']);
    expect(leeds.postcode?.value).to.equal('LS2 1XS');
  });

  it("when OCR read an inward code's digit twice, once as its look-alike letter (LS2 7THU), then dropping the doubled glyph is read first and the value is not sure", () => {
    const fields = read('utility_bill', ['Harbour Joinery Ltd', '151 Station Road', 'Leeds', 'LS2 7THU']);
    expect(fields.postcode?.value).to.equal('LS2 7HU');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.include('LS27 7HU');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it("when OCR reads an outward code's closing 1 as a square bracket or a bar (LS] 7SX), then the 1 is read first", () => {
    for (const printed of ['LS] 7SX', 'LS| 7SX']) {
      const fields = read('utility_bill', ['Harbour Joinery Ltd', '151 Station Road', 'Leeds', printed]);
      expect(fields.postcode?.value, printed).to.equal('LS1 7SX');
    }
  });

  it('when the outward and inward codes were printed together, then a code read as printed keeps its one reading', () => {
    const fields = read('bank_statement', ['Name: Aire Print Limited', 'Address: 9 Mill Lane, Otley, LS21 1XS']);
    expect(fields.postcode?.value).to.equal('LS21 1XS');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.deep.equal(['LS21 1XS']);
  });

  it('when OCR draws a 1 of the outward code as 1 and a small l side by side, then the single 1 is read first and the two-digit district stays a candidate', () => {
    for (const [printed, value, other] of [
      ['EH1l 8TL', 'EH1 8TL', 'EH11 8TL'],
      ['YOl1l 8XS', 'YO1 8XS', 'YO11 8XS'],
      ['SEl1 3LR', 'SE1 3LR', 'SE11 3LR'],
    ]) {
      const fields = read('utility_bill', ['FALCON BROOK PRINT LIMITED', '12 Mill Lane', printed!]);
      expect(fields.postcode?.value, printed).to.equal(value);
      expect(fields.postcode?.candidates?.map((c) => c.value)).to.include(other);
      expect(fields.postcode!.confidence).to.be.below(0.9);
    }
    expect(read('utility_bill', ['FALCON BROOK PRINT LIMITED', '12 Mill Lane', 'CF1l1l 2AF']).postcode?.value).to.equal('CF11 2AF');
  });

  it('when OCR reads both 1s of a district as two small ls, then the two-digit district is read first', () => {
    const fields = read('bank_statement', ['Name: Marlow Software Limited', 'Address: 4 Mill Lane, Cardiff, CFll 4GA']);
    expect(fields.postcode?.value).to.equal('CF11 4GA');
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it('when both digits of an Aberdeen district are read as small ls, then the district is AB11, since AB1 to AB9 no longer exist', () => {
    const fields = read('utility_bill', ['HARBOUR PLUMBING LTD', '12 Mill Lane', 'Aberdeen', 'ABll 7SS']);
    expect(fields.postcode?.value).to.equal('AB11 7SS');
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.not.include('AB1 7SS');
  });

  it("when OCR printed an inward code's letter as 8, then both the B and the S it may be are candidates and neither is sure", () => {
    const fields = read('vat_registration_certificate', ['PENNINE ENGINEERING LTD', '12 Mill Lane', 'LONDON N1 28S']);
    expect(fields.postcode?.candidates?.map((c) => c.value)).to.have.members(['N1 2BS', 'N1 2SS']);
    expect(fields.postcode!.confidence).to.be.below(0.9);
  });

  it('when OCR reads a speck between the outward and inward codes as a colon, then the address still closes on the postcode', () => {
    const fields = read('utility_bill', [
      'Pennine Stone Joinery Limited',
      'Floor 2 Harbour Trade Centre',
      '153 Kings Road',
      'London',
      'EC1V:1ST',
      'Date of bill',
      '18 Nov 2026',
    ]);
    expect(fields.postcode?.value).to.equal('EC1V 1ST');
    expect(fields.address?.value).to.equal('Floor 2 Harbour Trade Centre, 153 Kings Road, London');
  });

  it("when OCR reads a day's ordinal digit as its look-alike letter before a month, then the date is read, and the same letters elsewhere are not a day", () => {
    expect(findDates('Incorporated on Sth September 2015').map((d) => d.iso)).to.deep.equal(['2015-09-05']);
    expect(findDates('on 1Sth March 2020, 2Ist June 2011 and 3Oth April 2012').map((d) => d.iso)).to.deep.equal([
      '2020-03-15',
      '2011-06-21',
      '2012-04-30',
    ]);
    expect(findDates('14 Sth Road, Sth May')).to.deep.equal([]);
  });
});
