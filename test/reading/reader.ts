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
