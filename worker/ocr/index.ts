import type { Config } from '../config';
import { OcrPool } from './pool';

export { OcrPool, defaultLangPath } from './pool';
export type { OcrEngine, OcrResult } from './port';

/** The process's OCR pool, sized and placed by configuration (a Lambda bundle ships its own model folder). */
export function createOcrPool(config: Config): OcrPool {
  return new OcrPool({
    size: config.OCR_WORKERS,
    recycleAfter: config.OCR_RECYCLE_AFTER,
    langPath: config.OCR_LANG_PATH,
    workerPath: config.OCR_WORKER_PATH,
    corePath: config.OCR_CORE_PATH,
  });
}
