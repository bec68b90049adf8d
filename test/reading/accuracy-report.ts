import { OcrPool } from '../../worker/ocr/pool';
import { formatTables, readAll, sampleCorpus, tabulate } from './evaluation';

/**
 * `make accuracy`: reads a seeded sample of every layout in every rendering and prints accuracy on
 * the layouts rules were tuned on beside those held out, with a reliability table of confidence.
 * ACCURACY_SCALE multiplies the sample (0.5 halves it); MISSES=1 lists every miss.
 */
async function main(): Promise<void> {
  const scale = Number(process.env.ACCURACY_SCALE ?? 1);
  const started = Date.now();
  const corpus = await sampleCorpus({
    seed: Number(process.env.ACCURACY_SEED ?? 7),
    perLayout: {
      text_pdf: Math.max(1, Math.round(2 * scale)),
      multi_page_pdf: 0.5 * scale,
      scan_image: 0.25 * scale,
      image_pdf: 0.125 * scale,
      photo_jpeg: 0.25 * scale,
      multi_page_scan_pdf: 0.125 * scale,
    },
  });
  const ocr = new OcrPool({ size: 2, recycleAfter: 40 });
  try {
    const readings = await readAll(corpus, ocr);
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
    console.log(`\n${readings.length} documents read in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await ocr.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
