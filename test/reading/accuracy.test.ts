import { expect } from 'chai';
import { OcrPool } from '../../worker/ocr/pool';
import { planCorpus, readAll, tabulate, type Reading, type Tables } from './evaluation';
import { CachedOcr } from './cache';

interface Floors {
  classification: number;
  /** Each field alone: a field has only 9 readings of a split here, so one miss is 11 points. */
  field: number;
  /** All fields together, where one miss is half a point. */
  allFields: number;
  rendering: number;
}

/** Fails naming every field and rendering under its floor, with the documents it missed. */
function expectFloors(t: Tables, { classification, field, allFields, rendering }: Floors): void {
  expect(t.classification.right / t.classification.total, t.classification.misses.join('\n')).to.be.at.least(classification);
  const fields = Object.values(t.byField);
  const right = fields.reduce((n, f) => n + f.right, 0);
  const total = fields.reduce((n, f) => n + f.total, 0);
  expect(right / total, fields.flatMap((f) => f.misses).join('\n')).to.be.at.least(allFields);
  const below = [
    ...Object.entries(t.byField).filter(([, f]) => f.right / f.total < field),
    ...Object.entries(t.byRendering).filter(([, f]) => f.right / f.total < rendering),
  ].map(([name, f]) => `${name}: ${f.right}/${f.total}\n  ${f.misses.join('\n  ')}`);
  expect(below, below.join('\n')).to.deep.equal([]);
}

/**
 * Regression floors on a small seeded sample of the generated corpus (make accuracy reads a larger
 * one): for every type and split, five text PDFs and one scan, phone photo, scanned PDF and
 * multi-page scan. Layouts held out from tuning are scored apart. This sample measured 100%
 * classification, and every field and rendering 100% on tuned layouts (180/180: N1 2SS, that OCR
 * printed "NI 28S", the second reading now reads as NI 2SS) and on held-out ones (180/180); fields given
 * confidence 0.9 or more right 100% (349/349). The floors for all fields together, every rendering
 * and that confidence band sit a little under, where one miss more than measured still passes; a
 * single field, where one miss weighs 4 to 11 points, passes one miss in 27 on tuned layouts and one
 * in 9 on held-out ones. Documents and OCR results are cached under .cache/, so a
 * rerun with nothing changed takes seconds per document.
 */
describe('reading: accuracy on tuned and held-out layouts', function () {
  this.timeout(900_000);
  let ocr: CachedOcr;
  let readings: Reading[] = [];

  before(async () => {
    ocr = new CachedOcr(new OcrPool({ size: 2, recycleAfter: 25 }));
    const plan = planCorpus({ seed: 21, perCell: { text_pdf: 5, scan_image: 1, photo_jpeg: 1, image_pdf: 1, multi_page_scan_pdf: 1 } });
    readings = await readAll(plan, ocr);
  });
  after(async () => ocr?.close());

  it('when layouts the rules were tuned on are read, then classification and every field stay above their floors', () => {
    expectFloors(tabulate(readings.filter((r) => !r.heldOut)), { classification: 0.97, field: 0.96, allFields: 0.994, rendering: 0.95 });
  });

  it('when layouts held out from tuning are read, then classification and every field stay above their floors', () => {
    expectFloors(tabulate(readings.filter((r) => r.heldOut)), { classification: 0.97, field: 0.88, allFields: 0.994, rendering: 0.95 });
  });

  it('when a field is given confidence of 0.9 or more, then it is right at least 99.5% of the time', () => {
    const sure = tabulate(readings).reliability['>= 0.90']!;
    expect(sure.right / sure.total, sure.misses.join('\n')).to.be.at.least(0.995);
  });

  it('when a field is read, then its candidates are listed best first with their reasons', () => {
    for (const { state } of readings) {
      for (const field of Object.values(state.fields)) {
        expect(field.candidates?.[0]?.value).to.equal(field.value);
        expect(field.reasons).to.not.be.empty;
      }
    }
  });

  it('when scans are read, then each page records OCR confidence, blur, resolution and the deskew applied', () => {
    const scanned = readings.filter((r) => r.doc.scan);
    expect(scanned.length).to.be.greaterThan(0);
    for (const { doc, state } of scanned) {
      for (const page of state.pages) {
        expect(page.source).to.equal('ocr');
        expect(page.ocr_confidence).to.be.within(50, 100);
        expect(page.blur).to.be.greaterThan(0);
        expect(page.dpi).to.be.within(100, 400);
        expect(Math.abs(page.deskew_degrees! + doc.scan!.rotateDegrees)).to.be.at.most(0.6, doc.filename);
      }
    }
  });

  it('when born-digital PDFs are read, then their text layer is used and OCR is not', () => {
    const digital = readings.filter((r) => r.rendering === 'text_pdf');
    expect(digital.length).to.be.greaterThan(0);
    for (const { state } of digital) expect(state.pages.every((p) => p.source === 'text_layer')).to.equal(true);
  });

  it('when a type is decided, then the classification names its cues and a confidence', () => {
    for (const { state } of readings) {
      expect(state.classification!.confidence).to.be.within(0.5, 1);
      expect(state.classification!.reasons.length).to.be.greaterThan(0);
    }
  });
});
