import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import { screenshot, useAppPage } from './app-page';

describe('the /app page in Chromium', () => {
  const app = useAppPage();
  let t: TestApp;
  let page: Page;
  let problems: string[];

  beforeEach(() => {
    ({ t, page, problems } = app);
  });

  it('when a text PDF is uploaded with claims, then the progress bar reaches 100 and the decision, checks and extracted fields appear', async () => {
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/progress/') && request.headers().accept === 'text/event-stream') streams.push(request.url());
    });
    const pdf = await textPdf([
      [
        'CERTIFICATE OF INCORPORATION',
        'OF A PRIVATE LIMITED COMPANY',
        'Company Number 09446231',
        'The Registrar of Companies for England and Wales hereby certifies that',
        'EXAMPLE TRADING LIMITED',
        'is this day incorporated under the Companies Act 2006 as a private company,',
        'that the company is limited by shares, and the situation of its registered office is in England and Wales.',
        'Given at Companies House, Cardiff, on 12th February 2015.',
      ],
    ]);

    await page.getByLabel('API key').fill(t.key);
    await page.getByLabel('Document').setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByLabel('Company number').fill('09446231');
    await page.getByLabel('Company name').fill('Example Trading Limited');
    const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/v1/documents/upload'));
    await page.getByLabel('Company name').press('Enter');
    const { document_id } = (await (await uploaded).json()) as { document_id: string };

    await page.locator('#result h2').waitFor();
    expect(await page.locator('#progress').evaluate((bar: HTMLProgressElement) => bar.value)).to.equal(100);
    expect(await page.locator('#progress-percent').textContent()).to.equal('100%');
    expect(await page.getByRole('status').textContent()).to.equal('Completed (100%).');
    expect(streams, 'the progress bar follows the SSE stream').to.have.length.greaterThan(0);

    await screenshot(page, 'app-result.png');

    const document = (await t.request.get(`/api/v1/documents/${document_id}`).set(t.auth)).body;
    expect(document.status).to.equal('completed');
    const decision = await page.locator('#decision .verdict-value').textContent();
    if (document.verification) {
      expect(decision).to.equal(
        { verified: 'Verified', review: 'Needs review', rejected: 'Rejected' }[document.verification.decision as string],
      );
      if (document.verification.decision !== 'verified') {
        const reasons = (await page.locator('#decision-reasons li').allTextContents()).join('\n');
        for (const r of document.verification.reasons as { message: string }[])
          expect(reasons, 'why it is not verified').to.contain(r.message);
      }
      const rows = page.locator('table[aria-labelledby="checks-heading"] tbody tr');
      expect(await rows.count()).to.equal(document.verification.checks.length);
      for (const [i, check] of (document.verification.checks as { reason_code: string; message: string }[]).entries()) {
        expect(await rows.nth(i).textContent())
          .to.contain(check.reason_code)
          .and.contain(check.message);
      }
    } else {
      expect(decision).to.equal('No verdict yet');
      expect(await page.locator('#result').textContent()).to.contain('No checks have run on this document yet.');
    }
    const fieldsText = (await page.locator('#result').textContent()) ?? '';
    for (const field of Object.values(document.fields as Record<string, { value: string }>)) expect(fieldsText).to.contain(field.value);
    expect(fieldsText).to.contain('certificate.pdf').and.contain('Company number 09446231');

    await page.reload();
    expect(await page.getByLabel('API key').inputValue(), 'the key is remembered for the tab').to.equal(t.key);
    expect(problems).to.deep.equal([]);
  });

  it("when an HTML file renamed .pdf is uploaded, then the API's unsupported_type code and message are shown as an alert", async () => {
    await page.getByLabel('API key').fill(t.key);
    await page.getByLabel('Document').setInputFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<!doctype html><title>not a pdf</title><p>hello</p>'),
    });
    await page.getByRole('button', { name: 'Upload and verify' }).click();

    const alert = page.getByRole('alert');
    await alert.getByText('unsupported_type').waitFor();
    expect(await alert.textContent())
      .to.contain('not supported: upload a PDF, PNG, JPEG, TIFF or WebP.')
      .and.contain('Request id');
    expect(await page.locator('#result').isHidden()).to.equal(true);
    expect(await page.getByRole('button', { name: 'Upload and verify' }).isEnabled()).to.equal(true);
    expect(problems.filter((p) => !p.includes('415'))).to.deep.equal([]);
  });
});
