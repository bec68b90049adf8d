import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDocument } from '../fixtures';
import { imagePdf, scanPages, scanSettings, textPdf } from '../fixtures/render';
import { layoutDocument } from '../fixtures/layouts';
import { randomCompany, Rng } from '../fixtures';
import { loadConfig } from '../worker/config';
import { cleanImage } from '../worker/images/clean';
import { createOcrPool } from '../worker/ocr';
import { OcrPool } from '../worker/ocr/pool';
import { readTextLayer } from '../worker/pdf/text-layer';
import { textStage } from '../worker/pipeline/text';
import { emptyState } from '../worker/pipeline/types';

/**
 * Reading benchmarks: text-layer and OCR paths per page, OCR throughput with 1 and N workers,
 * the worker's peak RSS on a 20-page scan (in a fresh process), and our OCR against Debian's
 * tesseract CLI on the same cleaned images.
 */

const SCAN_PAGES = Number(process.env.BENCH_OCR_PAGES ?? 6);

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function scannedPages(count: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let seed = 1; pages.length < count; seed++) {
    const type = (['certificate_of_incorporation', 'vat_registration_certificate', 'bank_statement', 'utility_bill'] as const)[seed % 4];
    const doc = await generateDocument({ type, rendering: 'scan_image', seed, scan: { dpi: 200 } });
    pages.push(doc.bytes);
  }
  return pages;
}

async function textLayerPerPage(): Promise<number> {
  const doc = await generateDocument({ type: 'bank_statement', rendering: 'multi_page_pdf', seed: 3 });
  await readTextLayer(doc.bytes, 50);
  const runs = 10;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await readTextLayer(doc.bytes, 50);
  return ms(start) / (runs * doc.pages);
}

async function throughput(pool: OcrPool, images: Buffer[]): Promise<number> {
  await pool.recognize(images[0]!);
  const start = process.hrtime.bigint();
  await Promise.all(images.map((img) => pool.recognize(img)));
  return images.length / (ms(start) / 1000);
}

/** The child's own peak RSS while the text stage reads a 20-page scanned PDF. */
async function rssChild(file: string): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', SECRET_KEY: 'bench' });
  const ocr = createOcrPool(config);
  const bytes = await fs.readFile(file);
  const state = emptyState();
  state.file = { mime: 'application/pdf', ext: 'pdf' };
  const stage = textStage({ maxPages: 50, renderDpi: config.RENDER_DPI, maxImagePixels: config.MAX_IMAGE_PIXELS, ocr });
  const start = process.hrtime.bigint();
  await stage.run({
    bytes,
    state,
    document: { id: 'bench', tenant_id: 'bench', filename: 'scan.pdf', content_type: 'application/pdf', size_bytes: bytes.length, sha256: '' },
    task: { id: 'bench', kind: 'process' },
    claims: {},
    progress: async () => undefined,
  });
  const seconds = ms(start) / 1000;
  await ocr.close();
  process.stdout.write(JSON.stringify({ pages: state.pages.length, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, workers: config.OCR_WORKERS }));
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

function ensureTesseractCli(): boolean {
  const found = spawnSync('tesseract', ['--version']);
  if (found.status === 0) return true;
  if (process.env.BENCH_NO_APT) return false;
  console.log('installing Debian tesseract-ocr for the comparison ...');
  const install = spawnSync('bash', ['-c', 'apt-get install -y tesseract-ocr >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y tesseract-ocr >/dev/null 2>&1)']);
  return install.status === 0 && spawnSync('tesseract', ['--version']).status === 0;
}

function cliPerPage(files: string[]): number {
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  execFileSync('tesseract', [files[0]!, 'stdout', '--psm', '4'], { env, stdio: 'ignore' });
  const start = process.hrtime.bigint();
  for (const file of files) execFileSync('tesseract', [file, 'stdout', '--psm', '4', '--dpi', '300'], { env, stdio: 'ignore' });
  return ms(start) / files.length;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--rss-child') return rssChild(process.argv[3]!);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ocr-'));
  const workers = loadConfig({ NODE_ENV: 'test' }).OCR_WORKERS;
  try {
    const textMs = await textLayerPerPage();
    const scans = await scannedPages(SCAN_PAGES);

    let start = process.hrtime.bigint();
    const cleaned = [];
    for (const scan of scans) cleaned.push(await cleanImage(scan, { maxPixels: 50_000_000 }));
    const cleanMs = ms(start) / scans.length;

    const single = new OcrPool({ size: 1, recycleAfter: 1000 });
    await single.recognize(cleaned[0]!.png);
    start = process.hrtime.bigint();
    for (const c of cleaned) await single.recognize(c.png);
    const ocrMs = ms(start) / cleaned.length;
    const onePps = await throughput(single, cleaned.map((c) => c.png));
    await single.close();
    const many = new OcrPool({ size: workers, recycleAfter: 1000 });
    const manyPps = await throughput(many, cleaned.map((c) => c.png));
    await many.close();

    const scanFile = await twentyPageScan(dir);
    const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--rss-child', scanFile], { encoding: 'utf8', env: process.env });
    const rss = JSON.parse(child.stdout.trim().split('\n').pop() || '{}') as { pages?: number; seconds?: number; maxRssMb?: number };

    const rows: Array<[string, string]> = [
      ['text layer, per page', `${textMs.toFixed(1)} ms`],
      ['OCR path, per page (clean + OCR, 1 worker)', `${(cleanMs + ocrMs).toFixed(0)} ms (clean ${cleanMs.toFixed(0)} + OCR ${ocrMs.toFixed(0)})`],
      ['OCR pages/s, 1 worker', onePps.toFixed(2)],
      [`OCR pages/s, ${workers} workers`, manyPps.toFixed(2)],
      ['20-page scan: time, peak RSS', rss.maxRssMb ? `${rss.seconds!.toFixed(1)} s, ${rss.maxRssMb.toFixed(0)} MB (target < 512 MB)` : `child failed: ${child.stderr.slice(-300)}`],
    ];
    if (ensureTesseractCli()) {
      const files = [];
      for (const [i, c] of cleaned.entries()) {
        const file = path.join(dir, `page-${i}.png`);
        await fs.writeFile(file, c.png);
        files.push(file);
      }
      const cli = cliPerPage(files);
      rows.push(['tesseract CLI (OMP_THREAD_LIMIT=1), per page', `${cli.toFixed(0)} ms`]);
      rows.push(['ratio ours / CLI (OCR only)', (ocrMs / cli).toFixed(2)]);
    } else {
      rows.push(['tesseract CLI', 'not installed; comparison skipped']);
    }
    console.log(`\nOCR bench (${scans.length} scanned A4 pages at 200 dpi, ${os.availableParallelism()} CPUs)`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(48)} ${v}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
