import type { Check, Verification } from '../../worker';

/** One line of the report: what the document is, what was read from it and what was decided. */
export interface VerifyRow {
  file: string;
  document_id: string | null;
  document_type: string | null;
  pages: number | null;
  key_fields: Record<string, string>;
  decision: string | null;
  score: number | null;
  /** Checks that failed or could not run, as `id:reason_code`. */
  failed_checks: string[];
  /** Why a document is not verified, in words (each once); empty when it is. */
  reasons: string[];
  error: { code: string; message: string } | null;
}

export type Outcome = 'verified' | 'not_verified' | 'error';

export function failedChecks(verification: Verification | null): string[] {
  return (verification?.checks ?? [])
    .filter((c: Check) => c.status === 'fail' || c.status === 'error')
    .map((c) => `${c.id}:${c.reason_code}`);
}

/** The verdict's reasons in words, each once, for a document that is not verified. */
export function reasonsInWords(verification: Verification | null): string[] {
  if (!verification || verification.decision === 'verified') return [];
  return [...new Set(verification.reasons.map((r) => r.message))];
}

export function outcomeOf(row: VerifyRow): Outcome {
  if (row.error || !row.decision) return 'error';
  return row.decision === 'verified' ? 'verified' : 'not_verified';
}

/** 0 when every document is verified, 1 when some are not, 2 when any could not be processed. */
export function exitCodeOf(rows: VerifyRow[]): 0 | 1 | 2 {
  const outcomes = rows.map(outcomeOf);
  if (rows.length === 0 || outcomes.includes('error')) return 2;
  return outcomes.includes('not_verified') ? 1 : 0;
}

const CSV_COLUMNS = [
  'file',
  'document_id',
  'document_type',
  'pages',
  'decision',
  'score',
  'key_fields',
  'failed_checks',
  'error_code',
  'error_message',
] as const;

/** RFC 4180: quote every field that holds a comma, quote or line break, doubling quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: VerifyRow[]): string {
  const lines = rows.map((r) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      file: r.file,
      document_id: r.document_id ?? '',
      document_type: r.document_type ?? '',
      pages: r.pages === null ? '' : String(r.pages),
      decision: r.decision ?? '',
      score: r.score === null ? '' : String(r.score),
      key_fields: Object.entries(r.key_fields)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      failed_checks: r.failed_checks.join('; '),
      error_code: r.error?.code ?? '',
      error_message: r.error?.message ?? '',
    };
    return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** One plain line per document, for logs and pipes. */
export function plainLine(row: VerifyRow, done: number, total: number): string {
  const what = row.error ? `error ${row.error.code}` : `${row.decision ?? 'no decision'} (score ${row.score ?? '-'})`;
  const fields = Object.entries(row.key_fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const failed = row.failed_checks.length > 0 ? ` failed=${row.failed_checks.join(',')}` : '';
  const why = row.reasons.length > 0 ? `  why: ${row.reasons.join(' ')}` : '';
  return `[${done}/${total}] ${row.file}  ${row.document_type ?? 'unknown'}  ${what}${fields ? `  ${fields}` : ''}${failed}${why}`;
}
