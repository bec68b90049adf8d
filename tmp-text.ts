import { OcrPool } from './worker/ocr/pool';
import { formatTables, readAll, sampleCorpus, tabulate } from './test/reading/evaluation';
async function main() {
  const r = (process.env.R ?? 'text_pdf') as 'text_pdf';
  const corpus = await sampleCorpus({ seed: Number(process.env.SEED ?? 3), perLayout: Object.fromEntries(r.split(',').map((x) => [x, Number(process.env.N ?? 3)])) });
  const ocr = new OcrPool({ size: 2, recycleAfter: 40 });
  const readings = await readAll(corpus, ocr);
  await ocr.close();
  const tuned = tabulate(readings.filter((x) => !x.heldOut));
  const held = tabulate(readings.filter((x) => x.heldOut));
  console.log(formatTables(tuned, held));
  for (const t of [tuned, ...(process.env.HELD ? [held] : [])]) for (const m of [...t.classification.misses, ...Object.values(t.byField).flatMap((f) => f.misses)]) console.log(m);
}
main();
