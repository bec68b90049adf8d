import { generateDocument, type Company } from '../../fixtures';
import { textPdf } from '../helpers/pdf';
import { waitForTask, type TestApp } from '../helpers/app';
import { ACTIVE } from '../fakes/registry-data';

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const ukDate = (iso: string) => iso.split('-').reverse().join('/');

export interface StatementOptions {
  company?: Company;
  /** Street lines and postcode the statement is addressed to; the company's own by default. */
  address?: { lines: string[]; postcode: string };
  account?: string;
  daysAgo?: number;
}

/** A born-digital bank statement whose period ended `daysAgo` days ago. */
export function statement(options: StatementOptions = {}): Promise<Buffer> {
  const c = options.company ?? ACTIVE.company;
  const address = options.address ?? { lines: c.address_lines, postcode: c.postcode };
  const end = isoDaysAgo(options.daysAgo ?? 10);
  const start = isoDaysAgo((options.daysAgo ?? 10) + 30);
  return textPdf([
    [
      'Northway Bank',
      'Business Banking',
      c.name,
      ...address.lines,
      address.postcode,
      'Business Current Account',
      `Account name ${c.name}`,
      `Sort code 20-00-00    Account number ${options.account ?? '12345678'}`,
      `Statement period ${ukDate(start)} to ${ukDate(end)}`,
      'Date          Description                 Paid out      Paid in      Balance',
      `${ukDate(start)}  BALANCE BROUGHT FORWARD                                1200.00`,
      `${ukDate(end)}  CARD PAYMENT TESCO STORES     23.10                    1176.90`,
    ],
  ]);
}

export async function certificate(company: Company = ACTIVE.company, seed = 31): Promise<Buffer> {
  return (await generateDocument({ type: 'certificate_of_incorporation', rendering: 'text_pdf', seed, company })).bytes;
}

export async function vatCertificate(company: Company = ACTIVE.company, seed = 32): Promise<Buffer> {
  return (await generateDocument({ type: 'vat_registration_certificate', rendering: 'text_pdf', seed, company })).bytes;
}

export const authOf = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Uploads into a case and waits until the document is processed; returns its id. */
export async function uploadInto(
  t: TestApp,
  auth: Record<string, string>,
  caseId: string,
  bytes: Buffer,
  filename: string,
): Promise<string> {
  const up = await t.request.post('/api/v1/documents/upload').set(auth).field('case_id', caseId).attach('file', bytes, filename);
  if (up.status !== 202) throw new Error(`upload answered ${up.status}: ${JSON.stringify(up.body)}`);
  await waitFor(t, auth, up.body.task_id);
  return up.body.document_id as string;
}

export async function waitFor(t: TestApp, auth: Record<string, string>, taskId: string): Promise<void> {
  await waitForTask({ ...t, auth: auth as TestApp['auth'] }, taskId);
}

export async function openCase(t: TestApp, auth: Record<string, string>, body: Record<string, unknown>): Promise<string> {
  const res = await t.request.post('/api/v1/cases').set(auth).send(body);
  if (res.status !== 201) throw new Error(`create case answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.case_id as string;
}
