/** What a figure should reach, relative to its baseline or in absolute terms. */
export type Aim =
  | { kind: 'ratio_at_least'; min: number; text: string }
  | { kind: 'ratio_at_most'; max: number; text: string }
  | { kind: 'value_at_most'; max: number; text: string }
  | { kind: 'none' };

export interface Measured {
  value: number | null;
  unit: string;
}

/** One figure with its baseline, as written to results.json. */
export interface Row {
  section: string;
  figure: string;
  value: number | null;
  unit: string;
  baseline: { name: string; value: number | null; unit: string } | null;
  /** value / baseline, when both were measured. */
  ratio: number | null;
  aim: string | null;
  /** null when there is no aim or the figure could not be measured. */
  met: boolean | null;
  note: string;
}

export interface RowInput {
  section: string;
  figure: string;
  measured: Measured;
  baseline?: { name: string } & Measured;
  aim?: Aim;
  note?: string;
  /** Why the figure falls short and what would close it; added to the note only when the aim is missed. */
  ifMissed?: string;
}

/** Nearest-rank percentile (p in 0..100): always a value that was observed. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (p < 0 || p > 100) throw new RangeError(`percentile out of range: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ratio(value: number | null, baseline: number | null | undefined): number | null {
  if (value === null || baseline === null || baseline === undefined || baseline === 0) return null;
  return value / baseline;
}

function judge(aim: Aim, value: number | null, r: number | null): boolean | null {
  switch (aim.kind) {
    case 'ratio_at_least':
      return r === null ? null : r >= aim.min;
    case 'ratio_at_most':
      return r === null ? null : r <= aim.max;
    case 'value_at_most':
      return value === null ? null : value <= aim.max;
    case 'none':
      return null;
  }
}

/** Builds a row: the ratio and whether the aim is met follow from the measurements, never from the caller. */
export function row(input: RowInput): Row {
  const aim = input.aim ?? { kind: 'none' };
  const r = ratio(input.measured.value, input.baseline?.value);
  const met = judge(aim, input.measured.value, r);
  const note = [input.note, met === false ? input.ifMissed : undefined].filter(Boolean).join('. ');
  return {
    section: input.section,
    figure: input.figure,
    value: input.measured.value,
    unit: input.measured.unit,
    baseline: input.baseline ? { name: input.baseline.name, value: input.baseline.value, unit: input.baseline.unit } : null,
    ratio: r,
    aim: aim.kind === 'none' ? null : aim.text,
    met,
    note,
  };
}

/** A few significant digits: enough to compare, not so many that noise looks like signal. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-GB');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function formatMeasure(value: number | null, unit: string): string {
  return value === null ? 'n/a' : `${formatNumber(value)} ${unit}`.trim();
}

function formatRatio(r: number | null): string {
  if (r === null) return '';
  return r < 1 ? `${(r * 100).toFixed(1)}%` : `${r.toFixed(2)}x`;
}

function verdict(met: boolean | null): string {
  if (met === null) return '-';
  return met ? 'yes' : 'NO';
}

/** A plain-text table, then each row's note under a matching number so the table stays narrow. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['#', 'Figure', 'Value', 'Baseline', 'Ratio', 'Aim', 'Met'];
  const cells = rows.map((r, i) => [
    String(i + 1),
    r.figure,
    formatMeasure(r.value, r.unit),
    r.baseline ? `${formatMeasure(r.baseline.value, r.baseline.unit)} (${r.baseline.name})` : '',
    formatRatio(r.ratio),
    r.aim ?? '',
    verdict(r.met),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((line) => line[c]!.length)));
  const line = (parts: string[]) =>
    parts
      .map((p, c) => p.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  const notes = rows.map((r, i) => (r.note ? `  [${i + 1}] ${r.note}` : '')).filter(Boolean);
  if (notes.length > 0) out.push('', 'Notes:', ...notes);
  return out.join('\n');
}
