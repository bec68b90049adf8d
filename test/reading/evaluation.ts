import { FIXTURE_TYPES, isHeldOut, layoutNames, type FixtureType, type GeneratedDocument, type Rendering } from '../../fixtures';
import type { OcrEngine } from '../../worker/ocr/port';
import type { PipelineState } from '../../worker/pipeline/types';
import { generateCached } from './cache';
import { fieldMatches, readDocument } from './reader';

export interface Reading {
  doc: GeneratedDocument;
  state: PipelineState;
  heldOut: boolean;
  rendering: Rendering;
}

export interface SampleOptions {
  seed: number;
  /**
   * Documents per type, split (tuned or held-out layouts) and rendering. Each cell takes its
   * split's layouts in turn, so every split sees every rendering whatever the count.
   */
  perCell: Partial<Record<Rendering, number>>;
}

/** One document of the sample, generated when it is read. */
export interface Planned {
  type: FixtureType;
  layout: string;
  rendering: Rendering;
  seed: number;
  heldOut: boolean;
}

/** A balanced sample: every type, both splits, every rendering asked for, layouts taken in turn. */
export function planCorpus(options: SampleOptions): Planned[] {
  const out: Planned[] = [];
  let n = 0;
  for (const [rendering, count] of Object.entries(options.perCell) as Array<[Rendering, number]>) {
    for (const type of FIXTURE_TYPES) {
      for (const heldOut of [false, true]) {
        const layouts = layoutNames(type).filter((l) => isHeldOut(type, l) === heldOut);
        for (let i = 0; i < count; i++) {
          const seed = options.seed * 100_003 + n++;
          out.push({ type, layout: layouts[(seed + i) % layouts.length]!, rendering, seed, heldOut });
        }
      }
    }
  }
  return out;
}

/**
 * Generates and reads the planned documents `lanes` at a time (one per OCR worker and one more, so
 * a document is being rendered while every worker OCRs), keeping each with its truth, in plan order.
 */
export async function readAll(plan: Planned[], ocr: OcrEngine, lanes = ocr.size + 1): Promise<Reading[]> {
  const readings = new Array<Reading>(plan.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < plan.length) {
        const i = next++;
        const { type, layout, rendering, seed, heldOut } = plan[i]!;
        const doc = await generateCached({ type, layout, rendering, seed });
        readings[i] = { doc, heldOut, rendering, state: await readDocument(doc.bytes, { ocr }, doc.filename) };
      }
    }),
  );
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
  /** Every field given, by its reported confidence band: how many were right (one the document does not print is wrong). */
  reliability: Record<string, Tally>;
}

const BANDS: Array<[number, string]> = [
  [0.9, '>= 0.90'],
  [0.7, '0.70-0.89'],
  [0.5, '0.50-0.69'],
  [0, '< 0.50'],
];

const bandOf = (confidence: number) => BANDS.find(([floor]) => confidence >= floor)![1];

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
      if (field) add(t.reliability, bandOf(field.confidence), ok, miss);
    }
    // A field given where the document prints none is a confidence that was wrong too.
    for (const [name, field] of Object.entries(state.fields).filter(([n]) => !(n in doc.truth.fields)))
      add(t.reliability, bandOf(field.confidence), false, `${doc.filename} ${name}: printed nowhere, got ${JSON.stringify(field.value)}`);
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
