import { expect } from 'chai';
import type { ForgeryRendering, Technique } from '../../fixtures/forgeries';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { cachedForgery, judge, readForgery, type Outcome } from './corpus';
import { CachedOcr } from './ocr-cache';

/** A small, fixed sample of the forgery corpus (`make forensics-accuracy` runs the large one). */
const SAMPLE: { rendering: ForgeryRendering; technique: Technique; seed: number }[] = [
  { rendering: 'scan_png', technique: 'sound', seed: 101 },
  { rendering: 'photo_jpeg', technique: 'sound', seed: 102 },
  { rendering: 'image_pdf', technique: 'sound', seed: 103 },
  { rendering: 'scan_png', technique: 'retype_near_font', seed: 104 },
  { rendering: 'photo_jpeg', technique: 'paint_box_retype', seed: 105 },
  { rendering: 'image_pdf', technique: 'clone_digit', seed: 106 },
  { rendering: 'scan_png', technique: 'clone_digit', seed: 107 },
];

describe('forensics: pixel checks on generated scans, photos and image-only PDFs', () => {
  const outcomes: Outcome[] = [];

  before(async function () {
    this.timeout(300_000);
    const ocr = new CachedOcr(1);
    try {
      for (const item of SAMPLE) {
        const doc = await cachedForgery({ ...item, type: 'bank_statement' });
        outcomes.push(judge(doc, await readForgery(ocr, doc), pixelForensicsThresholds));
      }
    } finally {
      await ocr.close();
    }
  });

  it('when a sound page of any rendering is read, then no pixel check raises anything', () => {
    const sound = outcomes.filter((o) => o.technique === 'sound');
    expect(sound.map((o) => o.rendering)).to.deep.equal(['scan_png', 'photo_jpeg', 'image_pdf']);
    for (const o of sound) expect(o.alarms, `${o.rendering} seed ${o.seed}`).to.deep.equal([]);
  });

  it('when an image-only PDF is read, then its rendered page is not judged by the pixel checks', () => {
    const pdfs = outcomes.filter((o) => o.rendering === 'image_pdf');
    for (const o of pdfs) expect(o.measured, `seed ${o.seed}`).to.equal(false);
  });

  it('when a field of a scan or photo was retyped, painted over or cloned after scanning, then a pixel check names its region', () => {
    const forged = outcomes.filter((o) => o.technique !== 'sound' && o.rendering !== 'image_pdf');
    const caught = forged.filter((o) => o.caught);
    // Measured: all three are caught; the floor leaves one for OCR boxes that move by a pixel on another machine.
    expect(forged).to.have.length(3);
    expect(caught.length, JSON.stringify(forged)).to.be.at.least(2);
  });
});
