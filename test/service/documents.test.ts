import { expect } from 'chai';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';

describe('documents API', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('when a text PDF is uploaded, then it is stored, queued and completed with its text and page count', async () => {
    const pdf = await textPdf([['Hello Companies House', 'Company number 09446231'], ['Second page']]);
    const doc = await uploadAndWait(t, pdf, 'hello.pdf');
    expect(doc.status).to.equal('completed');
    expect(doc.pages).to.equal(2);
    expect(doc.text).to.contain('Company number 09446231').and.contain('Second page');
    expect(doc.content_type).to.equal('application/pdf');
    expect(doc.size_bytes).to.equal(pdf.length);
    expect(doc.error).to.equal(null);
  });
});
