import { loadConfig } from '../../worker/config';
import { createLogger } from '../../worker/logger';
import { buildStages } from '../../worker/pipeline';
import { runStages } from '../../worker/pipeline/runner';
import { createOcrPool } from '../../worker/ocr';
import { createVerificationServices } from '../../worker/verification';
import * as pdf from './files/pdf';
import * as img from './files/images';
import * as other from './files/other';
import { detectFileType } from '../../worker/files/detect';

const which = process.argv[2];
const cases: Record<string, () => Buffer | Promise<Buffer>> = {
  ok: () => pdf.onePagePdf(),
  brokenXref: () => pdf.onePagePdf({ xref: 'broken' }),
  missingXref: () => pdf.onePagePdf({ xref: 'missing' }),
  trunc60: () => pdf.truncatedPdf(0.6),
  trunc30: () => pdf.truncatedPdf(0.3),
  header: () => Buffer.from('%PDF-1.7\n'),
  js: () => pdf.javascriptPdf(),
  encUser: () => pdf.encryptedPdf('secret'),
  encOwner: () => pdf.encryptedPdf(''),
  aesUser: () => pdf.aesEncryptedPdf('secret'),
  aesOwner: () => pdf.aesEncryptedPdf(''),
  encUnknown: () => pdf.unknownEncryptionPdf(),
  many: () => pdf.manyPagesPdf(500),
  count2_31: () => pdf.lyingCountPdf('2147483648'),
  countNeg: () => pdf.lyingCountPdf('-5'),
  noPages: () => pdf.noPagesPdf(),
  deepTree: () => pdf.deepPageTreePdf(3000),
  cyclic: () => pdf.cyclicPageTreePdf(),
  nestedArr: () => pdf.nestedArraysPdf(100000),
  nestedDict: () => pdf.nestedDictionariesPdf(50000),
  objStm: () => pdf.objectStreamsPdf(20000),
  objStm5: () => pdf.objectStreamsPdf(5),
  flate: () => pdf.flateBombPdf(200 * 1024 * 1024),
  imgBomb: () => pdf.imageBombPdf(60000),
  hugePage: () => pdf.hugePagePdf(),
  pngBomb: () => img.png(100000, 100000),
  png0: () => img.png(0, 0),
  pngCrc: () => img.pngBadCrc(),
  jpegBomb: () => img.jpegBomb(65500, 65500),
  jpegHuff: () => img.jpegCorruptHuffman(),
  jpegTrunc: () => img.jpegTruncated(),
  tiffBomb: () => img.tiffBomb(100000, 100000),
  tiffCyc: () => img.tiffCyclicIfd(),
  webpBomb: () => img.webpBomb(),
  plainPng: () => img.plainPng(),
  htmlMarker: () => other.htmlWithPdfMarker(),
  polyglot: () => Buffer.concat([pdf.onePagePdf(), other.zip('a.txt', Buffer.from('hi'))]),
};

async function main() {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/explore', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
  const log = createLogger('silent');
  const ocr = createOcrPool(config);
  const repoStub = { findSameContent: async () => [] } as never;
  const stages = buildStages({ config, verification: createVerificationServices(config, repoStub), ocr, log });
  for (const name of which ? which.split(',') : Object.keys(cases)) {
    const bytes = await cases[name]!();
    const t0 = Date.now();
    const type = await detectFileType(bytes);
    try {
      const state = await runStages(stages, { document: { id: '00000000-0000-4000-8000-000000000000', tenant_id: 't', filename: 'x', content_type: type?.mime ?? '?', size_bytes: bytes.length, sha256: 'x' }, task: { id: 'x', kind: 'process' }, claims: {}, bytes }, async () => undefined);
      console.log(name, bytes.length, type?.mime, 'COMPLETED', state.pages.length, JSON.stringify(state.page_texts).slice(0, 80), Date.now() - t0, 'ms');
    } catch (e) {
      console.log(name, bytes.length, type?.mime, 'ERR', (e as any).code, (e as Error).message.slice(0, 150), Date.now() - t0, 'ms');
    }
  }
  await ocr.close();
}
main();
