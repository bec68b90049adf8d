import { OcrPool } from '../../worker/ocr/pool';
import { formatTables, planCorpus, readAll, tabulate, type Reading, type SampleOptions } from './evaluation';
import { CachedOcr } from './cache';

/** Documents per type, split and rendering at ACCURACY_SCALE=1. */
const PER_CELL: SampleOptions['perCell'] = {
  text_pdf: 8,
  multi_page_pdf: 2,
  scan_image: 4,
  image_pdf: 2,
  photo_jpeg: 4,
  multi_page_scan_pdf: 1,
};

/**
 * What the second readings cost: every OCR call beyond one a page was a crop read again, and every
 * second reading without one was read by its glyphs (postcodes only: a labelled number's is always a crop).
 */
function secondReadings(readings: Reading[], ocrCalls: number): string {
  const pages = readings.flatMap((r) => r.state.pages).filter((p) => p.source === 'ocr');
  const reads = pages.flatMap((p) => p.uncertain_reads ?? []);
  const values = reads.filter((r) => r.field !== 'postcode').length;
  const crops = ocrCalls - pages.length;
  return (
    `second readings: ${reads.length} on ${pages.length} OCR'd pages, ${crops} by OCR of a crop (${values} of them labelled numbers), ` +
    `${reads.length - crops} by glyphs`
  );
}

/**
 * `make accuracy`: reads a seeded, balanced sample (every type, tuned and held-out layouts, every
 * rendering) and prints accuracy on the layouts rules were tuned on beside those held out, with a
 * reliability table of confidence. ACCURACY_SCALE multiplies the sample (0.5 halves it, at least
 * one document a cell); MISSES=1 lists every miss. OCR results are cached by page image under
 * .cache/reading-ocr, so a rerun only OCRs pages whose pixels changed.
 */
async function main(): Promise<void> {
  const scale = Number(process.env.ACCURACY_SCALE ?? 1);
  const started = Date.now();
  const perCell = Object.fromEntries(Object.entries(PER_CELL).map(([r, n]) => [r, Math.max(1, Math.round(n * scale))]));
  const plan = planCorpus({ seed: Number(process.env.ACCURACY_SEED ?? 7), perCell });
  const ocr = new CachedOcr(new OcrPool({ size: 2, recycleAfter: 40 }));
  try {
    const readings = await readAll(plan, ocr);
    const tuned = tabulate(readings.filter((r) => !r.heldOut));
    const heldOut = tabulate(readings.filter((r) => r.heldOut));
    console.log(formatTables(tuned, heldOut));
    if (process.env.MISSES) {
      for (const [label, t] of [
        ['tuned', tuned],
        ['held-out', heldOut],
      ] as const) {
        console.log(`\nmisses on ${label} layouts:`);
        for (const miss of [...t.classification.misses, ...Object.values(t.byField).flatMap((f) => f.misses)]) console.log(`  ${miss}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`\n${readings.length} documents read in ${seconds} s (OCR pages: ${ocr.misses} read, ${ocr.hits} from the cache)`);
    console.log(secondReadings(readings, ocr.hits + ocr.misses));
  } finally {
    await ocr.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
