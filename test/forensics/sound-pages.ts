import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { Rendering } from '../../fixtures';
import { FORGERY_RENDERINGS } from '../../fixtures/forgeries';
import { FUSED_CHECK, pixelChecks } from '../../worker/forensics/pixels/checks';
import type { PixelPage } from '../../worker/forensics/pixels/types';
import type { OcrEngine } from '../../worker/ocr/port';
import { OcrPool } from '../../worker/ocr/pool';
import { textStage } from '../../worker/pipeline/text';
import type { PipelineState } from '../../worker/pipeline/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { CachedOcr as ReadingOcr, generateCached } from '../reading/cache';
import { planOutcomes } from '../reading/outcomes';
import { cachedForgery, corpusPlan, readForgery } from './corpus';
import { CachedOcr as ForgeryOcr, NotCached, OCR_CACHE_DIR } from './ocr-cache';

/**
 * `make forensics-sound`: sound documents of both generated corpora (the reading corpus's layouts,
 * `fixtures/layouts*.ts`, and the forgery corpus's sound pages, `fixtures/forgeries.ts`) read from
 * an image as the text stage reads them, and the share of them each pixel check raises an alarm on,
 * per corpus and rendering. The thresholds were chosen on other seeds; OCR answers are cached.
 */
interface Options {
  seed: string;
  perCell: string;
  sound: string;
  save?: string;
  from?: string;
  cachedOnly?: boolean;
  only?: string;
}

/** What was read of one sound document: enough to judge it again under other thresholds. */
interface SoundReading {
  corpus: 'reading' | 'forgery';
  rendering: string;
  name: string;
  pages: Pick<PixelPage, 'number' | 'pixels'>[];
}

const IMAGE_RENDERINGS: readonly Rendering[] = ['image_pdf', 'scan_image', 'photo_jpeg'];
const MAX_PIXELS = 60_000_000;
/** Forgery-corpus sound seeds start here, clear of the seeds `make forensics-accuracy` tunes on. */
const FORGERY_SOUND_SEEDS = 900_000;

/** An engine that has read nothing: with `--cached-only`, only what was read before is judged. */
const nothingRead: OcrEngine = { size: 2, recognize: () => Promise.reject(new NotCached()), close: async () => {} };

async function readingCorpus(
  seed: number,
  perCell: number,
  keep: (r: SoundReading) => void,
  cachedOnly = false,
  only?: number[],
): Promise<void> {
  // Planned over every rendering, as `make verified-rate` plans them: a case's seed depends on its
  // rendering's place in the plan, so the same documents (and their cached OCR) are read.
  const cases = planOutcomes({ seed, perCell }).filter(
    (c) => c.kind === 'sound' && IMAGE_RENDERINGS.includes(c.rendering) && (!only || only.includes(c.seed)),
  );
  const ocr = new ReadingOcr(cachedOnly ? nothingRead : new OcrPool({ size: 2, recycleAfter: 40 }));
  const stage = textStage({ maxPages: 10, renderDpi: 200, maxImagePixels: MAX_PIXELS, ocr });
  try {
    const lanes = Array.from({ length: ocr.size }, async () => {
      for (let c = cases.shift(); c; c = cases.shift()) {
        const doc = await generateCached({ type: c.type, layout: c.layout, rendering: c.rendering, seed: c.seed, company: c.company });
        const state = { file: { mime: doc.mime, ext: '' }, pages: [], page_texts: [] } as unknown as PipelineState;
        const document = { id: doc.filename, tenant_id: 't', filename: doc.filename, content_type: doc.mime, size_bytes: 0, sha256: '' };
        const read = await stage
          .run({ document, task: { id: 't', kind: 'process' }, claims: {}, bytes: doc.bytes, state, progress: async () => {} })
          .then(
            () => true,
            (error: unknown) => {
              // A PDF's reading wraps the miss of a later page in its own error.
              if (cachedOnly) return false;
              throw error;
            },
          );
        if (!read) continue;
        keep({
          corpus: 'reading',
          rendering: c.rendering,
          name: doc.filename,
          pages: (state.pixel_pages ?? []).map(({ number, pixels }) => ({ number, pixels })),
        });
      }
    });
    await Promise.all(lanes);
  } finally {
    await ocr.close();
  }
}

