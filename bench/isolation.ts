/**
 * The cost of reading in a processing thread instead of on the event loop: the reading stages
 * (identify → text → classify → extract) over a one-page scan and a one-page text PDF, in this
 * thread and through the pool (warm thread), with the same OCR pool; and one empty stage, the hop
 * alone. Prints medians.
 *
 *   npx tsx bench/isolation.ts [runs]
 */
import { generateDocument } from '../fixtures';
import { loadConfig } from '../worker/config';
import { createLogger } from '../worker/logger';
import { createOcrPool } from '../worker/ocr';
import { readingStages } from '../worker/pipeline';
import { ProcessingPool } from '../worker/pipeline/pool';
import { emptyState, type Stage } from '../worker/pipeline/types';

const classifyOf = (stages: Stage[]) => stages.find((s) => s.name === 'classify')!;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function readOnce(stages: Stage[], bytes: Buffer): Promise<number> {
  const state = emptyState();
  // A zero-byte file stands for the hop alone: classify on no words, the smallest stage there is.
  if (bytes.length === 0) state.page_texts = [''];
  const started = performance.now();
  for (const stage of stages) {
    await stage.run({
      document: { id: 'bench', tenant_id: 'bench', filename: 'bench', content_type: '', size_bytes: bytes.length, sha256: '' },
      task: { id: 'bench', kind: 'process' },
      claims: {},
      bytes,
      state,
      progress: async () => undefined,
    });
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 9);
  const config = loadConfig({ PROCESSING_THREADS: '1', OCR_WORKERS: '1' });
  const log = createLogger('silent');
  const ocr = createOcrPool(config);
  const pool = new ProcessingPool({ config, ocr, log });
  const inProcess = readingStages({ config, ocr, log });
  const isolated = inProcess.map((stage) => pool.isolate(stage));
  const documents: Record<string, Buffer> = {
    'the hop alone (classify, no words)': Buffer.alloc(0),
    'one-page scan (JPEG)': (await generateDocument({ type: 'bank_statement', rendering: 'scan_image', seed: 1 })).bytes,
    'one-page text PDF': (await generateDocument({ type: 'bank_statement', rendering: 'text_pdf', seed: 1 })).bytes,
  };
  try {
    for (const [name, bytes] of Object.entries(documents)) {
      // Warm both paths first: the thread's modules, pdf.js, the OCR worker.
      if (bytes.length > 0) {
        await readOnce(isolated, bytes);
        await readOnce(inProcess, bytes);
      }
      const here: number[] = [];
      const thread: number[] = [];
      const [local, remote] = bytes.length === 0 ? [[classifyOf(inProcess)], [classifyOf(isolated)]] : [inProcess, isolated];
      for (let i = 0; i < runs; i++) {
        here.push(await readOnce(local, bytes));
        thread.push(await readOnce(remote, bytes));
      }
      const [a, b] = [median(here), median(thread)];
      console.log(`${name}: event loop ${a.toFixed(1)} ms, thread ${b.toFixed(1)} ms, hop ${(b - a).toFixed(1)} ms (median of ${runs})`);
    }
  } finally {
    await pool.close();
    await ocr.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
