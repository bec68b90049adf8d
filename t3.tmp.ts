import { generateDocument } from './fixtures';
import { OcrPool } from './worker/ocr/pool';
import { readDocument } from './test/reading/reader';
async function main() {
  const ocr = new OcrPool({ size: 1, recycleAfter: 50 });
  for (const rendering of ['encrypted_pdf', 'truncated_pdf', 'zero_page_pdf'] as const) {
    const doc = await generateDocument({ type: 'bank_statement', rendering, seed: 3 });
    try { const s = await readDocument(doc.bytes, { ocr }); console.log(rendering, 'NO ERROR', s.pages); } catch (e: any) { console.log(rendering, e.code, e.message); }
  }
  await ocr.close();
}
main();
