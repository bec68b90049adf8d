import { generateCorpus } from './fixtures';
import { OcrPool } from './worker/ocr/pool';
import { readDocument, score } from './test/reading/reader';
async function main() {
  const renderings = (process.env.R ?? 'text_pdf,multi_page_pdf').split(',') as any;
  const corpus = await generateCorpus({ seed: Number(process.env.SEED ?? 7), perCell: Number(process.env.N ?? 3), renderings });
  const ocr = new OcrPool({ size: 2, recycleAfter: 50 });
  const readings = [];
  const t = Date.now();
  for (const doc of corpus) {
    const state = await readDocument(doc.bytes, { ocr });
    readings.push({ doc, state });
    if (process.env.V) console.log(doc.filename, state.document_type, JSON.stringify(state.pages), '\n', state.page_texts.join('\n---\n'), JSON.stringify(state.fields, null, 1));
  }
  console.log('ms', Date.now() - t);
  const s = score(readings);
  console.log(s.classified, '/', s.documents);
  for (const [k, v] of Object.entries(s.fields)) console.log(k, v.right, '/', v.total, v.misses.slice(0, 6).join('\n   '));
  await ocr.close();
}
main();
