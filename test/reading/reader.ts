import { expect } from 'chai';
import type { ExtractedField } from '../../worker/domain';
import type { LlmExtractor } from '../../worker/extraction/openai';
import { comparableValue } from '../../worker/extraction/normalize';
import type { OcrEngine } from '../../worker/ocr/port';
import { classifyStage } from '../../worker/pipeline/classify';
import { extractStage } from '../../worker/pipeline/extract';
import { identifyStage } from '../../worker/pipeline/identify';
import { runStages } from '../../worker/pipeline/runner';
import { textStage } from '../../worker/pipeline/text';
import type { PipelineState } from '../../worker/pipeline/types';
import type { GeneratedDocument } from '../../fixtures';

export interface ReaderOptions {
  ocr: OcrEngine;
  llm?: Pick<LlmExtractor, 'extract'>;
  maxPages?: number;
  maxImagePixels?: number;
}

/** Runs the reading stages (identify, text, classify, extract) on bytes, without a database. */
export async function readDocument(bytes: Buffer, options: ReaderOptions, filename = 'upload'): Promise<PipelineState> {
  const stages = [
    identifyStage,
    textStage({ maxPages: options.maxPages ?? 50, renderDpi: 200, maxImagePixels: options.maxImagePixels ?? 50_000_000, ocr: options.ocr }),
    classifyStage,
    extractStage({ llm: options.llm }),
  ];
  return runStages(
    stages,
    {
      document: { id: 'doc', tenant_id: 't', filename, content_type: 'application/octet-stream', size_bytes: bytes.length, sha256: '' },
      task: { id: 'task', kind: 'process' },
      claims: {},
      bytes,
    },
    async () => undefined,
  );
}

/** Whether an extracted field carries the truth, compared in the field's matching form. */
export function fieldMatches(name: string, field: ExtractedField | undefined, truth: string): boolean {
  if (!field) return false;
  const expected = comparableValue(name, { value: truth, normalized: undefined });
  return comparableValue(name, field) === expected;
}

export interface Score {
  documents: number;
  classified: number;
  fields: Record<string, { right: number; total: number; misses: string[] }>;
}

/** Tallies classification and per-field accuracy of readings against their documents' truth. */
export function score(readings: Array<{ doc: GeneratedDocument; state: PipelineState }>): Score {
  const result: Score = { documents: readings.length, classified: 0, fields: {} };
  for (const { doc, state } of readings) {
    if (state.document_type === doc.truth.document_type) result.classified += 1;
    for (const [name, truth] of Object.entries(doc.truth.fields)) {
      const tally = (result.fields[name] ??= { right: 0, total: 0, misses: [] });
      tally.total += 1;
      if (fieldMatches(name, state.fields[name], truth)) tally.right += 1;
      else
        tally.misses.push(`${doc.filename}: expected ${JSON.stringify(truth)}, got ${JSON.stringify(state.fields[name]?.value ?? null)}`);
    }
  }
  return result;
}

/** Asserts the floors, naming every field below its floor with the documents it missed. */
export function expectFloors(s: Score, classification: number, field: number): void {
  expect(s.classified / s.documents, `classification ${s.classified}/${s.documents}`).to.be.at.least(classification);
  const below = Object.entries(s.fields)
    .filter(([, t]) => t.right / t.total < field)
    .map(([name, t]) => `${name}: ${t.right}/${t.total}\n  ${t.misses.join('\n  ')}`);
  expect(below, below.join('\n')).to.deep.equal([]);
}
