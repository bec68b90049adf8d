import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { FORGERY_RENDERINGS, HELD_OUT_TECHNIQUES, TUNED_TECHNIQUES, type ForgedDocument } from '../../fixtures/forgeries';
import { FUSED_CHECK, PIXEL_CHECKS, pixelChecks } from '../../worker/forensics/pixels/checks';
import type { PixelPage, PixelSignal } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { cachedForgery, corpusPlan, judge, readForgery, type CorpusItem, type Outcome, type Split } from './corpus';
import { CachedOcr, NotCached, OCR_CACHE_DIR } from './ocr-cache';

/**
 * `make forensics-accuracy`: generates sound and forged pages in every rendering, reads them as the
 * pipeline does and reports, per technique and rendering, how many the pixel checks catch (a check
 * warns and names the forged region) and how many sound pages raise anything.
 */
interface Options {
  perCell: string;
  sound: string;
  seed: string;
  workers: string;
  cachedOnly?: boolean;
  save?: string;
  from?: string;
  renderings: string;
  techniques: string;
}

async function main(options: Options): Promise<void> {
  if (options.save) writeFileSync(options.save, '');
  const read = options.from ? loadReadings(options.from) : await readCorpus(options);
  report(read.map((r) => ({ ...judge(r.doc, r.page, pixelForensicsThresholds), split: r.doc.split })));
  calibration(read);
}

/**
 * What the thresholds are chosen from: per signal, the highest value any sound page reached (every
 * threshold must stay above it) and how many tuned forgeries have their forged region above it.
 */
function calibration(read: Reading[]): void {
  console.log('Calibration on the tuning seeds (sound maximum per check; tuned forgeries caught were that threshold at that maximum)');
  const tuning = read.filter((r) => r.doc.split === 'tuning');
  const sound = tuning.filter((r) => r.doc.technique === 'sound');
  const tuned = tuning.filter((r) => TUNED_TECHNIQUES.includes(r.doc.technique));
  const keys: [string, keyof typeof pixelForensicsThresholds][] = [
    ...(Object.entries(PIXEL_CHECKS) as [PixelSignal, string][]).map(([signal, id]) => [id, signal] as [string, PixelSignal]),
    [FUSED_CHECK, 'fused'],
  ];
  for (const [id, key] of keys) {
    const valueOf = (r: Reading) => Number(pixelChecks([r.page], pixelForensicsThresholds).find((c) => c.id === id)?.evidence.value ?? 0);
    const soundMax = Math.max(0, ...sound.map(valueOf));
    const above = tuned.filter((r) => judge(r.doc, r.page, { ...pixelForensicsThresholds, [key]: soundMax }).caught).length;
    console.log(
      `  ${key.padEnd(18)} sound max ${soundMax.toFixed(3).padStart(7)} (${sound.length} pages)   threshold ${pixelForensicsThresholds[key]}   tuned caught at the sound max (any check) ${above}/${tuned.length}`,
    );
  }
}

/** Seeds of sound pages start this far past the forged ones. */
const SOUND_SEEDS = 100_000;

/** A page as read, without its bytes or pictures: enough to judge it again under other thresholds. */
interface Reading {
  doc: Omit<ForgedDocument, 'bytes'> & { split: Split };
  page: PixelPage & { ms: number };
}

function loadReadings(file: string): Reading[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Reading);
}

async function readCorpus(options: Options): Promise<Reading[]> {
  const seed = Number(options.seed);
  // Sound pages from their own seeds, far from the forged ones; both interleaved in proportion to their
  // counts, so a cut-short run is balanced.
  const forged = Number(options.perCell);
  const sound = Number(options.sound);
  const share = (item: CorpusItem) => (item.index + 0.5) / (item.technique === 'sound' ? sound : forged);
  const wanted = options.renderings.split(',');
  const techniques = options.techniques.split(',');
  const plan = [
    ...corpusPlan(FORGERY_RENDERINGS, [...TUNED_TECHNIQUES, ...HELD_OUT_TECHNIQUES], forged, seed),
    ...corpusPlan(FORGERY_RENDERINGS, ['sound'], sound, seed + SOUND_SEEDS),
  ]
    .filter((item) => wanted.includes(item.rendering) && techniques.includes(item.technique))
    .sort((a, b) => share(a) - share(b));
  const ocr = new CachedOcr(Number(options.workers), OCR_CACHE_DIR, options.cachedOnly);
  const readings: Reading[] = [];
  try {
    await Promise.all(
      Array.from({ length: ocr.size }, async () => {
        for (let item = plan.shift(); item; item = plan.shift()) {
          const read = await readItem(ocr, item, options.cachedOnly).catch((error: unknown) => {
            if (error instanceof NotCached) return undefined;
            throw error;
          });
          if (!read) continue;
          const reading = { doc: { ...read.doc, split: item.split }, page: { ...read.page, crops: [] } };
          readings.push(reading);
          // Kept as it goes, so a long run can be judged before it ends.
          if (options.save) appendFileSync(options.save, `${JSON.stringify(reading)}\n`);
        }
      }),
    );
  } finally {
    await ocr.close();
  }
  return readings;
}

