import fs from 'node:fs/promises';
import { imagePdf, scanPages, scanSettings, textPdf } from './fixtures/render';
import { layoutDocument } from './fixtures/layouts';
import { randomCompany, Rng } from './fixtures';
async function main() {
  const rng = new Rng(20);
  const spec = layoutDocument('bank_statement', randomCompany(rng), rng, true);
  const pdf = await textPdf(spec, 'bench');
  const scan = { ...scanSettings(rng), dpi: 200 };
  const jpegs = await scanPages(pdf, spec.pages.length, scan, rng);
  await fs.writeFile('/tmp/exp/scan20.pdf', await imagePdf(Array.from({ length: 20 }, (_, i) => jpegs[i % jpegs.length]!), 200));
}
main();
