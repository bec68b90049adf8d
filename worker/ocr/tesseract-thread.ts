/**
 * The tesseract.js worker thread, as its own Node script but loading the LSTM-only WASM core.
 * tesseract.js 7's Node script passes its `lstmOnly` flag where it expects an engine mode, so it
 * always loads the full core with the legacy engine we never run: the same answers (checked byte for
 * byte on the bench pages) and the same speed, for some 13 MB more per worker. The plain SIMD build
 * is as fast here as the relaxed one, and its results do not depend on the host's CPU.
 */
import { parentPort } from 'node:worker_threads';

type Send = (message: unknown) => void;

interface WorkerScript {
  dispatchHandlers(packet: unknown, send: Send): void;
  setAdapter(adapter: Record<string, unknown>): void;
}

const script = require('tesseract.js/src/worker-script') as WorkerScript;
const gunzip = require('tesseract.js/src/worker-script/node/gunzip') as unknown;
const cache = require('tesseract.js/src/worker-script/node/cache') as Record<string, unknown>;

const port = parentPort;
if (!port) throw new Error('worker/ocr/tesseract-thread.ts runs as a worker thread started by tesseract.js');

port.on('message', (packet: unknown) => script.dispatchHandlers(packet, (message) => port.postMessage(message)));

script.setAdapter({
  getCore: async () => require('tesseract.js-core/tesseract-core-simd-lstm') as unknown,
  gunzip,
  // The model is read from langPath on disk; nothing is fetched.
  fetch: globalThis.fetch,
  ...cache,
});
