import { expect } from 'chai';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { forensicsStage } from '../../worker/pipeline/forensics';
import type { EarlierUpload } from '../../worker/forensics/checks';
import { scanPdfBytes } from '../../worker/forensics/pdf-facts';
import { checkOf, runStage } from './context';
import { incrementalUpdate } from './pdf-edits';

interface PdfOptions {
  producer?: string;
  created?: Date;
  modified?: Date;
  javascript?: boolean;
  attachment?: boolean;
  /** A data stream whose bytes happen to spell PDF keywords, as compressed image bytes sometimes do. */
  keywordsInStream?: boolean;
  freeText?: boolean;
}

async function pdf(options: PdfOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Statement of account', { x: 50, y: 780, size: 12, font });
  doc.setProducer(options.producer ?? 'Statement Composer 4.2');
  doc.setCreator('Statement Composer');
  const created = options.created ?? new Date('2025-05-01T10:00:00Z');
  doc.setCreationDate(created);
  doc.setModificationDate(options.modified ?? created);
  if (options.javascript) doc.addJavaScript('greeting', 'app.alert("hello");');
  if (options.keywordsInStream) {
    doc.context.register(doc.context.stream('\x8f/JS \x01%%EOF\n/EmbeddedFile \x02/JavaScript\xff', { Type: 'XObject' }));
  }
  if (options.attachment) await doc.attach(Buffer.from('hidden'), 'notes.txt', { mimeType: 'text/plain' });
  if (options.freeText) {
    const annot = doc.context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [50, 700, 250, 720],
      Contents: PDFString.of('Balance 9,999.00'),
    });
    page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const stage = (earlier: EarlierUpload[] = []) => forensicsStage({ maxPages: 10, earlierUploads: async () => earlier });
const asPdf = { file: { mime: 'application/pdf', ext: 'pdf' } };

