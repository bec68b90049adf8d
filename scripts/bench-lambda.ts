/**
 * Prints the size of dist/lambda/worker.zip and the built handler's cold start: loading lambda.js
 * in a fresh Node process, then starting the first OCR worker the way the OCR pool does (same
 * tesseract.js, model and options, all from the unzipped artefact). Run after `make build-lambda`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipInto } from './build-lambda';

const ROOT = path.resolve(__dirname, '..');
const ZIP = path.join(ROOT, 'dist', 'lambda', 'worker.zip');
const RUNS = 3;

/** Runs in a fresh process inside the unpacked artefact and prints the two timings as JSON. */
const PROBE = `
const path = require('node:path');
const t0 = performance.now();
require(path.resolve('lambda.js'));
const loaded = performance.now();
const { createWorker, OEM, PSM } = require(path.resolve('node_modules/tesseract.js'));
const langPath = path.join(path.dirname(require.resolve(path.resolve('node_modules/@tesseract.js-data/eng/package.json'))), '4.0.0_best_int');
createWorker('eng', OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true })
  .then(async (worker) => {
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
    const ready = performance.now();
    await worker.terminate();
    process.stdout.write(JSON.stringify({ moduleMs: loaded - t0, ocrWorkerMs: ready - loaded }));
    process.exit(0);
  })
  .catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  if (!fs.existsSync(ZIP)) throw new Error('dist/lambda/worker.zip is missing: run make build-lambda first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyb-bench-lambda-'));
  try {
    unzipInto(ZIP, dir);
    const runs = Array.from({ length: RUNS }, () => {
      const out = execFileSync(process.execPath, ['-e', PROBE], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir },
        encoding: 'utf8',
      });
      return JSON.parse(out) as { moduleMs: number; ocrWorkerMs: number };
    });
    const moduleMs = median(runs.map((r) => r.moduleMs));
    const ocrMs = median(runs.map((r) => r.ocrWorkerMs));
    const lines = [
      `Lambda zip            ${(fs.statSync(ZIP).size / 1024 / 1024).toFixed(1)} MB (dist/lambda/worker.zip)`,
      `Cold start, median of ${RUNS} fresh processes on Node ${process.versions.node}:`,
      `  module load         ${moduleMs.toFixed(0)} ms`,
      `  first OCR worker    ${ocrMs.toFixed(0)} ms`,
      `  total               ${(moduleMs + ocrMs).toFixed(0)} ms`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
