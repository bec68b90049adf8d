import { generateDocument } from './fixtures';
import { OcrPool } from './worker/ocr/pool';
import { readDocument } from './test/reading/reader';
async function main() {
  const ocr = new OcrPool({ size: 2, recycleAfter: 50 });
  const jobs = process.argv.slice(2).map((a) => a.split(':'));
  await Promise.all(jobs.map(async ([type, rendering, seed]) => {
    const t = Date.now();
    const doc = await generateDocument({ type: type as any, rendering: rendering as any, seed: Number(seed) });
    const gen = Date.now() - t;
    const state = await readDocument(doc.bytes, { ocr });
    console.log('=====', type, seed, 'gen', gen, 'read', Date.now() - t - gen, JSON.stringify(state.pages), '\n' + state.page_texts.join('\n---\n'), '\n', JSON.stringify(state.fields));
  }));
  await ocr.close();
}
main();
