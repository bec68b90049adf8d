import fs from 'node:fs/promises';
import { loadConfig } from '../worker/config';
import { createOcrPool } from '../worker/ocr';
import { textStage } from '../worker/pipeline/text';
import { emptyState } from '../worker/pipeline/types';

/** Reads one scanned PDF through the text stage with the default pool and reports this process's peak RSS. */
async function main(file: string): Promise<void> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', SECRET_KEY: 'bench' });
  const ocr = createOcrPool(config);
  const bytes = await fs.readFile(file);
  const state = emptyState();
  state.file = { mime: 'application/pdf', ext: 'pdf' };
  const stage = textStage({ maxPages: config.MAX_PDF_PAGES, renderDpi: config.RENDER_DPI, maxImagePixels: config.MAX_IMAGE_PIXELS, ocr });
  const start = process.hrtime.bigint();
  await stage.run({
    bytes,
    state,
    document: {
      id: 'bench',
      tenant_id: 'bench',
      filename: 'scan.pdf',
      content_type: 'application/pdf',
      size_bytes: bytes.length,
      sha256: '',
    },
    task: { id: 'bench', kind: 'process' },
    claims: {},
    progress: async () => undefined,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await ocr.close();
  process.stdout.write(
    JSON.stringify({ pages: state.pages.length, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, workers: config.OCR_WORKERS }),
  );
}

main(process.argv[2]!).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
