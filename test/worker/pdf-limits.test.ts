import zlib from 'node:zlib';
import { expect } from 'chai';
import { PermanentError } from '../../worker/errors';
import { checkPdfLimits, type PdfLimits } from '../../worker/pdf/limits';
import { capLines } from '../../worker/pipeline/text';
import { assemble, gigaFlateBombPdf, imageBombPdf, onePagePdf, rectanglesPdf, stream, textRunsPdf } from '../hostile/files/pdf';

const roomy: PdfLimits = {
  maxStreamBytes: 64 * 1024 * 1024,
  maxInflatedBytes: 128 * 1024 * 1024,
  maxOperators: 1_000_000,
  maxTextItems: 100_000,
  maxRenderPixels: 100_000_000,
};

/** A one-page PDF whose content stream is `ops`, uncompressed. */
const contentPdf = (ops: string) =>
  assemble(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      stream('', Buffer.from(ops, 'latin1')),
    ],
    { trailer: '/Root 1 0 R' },
  );

async function refusal(bytes: Buffer, limits: Partial<PdfLimits>): Promise<PermanentError | undefined> {
  return checkPdfLimits(bytes, { ...roomy, ...limits }).then(
    () => undefined,
    (error: unknown) => error as PermanentError,
  );
}

describe('PDF limits, checked before pdf.js', () => {
  it('when a PDF is an ordinary page of text, then it passes', async () => {
    expect(await refusal(onePagePdf(), {})).to.equal(undefined);
  });

  it('when a stream inflates past the per-stream limit, then the PDF is refused pdf_too_complex without inflating the rest', async () => {
    const started = performance.now();
    const error = await refusal(gigaFlateBombPdf(1024 ** 3), { maxStreamBytes: 8 * 1024 * 1024 });
    expect(error?.code).to.equal('pdf_too_complex');
    expect(error?.details).to.deep.equal({ limit: 8 * 1024 * 1024 });
    expect(performance.now() - started).to.be.below(2_000);
  });

  it('when streams together inflate past the document limit, then the PDF is refused', async () => {
    const error = await refusal(gigaFlateBombPdf(16 * 1024 * 1024), { maxInflatedBytes: 4 * 1024 * 1024 });
    expect(error?.code).to.equal('pdf_too_complex');
  });

  it('when a stream nests Flate inside Flate, then the inner layer counts too', async () => {
    const inner = zlib.deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const nested = assemble(['<< /Type /Catalog >>', stream('/Filter [/FlateDecode /FlateDecode]', zlib.deflateSync(inner))], {
      trailer: '/Root 1 0 R',
    });
    expect((await refusal(nested, { maxStreamBytes: 1024 * 1024 }))?.code).to.equal('pdf_too_complex');
  });

  it('when content holds more operators than allowed, then the PDF is refused; strings, names, numbers and comments are not operators', async () => {
    const five = '% a comment with words\nBT /F1 12 Tf 72 760 Td (Hello world, this is not an operator) Tj <48656c6c6f> Tj ET';
    expect(await refusal(contentPdf(five), { maxOperators: 6 })).to.equal(undefined);
    expect((await refusal(contentPdf(`${five} q Q`), { maxOperators: 6 }))?.code).to.equal('pdf_too_complex');
    expect((await refusal(textRunsPdf(3_000_000), {}))?.code).to.equal('pdf_too_complex');
    expect((await refusal(rectanglesPdf(3_000_000), {}))?.code).to.equal('pdf_too_complex');
  });

  it('when an image stream declares a huge size, then the scan leaves it to the pixel bound where it is drawn', async () => {
    expect(await refusal(imageBombPdf(60_000), { maxStreamBytes: 1024 })).to.equal(undefined);
  });

  it('when a line is longer than the line limit, then it is cut and the other lines are kept', () => {
    expect(capLines(`short\n${'x'.repeat(50)}\nend`, 10)).to.equal(`short\n${'x'.repeat(10)}\nend`);
  });
});
