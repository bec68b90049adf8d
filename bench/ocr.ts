import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDocument } from '../fixtures';
import { imagePdf, scanPages, scanSettings, textPdf } from '../fixtures/render';
import { layoutDocument } from '../fixtures/layouts';
import { randomCompany, Rng } from '../fixtures';
import { build } from 'esbuild';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../worker/config';
import { cleanImage } from '../worker/images/clean';
import { defaultLangPath, OcrPool } from '../worker/ocr/pool';
import { PAGE_READING } from '../worker/ocr/settings';
import { readTextLayer } from '../worker/pdf/text-layer';
import { ocrScanPages } from './documents';

/**
 * Reading benchmarks: text-layer and OCR paths per page, OCR throughput with 1 and N workers,
 * the worker's peak RSS on a 20-page scan (in a fresh process), and our OCR against Debian's
 * tesseract CLI: on the same cleaned images with the same settings, once with our own model (like
 * for like) and once with the model Debian packages (tessdata_fast, a smaller network than our
 * best_int); and, for reference, our whole OCR stage (clean + OCR) against the CLI at its defaults
 * on the page as scanned, as a hand-rolled service would call it. Times are wall clock and CPU: on
 * a shared machine the CPU figures are the steadier ratio.
 */

const SCAN_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 6);

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Writes each image to its own file in `dir`, for the CLI. */
async function imageFiles(dir: string, name: string, images: Buffer[]): Promise<string[]> {
  const files = images.map((_, i) => path.join(dir, `${name}-${i}`));
  await Promise.all(files.map((file, i) => fs.writeFile(file, images[i]!)));
  return files;
}

async function textLayerPerPage(): Promise<number> {
  const doc = await generateDocument({ type: 'bank_statement', rendering: 'multi_page_pdf', seed: 3 });
  await readTextLayer(doc.bytes, 50);
  const runs = 10;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await readTextLayer(doc.bytes, 50);
  return ms(start) / (runs * doc.pages);
}

/** CPU this process (every thread) has spent, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU spent by child processes waited for so far (Linux: cutime + cstime of /proc/self/stat), in ms. */
function childCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** Each page twice, so a queue of pages is long enough that the last page alone on a worker matters little. */
async function throughput(pool: OcrPool, images: Buffer[]): Promise<number> {
  await pool.recognize(images[0]!);
  const queue = [...images, ...images];
  const start = process.hrtime.bigint();
  await Promise.all(queue.map((img) => pool.recognize(img)));
  return queue.length / (ms(start) / 1000);
}

async function twentyPageScan(dir: string): Promise<string> {
  const rng = new Rng(20);
  const spec = layoutDocument('bank_statement', randomCompany(rng), rng, true);
  const pdf = await textPdf(spec, 'bench');
  const scan = { ...scanSettings(rng), dpi: 200 };
  const jpegs = await scanPages(pdf, spec.pages.length, scan, rng);
  const pages = Array.from({ length: 20 }, (_, i) => jpegs[i % jpegs.length]!);
  const file = path.join(dir, 'scan-20-pages.pdf');
  await fs.writeFile(file, await imagePdf(pages, scan.dpi));
  return file;
}

/**
 * The RSS child runs as plain JavaScript bundled like the Lambda: under tsx, pdf.js alone costs
 * some 250 MB more because the loader transforms its large worker module.
 */
async function bundleRssChild(): Promise<string> {
  // Inside the repository, so the externals resolve from node_modules (bench/out/ is git-ignored).
  const outdir = path.join(__dirname, 'out');
  await build({
    // The OCR pool looks for its worker thread's script beside the entry, as in the Lambda bundle.
    entryPoints: {
      'ocr-rss-child': path.join(__dirname, 'ocr-rss-child.ts'),
      'tesseract-thread': path.join(__dirname, '..', 'worker', 'ocr', 'tesseract-thread.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    external: ['sharp', '@napi-rs/canvas', 'tesseract.js', 'tesseract.js-core', 'pdfjs-dist', '@tesseract.js-data/eng'],
  });
  return path.join(outdir, 'ocr-rss-child.cjs');
}

/** Runs the bundled child on the 20-page scan and formats its time and peak RSS. */
function rssRun(child: string, scanFile: string, env: Record<string, string>): string {
  const run = spawnSync(process.execPath, [child, scanFile], { encoding: 'utf8', env: { ...process.env, ...env } });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) return `failed: ${run.stderr.slice(-300)}`;
  const rss = JSON.parse(line) as { seconds: number; maxRssMb: number };
  return `${rss.seconds.toFixed(1)} s, peak RSS ${rss.maxRssMb.toFixed(0)} MB (target < 512 MB)`;
}

function ensureTesseractCli(): boolean {
  const found = spawnSync('tesseract', ['--version']);
  if (found.status === 0) return true;
  if (process.env.BENCH_NO_APT) return false;
  console.log('installing Debian tesseract-ocr for the comparison ...');
  const install = spawnSync('bash', [
    '-c',
    'apt-get install -y tesseract-ocr >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y tesseract-ocr >/dev/null 2>&1)',
  ]);
  return install.status === 0 && spawnSync('tesseract', ['--version']).status === 0;
}

interface PageTimes {
  wallMs: number;
  cpuMs: number;
}

/** The settings our pool reads every page with, as CLI arguments. */
const OUR_SETTINGS = ['--psm', String(PAGE_READING.pageSegMode), '--dpi', String(PAGE_READING.dpi)];

/** The CLI page after page on one thread, with `settings` (its defaults when empty); `tessdata` picks the model, Debian's when absent. */
function cliPerPage(files: string[], settings: string[], tessdata?: string): PageTimes {
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const args = (file: string) => [file, 'stdout', ...settings, ...(tessdata ? ['--tessdata-dir', tessdata] : [])];
  execFileSync('tesseract', args(files[0]!), { env, stdio: 'ignore' });
  const cpu = childCpuMs();
  const start = process.hrtime.bigint();
  for (const file of files) execFileSync('tesseract', args(file), { env, stdio: 'ignore' });
  return { wallMs: ms(start) / files.length, cpuMs: (childCpuMs() - cpu) / files.length };
}

/** Our model unpacked where the CLI can read it, so the comparison runs the same network on both sides. */
async function ourModelForCli(dir: string): Promise<string> {
  const tessdata = path.join(dir, 'tessdata');
  await fs.mkdir(tessdata, { recursive: true });
  const packed = await fs.readFile(path.join(loadConfig({ NODE_ENV: 'test' }).OCR_LANG_PATH ?? defaultLangPath(), 'eng.traineddata.gz'));
  await fs.writeFile(path.join(tessdata, 'eng.traineddata'), gunzipSync(packed));
  return tessdata;
}

function debianModel(): string {
  const version = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'tesseract-ocr-eng'], { encoding: 'utf8' });
  return version.status === 0 ? `tesseract-ocr-eng ${version.stdout.trim()}` : 'its packaged eng';
}

