import sharp from 'sharp';
import { generateDocument } from './fixtures';
import { estimateSkew } from './worker/images/deskew';
async function main() {
  const doc = await generateDocument({ type: 'utility_bill', rendering: 'scan_image', seed: 70056 });
  const { data: grey, info } = await sharp(doc.bytes).autoOrient().flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  console.log(info);
  const { data, info: i2 } = await sharp(grey, { raw: { width: info.width, height: info.height, channels: 1 } }).resize({ width: 800 }).raw().toBuffer({ resolveWithObject: true });
  console.log(i2, estimateSkew({ data, width: i2.width, height: i2.height }));
}
main();
