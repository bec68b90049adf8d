'use strict';
// Plain CommonJS on purpose: the bundle is timed as Lambda loads it, with no TypeScript loader.
const path = require('node:path');

const started = performance.now();

/** Requires the built handler, then starts one OCR worker the way the pool does; reports each step's time. */
async function main() {
  if (process.env.BENCH_MODE === 'bare') {
    process.send({ type: 'ready', requireMs: 0, ocrMs: 0 });
    return;
  }
  const dir = process.env.BENCH_LAMBDA_DIR;
  const { handler } = require(path.join(dir, 'lambda.js'));
  if (typeof handler !== 'function') throw new Error('lambda.js exports no handler function');
  const required = performance.now();
  const { createWorker, OEM, PSM } = require(path.join(dir, 'node_modules', 'tesseract.js'));
  const langPath = path.join(dir, 'node_modules', '@tesseract.js-data', 'eng', '4.0.0_best_int');
  // The same options as the worker's OCR pool, with the thread script the bundle ships beside lambda.js.
  const workerPath = path.join(dir, 'tesseract-thread.js');
  const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, workerPath, cacheMethod: 'none', gzip: true });
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '0' });
  const ocrReady = performance.now();
  await worker.terminate();
  process.send({ type: 'ready', requireMs: required - started, ocrMs: ocrReady - required });
}

main().then(
  () => process.disconnect(),
  (error) => {
    process.send({ type: 'error', error: error.stack || String(error) });
    process.disconnect();
  },
);
