import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDocument } from '../../fixtures';
import type { Check } from '../../worker/domain';
import { verifySignature } from '../../worker/webhooks/signing';
import { startTestApp, uploadAndWait, type TestApp } from '../helpers/app';
import { textPdf } from '../helpers/pdf';
import { incrementalUpdate } from './pdf-edits';
import { startFakeCompaniesHouse, type FakeCompaniesHouse } from '../fakes/companies-house';
import { startFakeHmrc, type FakeHmrc } from '../fakes/hmrc';
import { ACTIVE, DISSOLVED, RENAMED, STRIKE_OFF, UNKNOWN_VAT_NUMBER, fakeRegistryEnv } from '../fakes/registry-data';
import { pollUntil } from '../helpers/poll';

const SECRET = 'webhook-test-secret';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that refuses the first delivery of each task with a 500, to make the sender retry. */
async function startReceiver() {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body });
      const key = String(req.headers['idempotency-key']);
      res.writeHead(seen.has(key) ? 204 : 500).end();
      seen.add(key);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

const checkOf = (doc: Record<string, any>, id: string): Check => {
  const found = (doc.verification?.checks as Check[] | undefined)?.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} in ${JSON.stringify(doc.verification ?? doc)}`);
  return found;
};

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A bank statement for the active company whose period ended `daysAgo` days ago. */
function statement(daysAgo: number): Promise<Buffer> {
  const end = isoDaysAgo(daysAgo);
  const start = isoDaysAgo(daysAgo + 30);
  const c = ACTIVE.company;
  return textPdf([
    [
      'Northway Bank',
      'Business Banking',
      c.name,
      ...c.address_lines,
      c.postcode,
      'Business Current Account',
      `Account name ${c.name}`,
      'Sort code 20-00-00    Account number 12345678',
      `Statement period ${ukDate(start)} to ${ukDate(end)}`,
      'Date          Description                 Paid out      Paid in      Balance',
      `${ukDate(start)}  BALANCE BROUGHT FORWARD                                1200.00`,
      `${ukDate(end)}  CARD PAYMENT TESCO STORES     23.10                    1176.90`,
    ],
  ]);
}

describe('verification end to end against the fake registries', function () {
  this.timeout(60_000);
  let t: TestApp;
  let ch: FakeCompaniesHouse;
  let hmrc: FakeHmrc;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  before(async () => {
    [ch, hmrc, receiver] = await Promise.all([startFakeCompaniesHouse(), startFakeHmrc(), startReceiver()]);
    t = await startTestApp({
      env: {
        ...fakeRegistryEnv(ch, hmrc),
        REGISTRY_TIMEOUT_MS: '500',
        REGISTRY_RETRIES: '1',
        REGISTRY_RETRY_DELAY_MS: '5',
        COMPANIES_HOUSE_CACHE_SECONDS: '1',
        WEBHOOK_URL: receiver.url,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_RETRY_DELAY_MS: '10',
        PUBLIC_URL: 'https://kyb.example.test',
      },
    });
  });
  after(async () => {
    await t?.close();
    await Promise.all([ch?.close(), hmrc?.close(), receiver?.close()]);
  });
  afterEach(() => {
    ch.clearScript();
    hmrc.clearScript();
  });

  const certificate = async (company = ACTIVE.company, seed = 11) =>
    generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed, company });

  it('when a clean certificate of an active company matches the registry, then the document ends verified', async () => {
    const doc = await certificate();
    const view = await uploadAndWait(t, doc.bytes, doc.filename, { company_number: ACTIVE.company.number });
    expect(view.verification?.decision, JSON.stringify(view.verification?.checks?.filter((c: Check) => c.status !== 'pass'))).to.equal(
      'verified',
    );
    expect(view.verification.score).to.be.at.least(80);
    expect(view.verification.policy_version).to.be.a('string');
  });

  it('when the certificate is of a dissolved company, then it is rejected for its status', async () => {
    const doc = await certificate(DISSOLVED.company, 12);
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(checkOf(view, 'companies_house.status_active').reason_code).to.equal('company_dissolved');
    expect(view.verification.decision).to.equal('rejected');
  });

  it('when the certificate shows the former name of a renamed company, then it is not verified', async () => {
    const doc = await certificate(RENAMED.company, 13);
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(checkOf(view, 'companies_house.name_match')).to.include({ status: 'warn', reason_code: 'previous_name' });
    expect(view.verification.decision).to.equal('review');
  });

  it('when a VAT certificate carries a number HMRC does not know, then it is rejected', async () => {
    const doc = await generateDocument({
      type: 'vat_registration_certificate',
      rendering: 'text_pdf',
      seed: 14,
      company: { ...ACTIVE.company, vat_number: UNKNOWN_VAT_NUMBER },
    });
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(checkOf(view, 'hmrc_vat.registered').reason_code).to.equal('vat_not_registered');
    expect(view.verification.decision).to.equal('rejected');
  });

  it('when a bank statement is recent, then freshness passes; when it is stale, then it is rejected', async () => {
    const fresh = await uploadAndWait(t, await statement(10), 'statement-fresh.pdf');
    expect(checkOf(fresh, 'document.freshness').status).to.equal('pass');
    const stale = await uploadAndWait(t, await statement(200), 'statement-stale.pdf');
    expect(checkOf(stale, 'document.freshness').reason_code).to.equal('stale');
    expect(stale.verification.decision).to.equal('rejected');
  });

  it('when a genuine certificate was edited and saved again in a PDF editor, then it is not verified', async () => {
    const doc = await certificate(ACTIVE.company, 15);
    const edited = incrementalUpdate(doc.bytes, 'Adobe Photoshop 25.1');
    const view = await uploadAndWait(t, edited, 'edited.pdf');
    expect(checkOf(view, 'forensics.pdf_producer').status).to.equal('fail');
    expect(checkOf(view, 'forensics.pdf_incremental_updates').status).to.equal('warn');
    expect(view.verification.decision).to.not.equal('verified');
  });

  it('when the same file is submitted for another company, then the second upload is rejected as a duplicate', async () => {
    const doc = await certificate(ACTIVE.company, 16);
    await uploadAndWait(t, doc.bytes, doc.filename, { company_number: ACTIVE.company.number });
    const again = await uploadAndWait(t, doc.bytes, doc.filename, { company_number: DISSOLVED.company.number });
    expect(checkOf(again, 'forensics.duplicate').reason_code).to.equal('duplicate_other_company');
    expect(again.verification.decision).to.equal('rejected');
  });

  it('when Companies House is down, then the task still completes, the checks are error and the verdict is review', async () => {
    ch.outage({ kind: 'status', status: 503 });
    // A company not looked up before, so no cached profile hides the outage.
    const doc = await certificate(STRIKE_OFF.company, 17);
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    expect(view.status).to.equal('completed');
    expect(checkOf(view, 'companies_house.exists').status).to.equal('error');
    expect(view.verification.decision).to.equal('review');
  });

  it('when a task ends, then a signed webhook is delivered, retried after a failure, and every attempt is recorded', async () => {
    const doc = await certificate(ACTIVE.company, 18);
    const view = await uploadAndWait(t, doc.bytes, doc.filename);
    const mine = () => receiver.received.filter((r) => JSON.parse(r.body).document_id === view.document_id);
    const [first, second] = await pollUntil(mine, (m) => m.length >= 2, { timeoutMs: 10_000 });
    expect(second, 'a retry after the 500').to.not.equal(undefined);
    const payload = JSON.parse(second!.body);
    expect(payload).to.include({ event: 'task.completed', document_id: view.document_id, decision: view.verification.decision });
    expect(payload.result_url).to.equal(`https://kyb.example.test/api/v1/documents/${view.document_id}`);
    expect(
      verifySignature(SECRET, second!.body, String(second!.headers['x-kyb-timestamp']), String(second!.headers['x-kyb-signature'])),
    ).to.equal(true);
    expect(
      verifySignature(
        'another-secret',
        second!.body,
        String(second!.headers['x-kyb-timestamp']),
        String(second!.headers['x-kyb-signature']),
      ),
    ).to.equal(false);
    expect(second!.headers['idempotency-key']).to.equal(first!.headers['idempotency-key']);
    const attempts = await t.runtime.repos.webhookDeliveries.forTask(payload.task_id);
    expect(attempts.map((a) => [a.attempt, a.status_code, a.delivered])).to.deep.equal([
      [1, 500, false],
      [2, 204, true],
    ]);
  });
});