/** Reads one planned page; with `cachedOnly`, only if it was drawn and read before (else NotCached). */
async function readItem(ocr: CachedOcr, item: CorpusItem, cachedOnly = false) {
  const { bytes, ...doc } = await cachedForgery(
    { type: item.type, rendering: item.rendering, technique: item.technique, seed: item.seed },
    cachedOnly,
  );
  return { doc, page: await readForgery(ocr, { ...doc, bytes }) };
}

function rate(items: Outcome[], hit: (o: Outcome) => boolean): string {
  const n = items.filter(hit).length;
  return items.length ? `${((100 * n) / items.length).toFixed(1)}% (${n}/${items.length})` : '-';
}

type Judged = Outcome & { split: Split };

function report(outcomes: Judged[]): void {
  const line = (label: string, text: string) => console.log(`  ${label.padEnd(40)} ${text}`);
  console.log('Pixel forensics on the forgery corpus');
  const quiet = (o: Outcome) => o.alarms.length === 0;
  const sound = outcomes.filter((o) => o.technique === 'sound');
  line('sound pages raising nothing', rate(sound, quiet));
  for (const split of ['tuning', 'held_out'] as const)
    for (const r of FORGERY_RENDERINGS)
      line(
        `  ${r}, ${split} seeds`,
        rate(
          sound.filter((o) => o.rendering === r && o.split === split),
          quiet,
        ),
      );
  const caught = (o: Outcome) => o.caught;
  for (const [label, group] of [
    ['tuned techniques, tuning seeds', outcomes.filter((o) => TUNED_TECHNIQUES.includes(o.technique) && o.split === 'tuning')],
    ['tuned techniques, held-out seeds', outcomes.filter((o) => TUNED_TECHNIQUES.includes(o.technique) && o.split === 'held_out')],
    ['held-out techniques, all seeds', outcomes.filter((o) => HELD_OUT_TECHNIQUES.includes(o.technique))],
  ] as const) {
    line(label, rate(group, caught));
    for (const t of [...TUNED_TECHNIQUES, ...HELD_OUT_TECHNIQUES].filter((x) => group.some((o) => o.technique === x)))
      line(
        `  ${t}`,
        FORGERY_RENDERINGS.map(
          (r) =>
            `${r} ${rate(
              group.filter((o) => o.technique === t && o.rendering === r),
              caught,
            )}`,
        ).join('  '),
      );
    for (const r of FORGERY_RENDERINGS)
      line(
        `  ${r}`,
        rate(
          group.filter((o) => o.rendering === r),
          caught,
        ),
      );
  }
  const ms = outcomes.map((o) => o.pixelMs).sort((a, b) => a - b);
  line('pixel analysis per page, median', `${ms[ms.length >> 1] ?? 0} ms`);
  for (const o of outcomes.filter((x) => (x.technique === 'sound' ? x.alarms.length > 0 : !x.caught)))
    console.log(
      `    ${o.technique === 'sound' ? 'alarm' : 'missed'}: ${o.rendering} ${o.technique} ${o.field ?? ''} seed ${o.seed} ${o.alarms.join(', ')} | ${o.worst.join(' ')}`,
    );
}

new Command()
  .option('--per-cell <n>', 'forged pages per technique and rendering, half of them from held-out seeds', '4')
  .option('--sound <n>', 'sound pages per rendering, half of them from held-out seeds', '8')
  .option('--cached-only', 'skip pages whose OCR answer is not cached yet (judge what a cut-short run read)')
  .option('--seed <n>', 'first seed', '5000')
  .option('--workers <n>', 'OCR workers', '1')
  .option('--renderings <list>', 'only these renderings (comma-separated; the same seeds as in a full run)', FORGERY_RENDERINGS.join(','))
  .option(
    '--techniques <list>',
    'only these techniques (comma-separated; the same seeds as in a full run)',
    ['sound', ...TUNED_TECHNIQUES, ...HELD_OUT_TECHNIQUES].join(','),
  )
  .option('--save <file>', 'keep what was read (JSON lines), to judge again with --from')
  .option('--from <file>', 'judge pages read earlier instead of reading new ones')
  .action(main)
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
