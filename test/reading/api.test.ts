import { expect } from 'chai';
import { generateDocument } from '../../fixtures';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';

describe('reading: through the API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { OCR_WORKERS: '1' } });
  });
  after(async () => t.close());

  it('when a bank statement is uploaded, then the document shows its type, the cues and the typed fields', async () => {
    const doc = await generateDocument({ type: 'bank_statement', rendering: 'text_pdf', seed: 21 });
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(view.document_type).to.equal('bank_statement');
    expect(view.classification.confidence).to.be.greaterThan(0.5);
    expect(view.classification.reasons).to.include('shows a sort code');
    expect(view.fields.sort_code).to.include({ value: doc.truth.fields.sort_code, source: 'rules', page: 1 });
    expect(view.fields.statement_period.value).to.equal(doc.truth.fields.statement_period);
    expect(view.fields.postcode.value).to.equal(doc.truth.fields.postcode);
  });

  it('when an encrypted PDF is uploaded, then the document fails with pdf_encrypted', async () => {
    const doc = await generateDocument({ type: 'utility_bill', rendering: 'encrypted_pdf', seed: 22 });
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(view.status).to.equal('failed');
    expect(view.error.code).to.equal('pdf_encrypted');
  });
});
