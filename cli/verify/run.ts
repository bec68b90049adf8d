import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Claims, detectFileType, documentKey, processJob, type ProcessorDeps, type Runtime } from '../../worker';
import { failedChecks, reasonsInWords, type VerifyRow } from './rows';

/** The tenant the command line files its documents under, so they stay apart from API clients'. */
export const CLI_TENANT = 'cli';

export interface VerifyOptions {
  files: string[];
  claims: Claims;
  concurrency: number;
  /** Told about each document as it finishes, in finishing order. */
  onDone(row: VerifyRow): void;
}

function errorRow(file: string, code: string, message: string, documentId: string | null = null): VerifyRow {
  return {
    file,
    document_id: documentId,
    document_type: null,
    pages: null,
    key_fields: {},
    decision: null,
    score: null,
    failed_checks: [],
    reasons: [],
    error: { code, message },
  };
}

/** Records the file as the upload endpoint does, then runs the task through the very processor the workers use. */
async function verifyOne(runtime: Runtime, deps: ProcessorDeps, tenantId: string, file: string, claims: Claims): Promise<VerifyRow> {
  const bytes = await fs.readFile(file);
  if (bytes.length === 0) return errorRow(file, 'empty_file', 'The file is empty.');
  const type = await detectFileType(bytes);
  if (!type?.supported)
    return errorRow(file, 'unsupported_type', `${type?.mime ?? 'This file type'} is not supported: use a PDF, PNG, JPEG, TIFF or WebP.`);
  const id = randomUUID();
  const key = documentKey(runtime.config.S3_PREFIX, tenantId, id, type.ext);
  await runtime.store.put(key, bytes, type.mime);
  const { task } = await runtime.repos.documents.createWithTask({
    id,
    tenant_id: tenantId,
    filename: path.basename(file).slice(0, 255),
    content_type: type.mime,
    size_bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    storage_key: key,
    claims,
  });
  try {
    // One attempt: a transient failure ends the document `retries_exhausted` instead of waiting for a retry.
    await processJob(deps, { document_id: id, task_id: task.id }, { attempt: 1, maxAttempts: 1 });
  } catch {
    // processJob has recorded the failure on the document; the row below reports it.
  }
  return rowFor(runtime, tenantId, id, file);
}

async function rowFor(runtime: Runtime, tenantId: string, documentId: string, file: string): Promise<VerifyRow> {
  const [document, result] = await Promise.all([
    runtime.repos.documents.findDocument(tenantId, documentId),
    runtime.repos.documents.latestResult(documentId),
  ]);
  if (!document) return errorRow(file, 'document_missing', 'The document record disappeared.', documentId);
  if (document.status === 'failed')
    return errorRow(file, document.error_code ?? 'failed', document.error_message ?? 'Processing failed.', documentId);
  const verification = result?.verification ?? null;
  return {
    file,
    document_id: documentId,
    document_type: result?.document_type ?? null,
    pages: document.pages ?? null,
    key_fields: Object.fromEntries(Object.entries(result?.fields ?? {}).map(([name, field]) => [name, field.value])),
    decision: verification?.decision ?? null,
    score: verification?.score ?? null,
    failed_checks: failedChecks(verification),
    reasons: reasonsInWords(verification),
    error: null,
  };
}

/**
 * Verifies every file in this process, `concurrency` at a time, and returns one row per file in
 * the order given. A file that cannot be read or processed becomes an error row; the rest go on.
 */
export async function verifyFiles(runtime: Runtime, options: VerifyOptions): Promise<VerifyRow[]> {
  const tenant = await runtime.repos.apiKeys.ensureTenant(CLI_TENANT);
  const deps = runtime.processorDeps();
  const rows: VerifyRow[] = new Array(options.files.length);
  let next = 0;
  const worker = async () => {
    while (next < options.files.length) {
      const index = next++;
      const file = options.files[index]!;
      let row: VerifyRow;
      try {
        row = await verifyOne(runtime, deps, tenant.id, file, options.claims);
      } catch (error) {
        row = errorRow(file, 'cli_error', (error as Error).message);
      }
      rows[index] = row;
      options.onDone(row);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.files.length)) }, worker));
  return rows;
}
