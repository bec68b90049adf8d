import fs from 'node:fs/promises';
import pino from 'pino';
import { type Claims, createRuntime, loadConfig, loadSecrets } from '../../worker';
import { listDocuments } from './files';
import { createProgress } from './progress';
import { exitCodeOf, outcomeOf, toCsv, type VerifyRow } from './rows';
import { verifyFiles } from './run';

export interface VerifyFlags {
  companyNumber?: string;
  companyName?: string;
  vatNumber?: string;
  json?: string;
  csv?: string;
  concurrency?: string;
}

function claimsOf(flags: VerifyFlags): Claims {
  const claims: Claims = {};
  if (flags.companyNumber) claims.company_number = flags.companyNumber;
  if (flags.companyName) claims.company_name = flags.companyName;
  if (flags.vatNumber) claims.vat_number = flags.vatNumber;
  return claims;
}

function summaryOf(rows: VerifyRow[]) {
  const outcomes = rows.map(outcomeOf);
  return {
    documents: rows.length,
    verified: outcomes.filter((o) => o === 'verified').length,
    not_verified: outcomes.filter((o) => o === 'not_verified').length,
    errors: outcomes.filter((o) => o === 'error').length,
    exit_code: exitCodeOf(rows),
  };
}

/** Runs the pipeline on the files and reports; resolves to the exit code. */
export async function runVerify(targets: string[], flags: VerifyFlags): Promise<number> {
  const files = await listDocuments(targets);
  if (files.length === 0) {
    process.stderr.write(`No files to verify in ${targets.join(' ')}.\n`);
    return 2;
  }
  await loadSecrets();
  const config = loadConfig();
  // Logs go to stderr so that stdout carries only the report.
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn', base: { service: 'kyb-cli' } }, pino.destination(2));
  const runtime = await createRuntime(config, log);
  const progress = createProgress();
  let rows: VerifyRow[];
  try {
    progress.start(files.length);
    rows = await verifyFiles(runtime, {
      files,
      claims: claimsOf(flags),
      concurrency: flags.concurrency ? Number(flags.concurrency) : config.WORKER_CONCURRENCY,
      onDone: (row) => progress.done(row),
    });
  } finally {
    progress.stop();
    await runtime.close();
  }
  const summary = summaryOf(rows);
  if (flags.json) await fs.writeFile(flags.json, `${JSON.stringify({ summary, documents: rows }, null, 2)}\n`);
  if (flags.csv) await fs.writeFile(flags.csv, toCsv(rows));
  if (process.stderr.isTTY)
    console.table(
      rows.map((r) => ({ file: r.file, type: r.document_type, decision: r.decision ?? r.error?.code, failed: r.failed_checks.join(', ') })),
    );
  process.stdout.write(
    `${summary.documents} documents: ${summary.verified} verified, ${summary.not_verified} not verified, ${summary.errors} errors\n`,
  );
  return summary.exit_code;
}
