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
  // A postcode pasted from another scan with grainier paper: seed 5008 of `make forensics-accuracy`.
  { rendering: 'scan_png', technique: 'paste_region', seed: 5008 },
];

const FLOOR = 4;

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

  it('when an image-only PDF is read, then its page is judged on the scan embedded in it', () => {
    const pdfs = outcomes.filter((o) => o.rendering === 'image_pdf');
    expect(pdfs).to.have.length(2);
    for (const o of pdfs) expect(o.measured, `seed ${o.seed}`).to.equal(true);
  });

  it('when any page is read, then the window scan judges its paper whatever OCR read on it', () => {
    for (const o of outcomes)
      expect(
        o.worst.some((w) => w.startsWith('region=')),
        `${o.rendering} seed ${o.seed}`,
      ).to.equal(true);
  });

  it('when a digit of a lossless scan is cloned from the same field, then copy-move names the copy, whatever its distance from its source', () => {
    const clone = outcomes.find((o) => o.rendering === 'scan_png' && o.technique === 'clone_digit')!;
    expect(clone.caught, JSON.stringify(clone)).to.equal(true);
    expect(clone.alarms.some((a) => a.startsWith('forensics.pixel_copy_move'))).to.equal(true);
  });

  it('when two prints of a plain "1" in one font lie far nearer than the page\'s glyphs typically do but share little grain, then copy-move raises nothing', async function () {
    this.timeout(300_000);
    // Held-out sound seed 105039 of `make forensics-accuracy`: the two 1s of "20/08/2017", 6.4 times
    // nearer than the page's glyphs typically are to their nearest fellow, sharing grain 0.16.
    const doc = await cachedForgery({ type: 'vat_registration_certificate', rendering: 'photo_jpeg', technique: 'sound', seed: 105039 });
    const ocr = new CachedOcr(1);
    try {
      const outcome = judge(doc, await readForgery(ocr, doc), pixelForensicsThresholds);
      expect(outcome.alarms, JSON.stringify(outcome.worst)).to.deep.equal([]);
    } finally {
      await ocr.close();
    }
  });

  it('when a field of a scan, photo or image-only PDF was retyped, painted over, pasted or cloned after scanning, then a pixel check names its region', () => {
    const forged = outcomes.filter((o) => o.technique !== 'sound');
    const caught = forged.filter((o) => o.caught);
    // Floor a little under what the sample measures (5 of 5; 3 of 4 before copy-move counted shared grain beyond the page's norm), for OCR boxes that move by a pixel on another machine.
    expect(forged).to.have.length(5);
    expect(caught.length, JSON.stringify(forged)).to.be.at.least(FLOOR);
  });
});
