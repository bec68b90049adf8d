import { expect } from 'chai';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadPdfJs, openPdf } from '../../worker/pdf/document';
import { pageText } from '../../worker/pdf/text-layer';

/** One page of text, as a text PDF arrives. */
async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Certificate of Incorporation', { x: 72, y: 760, size: 14, font });
  return doc.save();
}

describe('pdf: loading pdf.js', () => {
  it('when pdf.js is loaded (as a processing thread warms), then its worker half is loaded with it, where pdf.js looks before importing one on the first document', async () => {
    await loadPdfJs();
    const preloaded = (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker;
    expect(preloaded?.WorkerMessageHandler).to.be.a('function');
  });

  it('when a document is opened after that, then pdf.js reads it with the half handed over', async () => {
    const pdf = await openPdf(await textPdf(), 5);
    try {
      expect(await pageText(pdf, 1)).to.contain('Certificate of Incorporation');
    } finally {
      await pdf.loadingTask.destroy();
    }
  });
});
