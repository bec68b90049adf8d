/**
 * What a tesseract setting costs and changes: the bench's scanned pages, cleaned as the worker
 * cleans them, read in turn by one worker with the page settings plus `--init`/`--set` ones,
 * printing the CPU (this process and its worker thread) and writing every word (text, box,
 * confidence) to `--out`, for a word-for-word diff between settings. Add `--cpu-prof` to node for
 * the frames inside tesseract's WASM.
 * `npx tsx bench/ocr-settings.ts --pages 6 --init load_system_dawg=0 --out a.json`
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { createWorker, OEM } from 'tesseract.js';
import { cleanImage } from '../worker/images/clean';
import { defaultLangPath } from '../worker/ocr/pool';
import { PAGE_READING } from '../worker/ocr/settings';
import { wordsFromTsv } from '../worker/ocr/words';
import { ownCpuMs } from './cpu';
import { ocrScanPages } from './documents';

/** The OCR rows' scanned pages (bench/ocr.ts), cleaned, kept under `dir` so runs after the first only read. */
async function cleanedPages(count: number, dir: string): Promise<Buffer[]> {
  await fs.mkdir(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => path.join(dir, `page-${i + 1}.png`));
  const saved = await Promise.all(files.map((file) => fs.readFile(file).catch(() => undefined)));
  if (saved.every((page) => page !== undefined)) return saved;
  const pages: Buffer[] = [];
  for (const [i, scan] of (await ocrScanPages(count)).entries()) {
    const { png } = await cleanImage(scan, { maxPixels: 50_000_000 });
    await fs.writeFile(files[i]!, png);
    pages.push(png);
  }
  return pages;
}

const pairs = (list: string[]) => Object.fromEntries(list.map((kv) => kv.split('=') as [string, string]));

async function main(): Promise<void> {
  const program = new Command()
    .option('--pages <n>', 'pages', '6')
    .option('--dir <dir>', 'where the cleaned pages are kept', 'test-output/ocr-pages')
    .option('--init <key=value...>', 'init-only settings (createWorker config)', [])
    .option('--set <key=value...>', 'settings set after init', [])
    .option('--out <file>', 'words of every page, as JSON')
    .parse();
  const options = program.opts<{ pages: string; dir: string; init: string[]; set: string[]; out?: string }>();
  const pages = await cleanedPages(Number(options.pages), options.dir);
  const worker = await createWorker(
    'eng',
    OEM.LSTM_ONLY,
    {
      langPath: defaultLangPath(),
      cacheMethod: 'none',
      gzip: true,
      workerPath: path.join(__dirname, '../worker/ocr/tesseract-thread.ts'),
    },
    pairs(options.init),
  );
  await worker.setParameters({
    tessedit_pageseg_mode: PAGE_READING.pageSegMode,
    user_defined_dpi: String(PAGE_READING.dpi),
    ...pairs(options.set),
  });
  // The first page warms the worker's code; it is read again and counted with the others.
  await worker.recognize(pages[0]!, {}, { text: true, tsv: true, box: true });
  const read = [];
  const start = ownCpuMs();
  for (const page of pages) {
    const before = ownCpuMs();
    const { data } = await worker.recognize(page, {}, { text: true, tsv: true, box: true });
    const words = (wordsFromTsv(data.tsv ?? '', data.box ?? '') ?? []).map(({ text, box, confidence }) => ({ text, box, confidence }));
    read.push({ cpuMs: Math.round(ownCpuMs() - before), words });
  }
  console.log(
    `${pages.length} pages: ${Math.round(ownCpuMs() - start)} CPU ms (${read.map((r) => r.cpuMs).join(', ')}), ${read.reduce((n, r) => n + r.words.length, 0)} words`,
  );
  if (options.out) await fs.writeFile(options.out, JSON.stringify(read.map((r) => r.words)));
  await worker.terminate();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
