import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { FORGERY_RENDERINGS, HELD_OUT_TECHNIQUES, TUNED_TECHNIQUES, type ForgedDocument, type Technique } from '../../fixtures/forgeries';
import type { PixelPage, PixelSignal } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { cachedForgery, corpusPlan, judge, readForgery, type Outcome } from './corpus';
import { CachedOcr } from './ocr-cache';

/**
 * `make forensics-accuracy`: generates sound and forged pages in every rendering, reads them as the
 * pipeline does and reports, per technique and rendering, how many the pixel checks catch (a check
 * warns and names the forged region) and how many sound pages raise anything.
 */
async function main(options: { perCell: string; seed: string; workers: string; save?: string; from?: string }): Promise<void> {
  if (options.save) writeFileSync(options.save, '');
  const read = options.from ? loadReadings(options.from) : await readCorpus(options);
  report(read.map((r) => judge(r.doc, r.page, pixelForensicsThresholds)));
  calibration(read);
}

/**
 * What the thresholds are chosen from: per signal, the highest value any sound page reached (every
 * threshold must stay above it) and how many tuned forgeries have their forged region above it.
 */
function calibration(read: Reading[]): void {
  console.log('Calibration (sound maximum per signal; tuned forgeries whose forged region exceeds it)');
  for (const signal of Object.keys(pixelForensicsThresholds) as PixelSignal[]) {
    const values = (r: Reading) => (r.page.pixels?.findings ?? []).filter((f) => f.signal === signal);
    const soundMax = Math.max(0, ...read.filter((r) => r.doc.technique === 'sound').flatMap((r) => values(r).map((f) => f.value)));
    const tuned = read.filter((r) => TUNED_TECHNIQUES.includes(r.doc.technique));
    const above = tuned.filter((r) => judge(r.doc, r.page, { ...pixelForensicsThresholds, [signal]: soundMax }).caught).length;
    console.log(
      `  ${signal.padEnd(18)} sound max ${soundMax.toFixed(3).padStart(7)}   threshold ${pixelForensicsThresholds[signal]}   tuned caught at the sound max (any signal) ${above}/${tuned.length}`,
    );
  }
}

/** A page as read, without its bytes or pictures: enough to judge it again under other thresholds. */
interface Reading {
  doc: Omit<ForgedDocument, 'bytes'>;
  page: PixelPage & { ms: number };
}

function loadReadings(file: string): Reading[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Reading);
}

async function readCorpus(options: { perCell: string; seed: string; workers: string; save?: string }): Promise<Reading[]> {
  const perCell = Number(options.perCell);
  const techniques: Technique[] = ['sound', ...TUNED_TECHNIQUES, ...HELD_OUT_TECHNIQUES];
  const plan = corpusPlan(FORGERY_RENDERINGS, techniques, perCell, Number(options.seed)).map((item) =>
    item.technique === 'sound' ? { ...item, count: 2 } : { ...item, count: 1 },
  );
  const ocr = new CachedOcr(Number(options.workers));
  const readings: Reading[] = [];
  try {
    await Promise.all(
      Array.from({ length: ocr.size }, async () => {
        for (let item = plan.shift(); item; item = plan.shift()) {
          for (let k = 0; k < item.count; k++) {
            const { bytes, ...doc } = await cachedForgery({ ...item, seed: item.seed + k * 7919 });
            const page = await readForgery(ocr, { ...doc, bytes });
            const reading = { doc, page: { ...page, crops: [] } };
            readings.push(reading);
            // Kept as it goes, so a long run can be judged before it ends.
            if (options.save) appendFileSync(options.save, `${JSON.stringify(reading)}\n`);
          }
        }
      }),
    );
  } finally {
    await ocr.close();
  }
  return readings;
}

function rate(items: Outcome[], hit: (o: Outcome) => boolean): string {
  const n = items.filter(hit).length;
  return items.length ? `${((100 * n) / items.length).toFixed(1)}% (${n}/${items.length})` : '-';
}

function report(outcomes: Outcome[]): void {
  const line = (label: string, text: string) => console.log(`  ${label.padEnd(34)} ${text}`);
  console.log('Pixel forensics on the forgery corpus');
  const sound = outcomes.filter((o) => o.technique === 'sound');
  line(
    'sound pages raising nothing',
    rate(sound, (o) => o.alarms.length === 0),
  );
  for (const r of FORGERY_RENDERINGS)
    line(
      `  sound, ${r}`,
      rate(
        sound.filter((o) => o.rendering === r),
        (o) => o.alarms.length === 0,
      ),
    );
  for (const [label, group] of [
    ['tuned', TUNED_TECHNIQUES],
    ['held out', HELD_OUT_TECHNIQUES],
  ] as const) {
    const forged = outcomes.filter((o) => group.includes(o.technique));
    line(
      `${label} forgeries caught`,
      rate(forged, (o) => o.caught),
    );
    for (const t of group)
      line(
        `  ${t}`,
        rate(
          forged.filter((o) => o.technique === t),
          (o) => o.caught,
        ),
      );
    for (const r of FORGERY_RENDERINGS)
      line(
        `  ${r}`,
        rate(
          forged.filter((o) => o.rendering === r),
          (o) => o.caught,
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
  .option('--per-cell <n>', 'forged pages per technique and rendering (sound pages: twice as many)', '4')
  .option('--seed <n>', 'first seed', '5000')
  .option('--workers <n>', 'OCR workers', '1')
  .option('--save <file>', 'keep what was read (JSON lines), to judge again with --from')
  .option('--from <file>', 'judge pages read earlier instead of reading new ones')
  .action(main)
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
