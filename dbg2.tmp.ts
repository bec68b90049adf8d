import sharp from 'sharp';
import { generateDocument } from './fixtures';
import { estimateSkew } from './worker/images/deskew';
async function main() {
  for (const seed of [70056, 70051, 70052]) {
  const doc = await generateDocument({ type: 'utility_bill', rendering: 'scan_image', seed });
  const { data, info } = await sharp(doc.bytes).greyscale().resize({ width: 800 }).raw().toBuffer({ resolveWithObject: true });
  let sum = 0; for (const v of data) sum += v;
  let dark = 0; for (const v of data) if (v < 128) dark++;
  console.log(doc.scan!.rotateDegrees, 'mean', sum / data.length, 'dark', dark, data.length, 'skew', estimateSkew({ data, width: info.width, height: info.height }));
  }
}
main();
