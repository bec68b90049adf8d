import type { CheckStatus, Decision, ProgressView } from '../../src';

const STAGES: Record<string, string> = {
  identify: 'Identifying the file',
  text: 'Reading the text',
  classify: 'Working out what kind of document it is',
  extract: 'Extracting the details',
  forensics: 'Looking for signs of tampering',
  registries: 'Checking Companies House and HMRC',
  decide: 'Deciding',
};

export const DECISIONS: Record<Decision, string> = {
  verified: 'Verified',
  review: 'Needs review',
  rejected: 'Rejected',
};

export const CHECK_STATUS: Record<CheckStatus, { label: string; icon: string }> = {
  pass: { label: 'Pass', icon: '✓' },
  warn: { label: 'Warning', icon: '!' },
  fail: { label: 'Fail', icon: '✕' },
  not_applicable: { label: 'Not applicable', icon: '–' },
  error: { label: 'Could not run', icon: '?' },
};

export const percentOf = (progress: Pick<ProgressView, 'percent'>): number => Math.max(0, Math.min(100, Math.round(progress.percent)));

/** One sentence for the live region: what is happening now and how far along it is. */
export function progressLine(progress: ProgressView): string {
  const percent = `${percentOf(progress)}%`;
  switch (progress.state) {
    case 'queued':
      return `Waiting in the queue (${percent}).`;
    case 'running':
      return `${(progress.stage && STAGES[progress.stage]) ?? 'Working'} (${percent}).`;
    case 'completed':
      return 'Completed (100%).';
    case 'failed':
      return `Failed: ${progress.error?.message ?? 'the document could not be processed.'}`;
  }
}

const ACRONYMS: Record<string, string> = { vat: 'VAT', hmrc: 'HMRC', pdf: 'PDF', ocr: 'OCR', id: 'ID', exif: 'EXIF', uk: 'UK', llm: 'LLM' };

/** A dotted check id reads as its group and name: `forensics.pdf_dates` → `Forensics · PDF dates`. */
export const checkName = (id: string): string => id.split('.').map(humanize).join(' · ');

/** `company_number` → `Company number`, `hmrc_vat_lookup` → `HMRC VAT lookup`. */
export function humanize(name: string): string {
  const words = name
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Confidences are 0..1. */
export const formatConfidence = (confidence: number): string => `${Math.round(confidence * 100)}%`;

/** An evidence value as short text: `key: value` pairs for objects, items joined for lists. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${humanize(k).toLowerCase()}: ${formatValue(v)}`)
    .join(', ');
}