async function forgeryCorpus(seed: number, perRendering: number, keep: (r: SoundReading) => void, cachedOnly = false): Promise<void> {
  const plan = corpusPlan(FORGERY_RENDERINGS, ['sound'], perRendering, seed + FORGERY_SOUND_SEEDS).sort((a, b) => a.index - b.index);
  const ocr = new ForgeryOcr(1, OCR_CACHE_DIR, cachedOnly);
  try {
    for (const item of plan) {
      const options = { type: item.type, rendering: item.rendering, technique: 'sound' as const, seed: item.seed };
      const page = await cachedForgery(options, cachedOnly)
        .then((doc) => readForgery(ocr, doc))
        .catch((error: unknown) => {
          if (error instanceof NotCached) return undefined;
          throw error;
        });
      if (!page) continue;
      keep({
        corpus: 'forgery',
        rendering: item.rendering,
        name: `${item.type} seed ${item.seed}`,
        pages: [{ number: 1, pixels: page.pixels }],
      });
    }
  } finally {
    await ocr.close();
  }
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}% (${n}/${of})` : '-');

/** Per corpus and rendering: the pages any pixel check raised an alarm on, and each check's own share. */
function report(readings: SoundReading[]): void {
  const alarmsOf = (r: SoundReading) => pixelChecks(r.pages, pixelForensicsThresholds).filter((c) => c.status === 'warn');
  const judged = readings.map((r) => ({ ...r, alarms: alarmsOf(r) }));
  const ids = [...new Set(pixelChecks([], pixelForensicsThresholds).map((c) => c.id))]
    .filter((id) => id !== FUSED_CHECK)
    .concat(FUSED_CHECK);
  console.log('Sound documents raising a pixel alarm (false alarms), per corpus and rendering');
  for (const corpus of ['reading', 'forgery'] as const)
    for (const rendering of [...new Set(judged.filter((r) => r.corpus === corpus).map((r) => r.rendering))]) {
      const group = judged.filter((r) => r.corpus === corpus && r.rendering === rendering);
      const perCheck = ids.map(
        (id) => `${id.replace('forensics.pixel_', '')} ${group.filter((r) => r.alarms.some((c) => c.id === id)).length}`,
      );
      console.log(
        `  ${`${corpus} ${rendering}`.padEnd(24)} ${pct(group.filter((r) => r.alarms.length > 0).length, group.length).padEnd(16)} ${perCheck.join(', ')}`,
      );
    }
  const all = judged.length;
  console.log(`  ${'all'.padEnd(24)} ${pct(judged.filter((r) => r.alarms.length > 0).length, all)}`);
  for (const r of judged.filter((x) => x.alarms.length > 0))
    console.log(
      `    alarm: ${r.corpus} ${r.rendering} ${r.name}: ${r.alarms.map((c) => `${c.id} ${String(c.evidence.word)} ${String(c.evidence.measure)}=${String(c.evidence.value)} over ${String(c.evidence.threshold)} at ${JSON.stringify(c.evidence.box)} against ${JSON.stringify(c.evidence.detail)}`).join('; ')}`,
    );
  margins(judged, ids);
}

/** How near the thresholds sound documents come: per check and rendering, the highest values and the threshold. */
function margins(readings: SoundReading[], ids: string[]): void {
  console.log('Highest sound values per check and rendering (both corpora), against the threshold');
  for (const id of ids)
    for (const rendering of [...new Set(readings.map((r) => r.rendering))]) {
      const values = readings
        .filter((r) => r.rendering === rendering)
        .map((r) => {
          const c = pixelChecks(r.pages, pixelForensicsThresholds).find((x) => x.id === id);
          return {
            value: Number(c?.evidence.value ?? 0),
            threshold: c?.evidence.threshold,
            word: c?.evidence.word,
            measure: c?.evidence.measure,
          };
        })
        .sort((a, b) => b.value - a.value);
      const top = values.slice(0, 3).map((v) => `${v.value} (${String(v.measure)} "${String(v.word ?? '')}")`);
      console.log(
        `  ${id.replace('forensics.pixel_', '').padEnd(12)} ${rendering.padEnd(11)} threshold ${String(values[0]?.threshold)}: ${top.join(', ')}`,
      );
    }
}

async function main(options: Options): Promise<void> {
  if (options.from) {
    report(
      readFileSync(options.from, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SoundReading),
    );
    return;
  }
  if (options.save) writeFileSync(options.save, '');
  const readings: SoundReading[] = [];
  const keep = (r: SoundReading) => {
    readings.push(r);
    if (options.save) appendFileSync(options.save, `${JSON.stringify(r)}\n`);
  };
  const seed = Number(options.seed);
  const only = options.only?.split(',').map(Number);
  if (Number(options.perCell) > 0) await readingCorpus(seed, Number(options.perCell), keep, options.cachedOnly, only);
  if (Number(options.sound) > 0) await forgeryCorpus(seed, Number(options.sound), keep, options.cachedOnly);
  report(readings);
}

new Command()
  .option('--seed <n>', 'seed of both corpora (the reading corpus was studied on 14, the forgery corpus tuned on 5000)', '21')
  .option('--per-cell <n>', 'reading corpus: sound documents per type and image rendering (4 types)', '4')
  .option('--sound <n>', 'forgery corpus: sound pages per rendering', '16')
  .option('--cached-only', 'judge only documents whose OCR answers are cached (what a cut-short run read)')
  .option('--only <seeds>', 'reading corpus: only the documents of these seeds (comma-separated), to judge alarms again')
  .option('--save <file>', 'keep what was read (JSON lines), to judge again with --from')
  .option('--from <file>', 'judge documents read earlier instead of reading new ones')
  .action(main)
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