const times = (t: PageTimes) => `${t.wallMs.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)} ms)`;
const ratios = (ours: PageTimes, cli: PageTimes) => `${(ours.wallMs / cli.wallMs).toFixed(2)} (CPU ${(ours.cpuMs / cli.cpuMs).toFixed(2)})`;

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ocr-'));
  const workers = loadConfig({ NODE_ENV: 'test' }).OCR_WORKERS;
  try {
    const textMs = await textLayerPerPage();
    const scans = await ocrScanPages(SCAN_PAGES);

    let start = process.hrtime.bigint();
    const cleanCpuBefore = cpuMs();
    const cleaned = [];
    for (const scan of scans) cleaned.push(await cleanImage(scan, { maxPixels: 50_000_000 }));
    const cleanMs = ms(start) / scans.length;
    const cleanCpuMs = (cpuMs() - cleanCpuBefore) / scans.length;

    const single = new OcrPool({ size: 1, recycleAfter: 1000 });
    await single.recognize(cleaned[0]!.png);
    start = process.hrtime.bigint();
    const cpuBefore = cpuMs();
    for (const c of cleaned) await single.recognize(c.png);
    const ours: PageTimes = { wallMs: ms(start) / cleaned.length, cpuMs: (cpuMs() - cpuBefore) / cleaned.length };
    const ocrMs = ours.wallMs;
    const onePps = await throughput(
      single,
      cleaned.map((c) => c.png),
    );
    await single.close();
    const many = new OcrPool({ size: workers, recycleAfter: 1000 });
    // Start every worker before the clock runs, as the single worker was.
    await Promise.all(cleaned.slice(0, workers).map((c) => many.recognize(c.png)));
    const manyPps = await throughput(
      many,
      cleaned.map((c) => c.png),
    );
    await many.close();

    const scanFile = await twentyPageScan(dir);
    const child = await bundleRssChild();
    // The Lambda's setting (one worker at 512 MB, glibc arenas capped for libvips) and this machine's default.
    const lambda = rssRun(child, scanFile, { OCR_WORKERS: '1', MALLOC_ARENA_MAX: '2' });
    const local = rssRun(child, scanFile, { OCR_WORKERS: String(workers) });

    const rows: Array<[string, string]> = [
      ['text layer, per page', `${textMs.toFixed(1)} ms`],
      [
        'OCR path, per page (clean + OCR, 1 worker)',
        `${(cleanMs + ocrMs).toFixed(0)} ms (clean ${cleanMs.toFixed(0)} + OCR ${ocrMs.toFixed(0)})`,
      ],
      ['OCR only, 1 worker, per page', times(ours)],
      ['OCR pages/s, 1 worker', onePps.toFixed(2)],
      [`OCR pages/s, ${workers} workers`, manyPps.toFixed(2)],
      ['20-page scan, 1 worker, MALLOC_ARENA_MAX=2 (Lambda)', lambda],
      [`20-page scan, ${workers} workers`, local],
    ];
    if (ensureTesseractCli()) {
      const files = await imageFiles(
        dir,
        'cleaned',
        cleaned.map((c) => c.png),
      );
      const ourModel = await ourModelForCli(dir);
      const same = cliPerPage(files, OUR_SETTINGS, ourModel);
      const debian = cliPerPage(files, OUR_SETTINGS);
      const asScanned = cliPerPage(await imageFiles(dir, 'scan', scans), [], ourModel);
      const stage: PageTimes = { wallMs: cleanMs + ours.wallMs, cpuMs: cleanCpuMs + ours.cpuMs };
      rows.push(['tesseract CLI, our model (OMP_THREAD_LIMIT=1), per page', times(same)]);
      rows.push([`tesseract CLI, Debian's model (${debianModel()}), per page`, times(debian)]);
      rows.push(['OCR stage (clean + OCR), 1 worker, per page', times(stage)]);
      rows.push(['scan as it is, CLI defaults, our model (OMP_THREAD_LIMIT=1), per page', times(asScanned)]);
      rows.push(['ratio ours / CLI, same model', ratios(ours, same)]);
      rows.push(["ratio ours / CLI with Debian's model", ratios(ours, debian)]);
      rows.push(['ratio our OCR stage (clean + OCR) / CLI on the scan as it is', ratios(stage, asScanned)]);
    } else {
      rows.push(['tesseract CLI', 'not installed; comparison skipped']);
    }
    console.log(`\nOCR bench (${scans.length} scanned A4 pages at 200 dpi, ${os.availableParallelism()} CPUs)`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(62)}  ${v}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
