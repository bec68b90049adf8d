import fs from 'node:fs';
import { generateDocument } from './fixtures';
import { cleanImage } from './worker/images/clean';
import { OcrPool } from './worker/ocr/pool';
async function main() {
  const doc = await generateDocument({ type: 'utility_bill', rendering: 'scan_image', seed: Number(process.env.SEED ?? 70056) });
  console.log(doc.scan);
  let t = Date.now();
  const c = await cleanImage(doc.bytes, { maxPixels: 50e6 });
  console.log('clean ms', Date.now() - t, c.width, c.height, c.blur, c.dpi, c.deskew_degrees);
  fs.writeFileSync('/tmp/exp/clean.png', c.png);
  const ocr = new OcrPool({ size: 1, recycleAfter: 50 });
  t = Date.now();
  const r = await ocr.recognize(c.png);
  console.log('ocr ms', Date.now() - t, r.confidence);
  console.log(r.text);
  await ocr.close();
}
main();
