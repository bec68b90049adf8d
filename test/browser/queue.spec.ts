import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { statement } from '../cases/support';
import { uploadAndWait, type TestApp } from '../helpers/app';
import { screenshot, useAppPage } from './app-page';

describe('the /app review queue in Chromium', () => {
  const app = useAppPage();
  let t: TestApp;
  let page: Page;
  let problems: string[];
  let reviewerKey: string;
  let older: Record<string, any>;
  let newer: Record<string, any>;

  before(async () => {
    ({ t } = app);
    // No registry is configured, so both statements end in review.
    older = await uploadAndWait(t, await statement({ account: '11112222' }), 'older-statement.pdf');
    newer = await uploadAndWait(t, await statement({ account: '33334444' }), 'newer-statement.pdf');
    const tenant = await t.runtime.db.models.Tenant.findByPk(t.tenantId);
    reviewerKey = (await t.runtime.repos.apiKeys.create(tenant?.name ?? '', { role: 'reviewer' })).key;
  });
  beforeEach(() => {
    ({ t, page, problems } = app);
  });

  const rows = () => page.locator('#queue-table tbody tr');

  it('when a reviewer shows the queue, opens the newest document and verifies it, then its checks show, the decision stands and it leaves the queue', async () => {
    await page.getByLabel('API key').fill(reviewerKey);
    await page.getByLabel('Type', { exact: true }).selectOption('bank_statement');
    await page.getByRole('button', { name: 'Show the queue' }).click();
    await rows().first().waitFor();
    expect(await rows().count()).to.equal(2);
    expect(await rows().nth(0).locator('th').textContent()).to.equal('newer-statement.pdf');
    expect(await rows().nth(1).locator('th').textContent()).to.equal('older-statement.pdf');
    expect(await page.locator('#queue-status').textContent()).to.contain('2 shown, newest first; 2 open reviews in all.');

    await page.getByRole('button', { name: 'newer-statement.pdf' }).click();
    const checks = page.locator('#review-document table[aria-labelledby="checks-heading"] tbody tr');
    await checks.first().waitFor();
    expect(await checks.count()).to.equal(newer.verification.checks.length);
    expect(await page.locator('#review-document #decision .verdict-value').textContent()).to.equal('Needs review');

    await page.getByLabel('Reason code').fill('documents_match');
    await page.getByLabel('Note').fill('Statement matches the bank’s confirmation.');
    await screenshot(page, 'app-queue.png');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('#review-outcome').getByText('Decided: Verified').waitFor();
    expect(await rows().count()).to.equal(1);

    const view = (await t.request.get(`/api/v1/documents/${newer.document_id}`).set(t.auth)).body;
    expect(view.standing).to.deep.equal({ decision: 'verified', by: 'review' });
    expect(view.review).to.include({ reason_code: 'documents_match', note: 'Statement matches the bank’s confirmation.' });
    expect(view.verification.decision).to.equal('review');
    expect(problems).to.deep.equal([]);
  });

  it("when a submitter key tries to decide, then the API's insufficient_role refusal is shown and the document stays in the queue", async () => {
    await page.getByLabel('API key').fill(t.key);
    await page.getByLabel('Uploaded on or after').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show the queue' }).click();
    await page.getByRole('button', { name: 'older-statement.pdf' }).click();
    await page.getByLabel('Reason code').fill('altered_document');
    await page.getByRole('button', { name: 'Reject' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('insufficient_role').waitFor();
    expect(await alert.textContent()).to.contain('reviewer');
    const view = (await t.request.get(`/api/v1/documents/${older.document_id}`).set(t.auth)).body;
    expect(view.review).to.equal(null);
    expect(problems.filter((p) => !p.includes('403'))).to.deep.equal([]);
  });
});