describe('forensic checks', () => {
  it('when a PDF comes straight from its producer, then every PDF check passes', async () => {
    const state = await runStage(stage(), { bytes: await pdf(), state: asPdf });
    for (const id of [
      'type_extension',
      'pdf_producer',
      'pdf_dates',
      'pdf_incremental_updates',
      'pdf_javascript',
      'pdf_embedded_files',
      'pdf_annotations',
      'duplicate',
    ]) {
      expect(checkOf(state, `forensics.${id}`).status, id).to.equal('pass');
    }
    expect(state.pdf?.producer).to.equal('Statement Composer 4.2');
  });

  it('when the producer is an editing tool, then the producer check fails naming it', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ producer: 'Adobe Photoshop 25.1' }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_producer')).to.deep.include({ status: 'fail', reason_code: 'editing_tool' });
    expect(checkOf(state, 'forensics.pdf_producer').evidence.tool).to.equal('Adobe Photoshop');
  });

  it('when the PDF was modified weeks after creation, then the dates check warns', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ modified: new Date('2025-05-20T10:00:00Z') }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_dates')).to.include({ status: 'warn', reason_code: 'modified_after_creation' });
  });

  it('when the PDF claims modification before creation, then the dates check fails', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ modified: new Date('2025-04-01T10:00:00Z') }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_dates')).to.include({ status: 'fail', reason_code: 'modified_before_created' });
  });

  it('when an editor saved the PDF again incrementally, then the update is counted and the new producer is seen', async () => {
    const state = await runStage(stage(), { bytes: incrementalUpdate(await pdf(), 'PDFelement 10'), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_incremental_updates')).to.include({ status: 'warn' });
    expect(state.pdf?.incremental_updates).to.equal(1);
    expect(checkOf(state, 'forensics.pdf_producer').status).to.equal('fail');
  });

  it('when the PDF carries JavaScript, then the JavaScript check fails', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ javascript: true }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_javascript').status).to.equal('fail');
  });

  it('when only a stream body spells /JS, %%EOF or /EmbeddedFile, then no JavaScript, update or attachment is seen', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ keywordsInStream: true }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_javascript').status).to.equal('pass');
    expect(checkOf(state, 'forensics.pdf_incremental_updates').status).to.equal('pass');
    expect(checkOf(state, 'forensics.pdf_embedded_files').status).to.equal('pass');
  });

  it('when a JavaScript action sits in a dictionary after a stream, then the raw scan still finds it', () => {
    const bytes = Buffer.from(
      '%PDF-1.7\n1 0 obj\n<< /Length 2 0 R /Filter /FlateDecode >>\nstream\n\x00\x01endstream\nendobj\n' +
        '3 0 obj\n<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>\nendobj\n%%EOF\n',
      'latin1',
    );
    expect(scanPdfBytes(bytes)).to.include({ has_javascript: true, incremental_updates: 0 });
  });

  it('when the PDF carries an embedded file, then it warns', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ attachment: true }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_embedded_files')).to.include({ status: 'warn' });
  });

  it('when a text annotation sits over the page, then it warns', async () => {
    const state = await runStage(stage(), { bytes: await pdf({ freeText: true }), state: asPdf });
    expect(checkOf(state, 'forensics.pdf_annotations')).to.include({ status: 'warn' });
  });

  it('when a PDF is named .jpg, then the type check fails', async () => {
    const state = await runStage(stage(), { bytes: await pdf(), filename: 'statement.jpg', state: asPdf });
    expect(checkOf(state, 'forensics.type_extension')).to.include({ status: 'fail', reason_code: 'extension_mismatch' });
  });

  it('when a photo was saved by an image editor, then the EXIF software check fails', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
      .withExif({ IFD0: { Software: 'Adobe Photoshop 25.1 (Windows)' } })
      .jpeg()
      .toBuffer();
    const state = await runStage(stage(), { bytes: jpeg, filename: 'bill.jpeg', state: { file: { mime: 'image/jpeg', ext: 'jpg' } } });
    expect(checkOf(state, 'forensics.image_software')).to.include({ status: 'fail', reason_code: 'editing_tool' });
    expect(checkOf(state, 'forensics.type_extension').status).to.equal('pass');
  });

  it('when a camera photo has no editing software, then the EXIF software check passes', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
      .withExif({ IFD0: { Make: 'Canon', Model: 'EOS 80D' } })
      .jpeg()
      .toBuffer();
    const state = await runStage(stage(), { bytes: jpeg, filename: 'bill.jpg', state: { file: { mime: 'image/jpeg', ext: 'jpg' } } });
    expect(checkOf(state, 'forensics.image_software').status).to.equal('pass');
  });

  it('when the reading stage measured a blurred, low-resolution page, then the quality check warns', async () => {
    const pages = [
      { number: 1, source: 'ocr' as const, chars: 900, blur: 450, dpi: 300, ocr_confidence: 91 },
      { number: 2, source: 'ocr' as const, chars: 120, blur: 12, dpi: 96, ocr_confidence: 41 },
    ];
    const state = await runStage(stage(), { bytes: await pdf(), state: { ...asPdf, pages } });
    const c = checkOf(state, 'forensics.image_quality');
    expect(c).to.include({ status: 'warn', reason_code: 'poor_quality' });
    expect(c.evidence).to.deep.include({ blurred_pages: [2], low_resolution_pages: [2] });
  });

  it('when a page read as an image is nearly empty, then its low edge count is not taken for blur', async () => {
    const pages = [
      { number: 1, source: 'text_layer' as const, chars: 900 },
      { number: 2, source: 'ocr' as const, chars: 8, blur: 14, dpi: 200, ocr_confidence: 96 },
    ];
    const state = await runStage(stage(), { bytes: await pdf(), state: { ...asPdf, pages } });
    expect(checkOf(state, 'forensics.image_quality')).to.include({ status: 'pass', reason_code: 'quality_ok' });
  });

  it('when the same bytes were submitted for another company, then the duplicate check fails', async () => {
    const earlier = [{ id: 'earlier-doc', claims: { company_number: '07350213' }, created_at: new Date('2025-05-01') }];
    const state = await runStage(stage(earlier), { bytes: await pdf(), state: asPdf, claims: { company_number: '09446231' } });
    expect(checkOf(state, 'forensics.duplicate')).to.include({ status: 'fail', reason_code: 'duplicate_other_company' });
  });

  it('when the same bytes were submitted before for the same company, then it is a resubmission, not a fail', async () => {
    const earlier = [{ id: 'earlier-doc', claims: { company_number: '9446231' }, created_at: new Date('2025-05-01') }];
    const state = await runStage(stage(earlier), { bytes: await pdf(), state: asPdf, claims: { company_number: '09446231' } });
    expect(checkOf(state, 'forensics.duplicate')).to.include({ status: 'pass', reason_code: 'resubmission' });
  });
});
