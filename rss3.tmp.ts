import fs from 'node:fs/promises';
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
async function main() {
  console.log('base', mb());
  const { openPdf } = await import('./worker/pdf/document');
  const sharp = (await import('sharp')).default;
  console.log('imports', mb());
  const bytes = await fs.readFile('/tmp/exp/scan20.pdf');
  console.log('file', bytes.length / 1e6, mb());
  const pdf = await openPdf(bytes, 50);
  console.log('open', mb(), process.memoryUsage());
}
main();
