import { expect } from 'chai';
import sharp from 'sharp';
import { generateDocument } from '../../fixtures';
import { PermanentError } from '../../worker/errors';
import { OcrPool } from '../../worker/ocr/pool';
import { imagePages } from '../../worker/pipeline/image-pages';
import { CachedOcr } from './cache';
import { readDocument } from './reader';

/** A TIFF of `count` blank grey pages, each `size` pixels square, as a sheet feeder saves them. */
async function tiffOf(count: number, size = 64): Promise<Buffer> {
  const page = (i: number) =>
    sharp({ create: { width: size, height: size, channels: 3, background: { r: 40 * i, g: 40 * i, b: 40 * i } } })
      .png()
      .toBuffer();
  const pages = await Promise.all(Array.from({ length: count }, (_, i) => page(i)));
  return sharp(pages, { join: { animated: true } })
    .tiff()
    .toBuffer();
}

async function refusal(promise: Promise<unknown>): Promise<PermanentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(PermanentError);
  return error as PermanentError;
}

describe('reading: a multi-page image (a sheet-feeder scan saved as one TIFF)', function () {
  this.timeout(300_000);

  it('when a TIFF has three pages, then each is given as its own page, in order, with its own pixels', async () => {
    const pages = await imagePages(await tiffOf(3), { maxPages: 5, maxPixels: 1_000_000 });
    expect(pages.count).to.equal(3);
    const means = [];
    for (let n = 1; n <= 3; n++) means.push(Math.round((await sharp(await pages.page(n)).stats()).channels[0]!.mean));
    expect(means).to.deep.equal([0, 40, 80]);
  });

  it('when an image has one page, then it is passed on as it came', async () => {
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer();
    const pages = await imagePages(jpeg, { maxPages: 5, maxPixels: 1_000_000 });
    expect(pages.count).to.equal(1);
    expect(await pages.page(1)).to.equal(jpeg);
  });

  it('when a TIFF has more pages than the page limit, then it is refused as image_too_many_pages', async () => {
    const error = await refusal(imagePages(await tiffOf(4), { maxPages: 3, maxPixels: 1_000_000 }));
    expect(error.code).to.equal('image_too_many_pages');
  });

  it('when a page of a TIFF has more pixels than one image may, then it is refused as image_too_large', async () => {
    const pages = await imagePages(await tiffOf(2, 200), { maxPages: 3, maxPixels: 30_000 });
    expect((await refusal(pages.page(2))).code).to.equal('image_too_large');
  });

  it("when a TIFF's pages together have more pixels than the document may, then it is refused as image_too_large", async () => {
    const pages = await imagePages(await tiffOf(3, 100), { maxPages: 3, maxPixels: 1_000_000, maxTotalPixels: 25_000 });
    await pages.page(1);
    await pages.page(2);
    expect((await refusal(pages.page(3))).code).to.equal('image_too_large');
  });

  it('when a bill whose details are on page 2 is scanned as a two-page TIFF, then its name, postcode and date are read off page 2', async () => {
    const doc = await generateDocument({ type: 'utility_bill', layout: 'detailsOnPageTwo', rendering: 'scan_image', seed: 5 });
    expect([doc.mime, doc.pages]).to.deep.equal(['image/tiff', 2]);
    const ocr = new CachedOcr(new OcrPool({ size: 1, recycleAfter: 10 }));
    try {
      const state = await readDocument(doc.bytes, { ocr });
      expect(state.pages.map((p) => [p.number, p.source])).to.deep.equal([
        [1, 'ocr'],
        [2, 'ocr'],
      ]);
      const { company_name, postcode, document_date } = doc.truth.fields;
      expect([state.fields.company_name?.value, state.fields.postcode?.value, state.fields.document_date?.value]).to.deep.equal([
        company_name,
        postcode,
        document_date,
      ]);
    } finally {
      await ocr.close();
    }
  });
});
