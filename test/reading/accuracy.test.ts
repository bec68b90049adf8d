import { expect } from 'chai';
import { generateCorpus, type GeneratedDocument } from '../../fixtures';
import { OcrPool } from '../../worker/ocr/pool';
import type { PipelineState } from '../../worker/pipeline/types';
import { expectFloors, readDocument, score } from './reader';

/**
 * The accuracy floors of issue 3 on a seeded synthetic corpus: every type in every rendering,
 * each document about a different company, with varied layouts, fonts, wording and scan damage.
 */
describe('reading: accuracy on the generated corpus', function () {
  this.timeout(600_000);
  let ocr: OcrPool;
  const readings: Array<{ doc: GeneratedDocument; state: PipelineState }> = [];

  before(async () => {
    ocr = new OcrPool({ size: 2, recycleAfter: 25 });
    const corpus = [
      ...(await generateCorpus({ seed: 11, perCell: 4, renderings: ['text_pdf', 'multi_page_pdf'] })),
      ...(await generateCorpus({ seed: 12, perCell: 2, renderings: ['scan_image', 'image_pdf'] })),
      ...(await generateCorpus({ seed: 13, perCell: 1, renderings: ['multi_page_scan_pdf'] })),
    ];
    // Two documents at a time keep both OCR workers busy.
    for (let i = 0; i < corpus.length; i += 2) {
      const batch = corpus.slice(i, i + 2);
      const states = await Promise.all(batch.map((doc) => readDocument(doc.bytes, { ocr }, doc.filename)));
      batch.forEach((doc, k) => readings.push({ doc, state: states[k]! }));
    }
  });
  after(async () => ocr?.close());

  it('when every rendering is read, then at least 98% are classified right and every field is at least 95% right', () => {
    expectFloors(score(readings), 0.98, 0.95);
  });

  it('when scans are read, then each page records OCR confidence, blur, resolution and the deskew applied', () => {
    const scanned = readings.filter((r) => r.state.pages.some((p) => p.source === 'ocr'));
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
    const digital = readings.filter((r) => r.doc.mime === 'application/pdf' && !r.doc.scan);
    for (const { state } of digital) expect(state.pages.every((p) => p.source === 'text_layer')).to.equal(true);
  });

  it('when a type is decided, then the classification names its cues and a confidence', () => {
    for (const { state } of readings) {
      expect(state.classification!.confidence).to.be.within(0.5, 1);
      expect(state.classification!.reasons.length).to.be.greaterThan(0);
    }
  });
});
