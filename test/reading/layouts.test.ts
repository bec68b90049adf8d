import { expect } from 'chai';
import { textPdf } from '../../fixtures/render';
import type { DocumentSpec } from '../../fixtures/layouts';
import { readTextLayer } from '../../worker/pdf/text-layer';

/** A statement's grid whose last cell, set in Courier, is longer than the room left to its right. */
function gridWithLongLastCell(): DocumentSpec {
  const at = (x: number, text: string) => ({ text, x, y: 700, size: 10 });
  return {
    family: 'courier',
    pages: [{ runs: [at(40, '35-06-18'), at(211, '33986031'), at(383, '1 September 2026 to 30 September 2026')], rules: [] }],
    truth: { document_type: 'bank_statement', fields: {} },
  };
}

describe('reading corpus: how layouts are printed', () => {
  it('when a layout puts text too long for the room to its right, then the PDF still prints all of it on the page', async () => {
    const { pages } = await readTextLayer(await textPdf(gridWithLongLastCell(), 'test'), 1);
    expect(pages[0]).to.include('30 September 2026');
    expect(pages[0]).to.include('33986031');
  });
});
