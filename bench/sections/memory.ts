import fs from 'node:fs/promises';
import path from 'node:path';
import { multiPageScanPdf, scanPdf, type BenchDocument } from '../documents';
import { startChild, type ReadyMessage } from '../processes';
import { row, type Row } from '../report';
import type { Section } from '../section';

interface MemoryReady extends ReadyMessage {
  idleMb: number;
  peakMb: number;
  ms: number;
  status: string;
  error: string | null;
  pages: number | null;
}

const LONG_PAGES = 20;
const figure = (pages: number) => `Worker peak RSS, ${pages}-page scan`;

/** Runs one document through a fresh worker process and reads its high-water mark. */
async function measure(context: Parameters<Section['run']>[0], name: string, doc: BenchDocument): Promise<MemoryReady> {
  const dir = await context.env.tmp(`memory-${name}`);
  const file = path.join(dir, doc.filename);
  await fs.writeFile(file, doc.bytes);
  const env = await context.env.appEnv(`memory_${name}`, { BENCH_DOCUMENT: file, BENCH_CLAIMS: JSON.stringify(doc.claims) });
  const child = await startChild<MemoryReady>('bench/children/worker-memory.ts', env, { timeoutMs: 300_000 });
  await child.stop();
  const result = child.ready;
  if (result.status !== 'completed') throw new Error(`the ${name} document ended ${result.status} (${result.error ?? 'no error code'})`);
  return result;
}

/**
 * The worker's peak resident memory for a short and a long scan, each in a fresh process with the
 * default pool sizes, so the figure is what one worker container or Lambda needs.
 */
export const memorySection: Section = {
  name: 'memory',
  figures: [figure(1), figure(LONG_PAGES)],
  async run(context): Promise<Row[]> {
    context.log(`memory: generating a ${LONG_PAGES}-page scan`);
    const [short, long] = await Promise.all([scanPdf(), multiPageScanPdf(LONG_PAGES)]);
    const one = await measure(context, '1-page', short);
    context.log(`memory: 1 page peaked at ${one.peakMb.toFixed(0)} MiB; now ${LONG_PAGES} pages`);
    const many = await measure(context, `${LONG_PAGES}-page`, long);
    const baseline = (r: MemoryReady) => ({ name: 'same process before the document', value: r.idleMb, unit: 'MiB' });
    const note = (r: MemoryReady) => `VmHWM; processed in ${(r.ms / 1000).toFixed(1)} s`;
    return [
      row({ section: 'memory', figure: figure(1), measured: { value: one.peakMb, unit: 'MiB' }, baseline: baseline(one), note: note(one) }),
      row({
        section: 'memory',
        figure: figure(LONG_PAGES),
        measured: { value: many.peakMb, unit: 'MiB' },
        baseline: baseline(many),
        aim: { kind: 'value_at_most', max: 512, text: '<= 512 MiB' },
        note: `${note(many)}; ${(long.bytes.length / 2 ** 20).toFixed(1)} MiB PDF`,
      }),
    ];
  },
};
