import { FIXTURE_TYPES, generateDocument, isHeldOut, layoutNames, type GeneratedDocument, type Rendering } from '../../fixtures';
import type { OcrEngine } from '../../worker/ocr/port';
import type { PipelineState } from '../../worker/pipeline/types';
import { fieldMatches, readDocument } from './reader';

export interface Reading {
  doc: GeneratedDocument;
  state: PipelineState;
  heldOut: boolean;
  rendering: Rendering;
}

export interface SampleOptions {
  seed: number;
  /** Documents per layout in each rendering; a fraction samples every n-th layout. */
  perLayout: Partial<Record<Rendering, number>>;
}

/**
 * Every layout of every type in each rendering asked for. Fractions spread a rendering thinly
 * over the layouts (0.25: every fourth layout, in turn), so OCR time stays bounded.
 */
export async function sampleCorpus(
  options: SampleOptions,
): Promise<Array<{ doc: GeneratedDocument; heldOut: boolean; rendering: Rendering }>> {
  const out = [];
  let n = 0;
  for (const [rendering, per] of Object.entries(options.perLayout) as Array<[Rendering, number]>) {
    let k = 0;
    for (const type of FIXTURE_TYPES) {
      for (const layout of layoutNames(type)) {
        const copies = per >= 1 ? per : (k++ * per) % 1 < per - 1e-9 ? 1 : 0;
        for (let i = 0; i < copies; i++) {
          const doc = await generateDocument({ type, layout, rendering, seed: options.seed * 100_003 + n++ });
          out.push({ doc, heldOut: isHeldOut(type, layout), rendering });
        }
      }
    }
  }
  return out;
}

/** Reads documents two at a time (two OCR workers), keeping each with its truth. */
export async function readAll(
  corpus: Array<{ doc: GeneratedDocument; heldOut: boolean; rendering: Rendering }>,
  ocr: OcrEngine,
): Promise<Reading[]> {
  const readings: Reading[] = [];
  for (let i = 0; i < corpus.length; i += 2) {
    const batch = corpus.slice(i, i + 2);
    const states = await Promise.all(batch.map((c) => readDocument(c.doc.bytes, { ocr }, c.doc.filename)));
    batch.forEach((c, k) => readings.push({ ...c, state: states[k]! }));
  }
  return readings;
}

export interface Tally {
  right: number;
  total: number;
  misses: string[];
}

function add(t: Record<string, Tally>, key: string, ok: boolean, miss: string): void {
  const tally = (t[key] ??= { right: 0, total: 0, misses: [] });
  tally.total += 1;
  if (ok) tally.right += 1;
  else tally.misses.push(miss);
}

export interface Tables {
  documents: number;
  classification: Tally;
  byField: Record<string, Tally>;
  byRendering: Record<string, Tally>;
  /** Fields by reported confidence band: how many were right. */
  reliability: Record<string, Tally>;
}

const BANDS: Array<[number, string]> = [
  [0.9, '>= 0.90'],
  [0.7, '0.70-0.89'],
  [0.5, '0.50-0.69'],
  [0, '< 0.50'],
];

/** Scores readings against their truth: classification, each field, each rendering, each confidence band. */
export function tabulate(readings: Reading[]): Tables {
  const t: Tables = {
    documents: readings.length,
    classification: { right: 0, total: 0, misses: [] },
    byField: {},
    byRendering: {},
    reliability: {},
  };
  for (const { doc, state, rendering } of readings) {
    const classified = state.document_type === doc.truth.document_type;
    t.classification.total += 1;
    if (classified) t.classification.right += 1;
    else t.classification.misses.push(`${doc.filename}: ${state.document_type}`);
    for (const [name, truth] of Object.entries(doc.truth.fields)) {
      const field = state.fields[name];
      const ok = fieldMatches(name, field, truth);
      const miss = `${doc.filename} ${name}: expected ${JSON.stringify(truth)}, got ${JSON.stringify(field?.value ?? null)}`;
      add(t.byField, name, ok, miss);
      add(t.byRendering, rendering, ok, miss);
      if (field) add(t.reliability, BANDS.find(([floor]) => field.confidence >= floor)![1], ok, miss);
    }
  }
  return t;
}

function pct(t: Tally | undefined): string {
  return t && t.total ? `${((100 * t.right) / t.total).toFixed(1)}% (${t.right}/${t.total})` : '-';
}

/** The tables side by side for tuned and held-out layouts, as plain text. */
export function formatTables(tuned: Tables, heldOut: Tables): string {
  const rows = (title: string, keys: string[], pick: (t: Tables) => Record<string, Tally>) =>
    [
      `${title.padEnd(22)}${'tuned layouts'.padEnd(24)}held-out layouts`,
      ...keys.map((k) => `  ${k.padEnd(20)}${pct(pick(tuned)[k]).padEnd(24)}${pct(pick(heldOut)[k])}`),
    ].join('\n');
  const keys = (pick: (t: Tables) => Record<string, Tally>) => [...new Set([...Object.keys(pick(tuned)), ...Object.keys(pick(heldOut))])];
  return [
    `documents: ${tuned.documents} on tuned layouts, ${heldOut.documents} on held-out layouts`,
    rows('classification', ['documents'], (t) => ({ documents: t.classification })),
    rows(
      'field',
      keys((t) => t.byField),
      (t) => t.byField,
    ),
    rows(
      'rendering (fields)',
      keys((t) => t.byRendering),
      (t) => t.byRendering,
    ),
    rows(
      'confidence band',
      BANDS.map(([, b]) => b),
      (t) => t.reliability,
    ),
  ].join('\n\n');
}
