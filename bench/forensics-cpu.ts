/**
 * The pixel analysis' CPU, page by page: every page of the reading corpus's first cached documents
 * cleaned and read off the reading cache's OCR answers as `ocrPage` reads it, then `analysePage` (with
 * the crops of the checks it raises) run on each page's arguments, round after round, its CPU ms a
 * page taken from this process's CPU clock. `npx tsx bench/forensics-cpu.ts`; `--module` times another
 * copy of the pixel code (a directory holding its `analyse.ts`), so two versions compare in separate
 * processes; add `--cpu-prof` to node for the frames.
 */
import path from 'node:path';
import { Command } from 'commander';
import { cleanImage, type ImageInput } from '../worker/images/clean';
import type { analysePage as AnalysePage } from '../worker/forensics/pixels/analyse';
import { regionsToPicture } from '../worker/forensics/pixels/evidence-images';
import type { Grey, OcrGeometry } from '../worker/forensics/pixels/grey';
import type { OcrEngine, OcrWord } from '../worker/ocr/port';
import { onSource } from '../worker/pipeline/read-page';
import { rereadUnsure } from '../worker/pipeline/reread';
import { pixelForensicsThresholds } from '../worker/verification/policy';
import { CachedOcr } from '../test/reading/cache';
import { corpusPages } from './corpus-pages';
import { ownCpuMs } from './cpu';

class NotCached extends Error {}

export const cachedOnly = (): OcrEngine =>
  new CachedOcr({ size: 1, recognize: () => Promise.reject(new NotCached()), close: async () => {} });

/** `analysePage`'s arguments, as `ocrPage` hands them over. */
export interface PageArguments {
  label: string;
  scan: ImageInput;
  words: OcrWord[];
  geometry: OcrGeometry;
  maxPixels: number;
  boxesExact: boolean;
  levelWords: OcrWord[];
  decoded?: Grey;
  quantisation?: number[];
}

/** Reads a corpus page up to its pixel analysis, as `ocrPage` does (undefined when its OCR is not cached). */
export async function argumentsOf(
  ocr: OcrEngine,
  label: string,
  input: ImageInput,
  options: { maxPixels: number; scan?: ImageInput; quantisation?: number[] },
) {
  const cleaned = await cleanImage(input, { maxPixels: options.maxPixels });
  const result = await ocr.recognize(cleaned.png).catch((error: unknown) => {
    if (error instanceof NotCached) return undefined;
    throw error;
  });
  if (!result) return undefined;
  await rereadUnsure(ocr, cleaned, result.words);
  const source = onSource(result.words, cleaned);
  const scan = options.scan ?? (Buffer.isBuffer(input) ? input : undefined);
  if (!scan) return undefined;
  const page: PageArguments = {
    label,
    scan,
    ...source,
    maxPixels: options.maxPixels,
    boxesExact: options.scan === undefined,
    levelWords: result.words,
    decoded: scan === input ? cleaned.grey : undefined,
    quantisation: options.quantisation,
  };
  return page;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const program = new Command()
    .option('--documents <n>', 'documents to read, the first in name order (text PDFs skipped)', '24')
    .option('--rounds <n>', 'times every page is analysed', '3')
    .option(
      '--module <dir>',
      'the pixel code to time (a directory holding analyse.ts)',
      path.join(__dirname, '..', 'worker', 'forensics', 'pixels'),
    );
  program.parse();
  const options = program.opts<{ documents: string; rounds: string; module: string }>();
  const { analysePage } = (await import(path.resolve(options.module, 'analyse'))) as { analysePage: typeof AnalysePage };
  const ocr = cachedOnly();
  const pages: PageArguments[] = [];
  for await (const { label, image, options: pageOptions } of corpusPages(Number(options.documents))) {
    const page = await argumentsOf(ocr, label, image, pageOptions);
    if (page) pages.push(page);
  }
  const spent = new Map<string, number[]>(pages.map((p) => [p.label, []]));
  for (let round = 0; round < Number(options.rounds); round++)
    for (const p of pages) {
      const before = ownCpuMs();
      const { pixels, crops } = await analysePage(
        p.scan,
        p.words,
        p.geometry,
        p.maxPixels,
        p.boxesExact,
        p.levelWords,
        p.decoded,
        p.quantisation,
      );
      await crops(regionsToPicture(pixels, pixelForensicsThresholds));
      spent.get(p.label)!.push(ownCpuMs() - before);
    }
  const medians = [...spent].map(([label, ms]) => ({ label, ms: median(ms) }));
  for (const { label, ms } of medians) console.log(`${ms.toFixed(0).padStart(6)} ms  ${label}`);
  const sum = medians.reduce((s, m) => s + m.ms, 0);
  console.log(
    `${pages.length} pages: median ${median(medians.map((m) => m.ms)).toFixed(0)} ms a page, sum of medians ${sum.toFixed(0)} ms`,
  );
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
