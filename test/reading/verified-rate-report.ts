import { OcrPool } from '../../worker/ocr/pool';
import { CachedOcr } from './cache';
import { decideAll, formatOutcomes, planOutcomes } from './outcomes';

/**
 * `make verified-rate`: generated sound businesses (VERIFIED_PER_CELL documents per type and
 * rendering, every layout in turn, held-out ones included) and planted bad ones, through the
 * whole pipeline against registries that answer correctly. Prints the verified share per
 * rendering and the cause of every sound document not verified. Renders and OCR are cached in .cache/.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const perCell = Number(process.env.VERIFIED_PER_CELL ?? 7);
  const seed = Number(process.env.VERIFIED_SEED ?? 14);
  const cases = planOutcomes({ seed, perCell });
  const ocr = new CachedOcr(new OcrPool({ size: 2, recycleAfter: 40 }));
  try {
    const outcomes = await decideAll(cases, ocr);
    console.log(formatOutcomes(outcomes));
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `\n${outcomes.length} documents decided in ${seconds} s, seed ${seed} (OCR pages: ${ocr.misses} read, ${ocr.hits} from the cache)`,
    );
  } finally {
    await ocr.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
