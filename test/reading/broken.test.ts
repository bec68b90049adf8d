import { expect } from 'chai';
import sharp from 'sharp';
import { generateDocument, type Rendering } from '../../fixtures';
import { PermanentError } from '../../worker/errors';
import { OcrPool } from '../../worker/ocr/pool';
import { readDocument } from './reader';

async function failureOf(promise: Promise<unknown>): Promise<PermanentError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(PermanentError);
    return error as PermanentError;
  }
  throw new Error('expected the document to be refused');
}

describe('reading: files that cannot be read', () => {
  let ocr: OcrPool;
  before(() => {
    ocr = new OcrPool({ size: 1, recycleAfter: 10 });
  });
  after(async () => ocr.close());

  for (const [rendering, code] of [
    ['encrypted_pdf', 'pdf_encrypted'],
    ['truncated_pdf', 'pdf_corrupt'],
    ['zero_page_pdf', 'pdf_no_pages'],
  ] as Array<[Rendering, string]>) {
    it(`when the upload is a ${rendering.replace(/_/g, ' ')}, then reading ends with ${code}`, async () => {
      const doc = await generateDocument({ type: 'bank_statement', rendering, seed: 9 });
      expect((await failureOf(readDocument(doc.bytes, { ocr }))).code).to.equal(code);
    });
  }

  it('when a PDF has more pages than the limit, then reading ends with pdf_too_many_pages', async () => {
    const doc = await generateDocument({ type: 'bank_statement', rendering: 'multi_page_pdf', seed: 9 });
    const error = await failureOf(readDocument(doc.bytes, { ocr, maxPages: 1 }));
    expect(error.code).to.equal('pdf_too_many_pages');
    expect(error.details).to.deep.include({ pages: doc.pages, limit: 1 });
  });

  it('when an image has more pixels than allowed, then it is refused as image_too_large before decoding', async () => {
    const bomb = await sharp({ create: { width: 4000, height: 4000, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .png()
      .toBuffer();
    const error = await failureOf(readDocument(bomb, { ocr, maxImagePixels: 10_000_000 }));
    expect(error.code).to.equal('image_too_large');
  });

  it('when a JPEG is cut short, then it is refused as image_corrupt', async () => {
    const photo = await generateDocument({ type: 'utility_bill', rendering: 'scan_image', seed: 9 });
    const error = await failureOf(readDocument(photo.bytes.subarray(0, Math.floor(photo.bytes.length / 3)), { ocr }));
    expect(error.code).to.equal('image_corrupt');
  });
});
