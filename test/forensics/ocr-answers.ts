import type { OcrEngine, OcrResult } from '../../worker/ocr/port';

/** An engine that answers every image with what OCR read of the sound page: an edited page reads the same. */
export const answering = (result: OcrResult): OcrEngine => ({ size: 1, recognize: async () => result, close: async () => {} });

/** Remembers the last answer of the engine it wraps. */
export function recording(engine: OcrEngine): OcrEngine & { last?: OcrResult } {
  const wrapped: OcrEngine & { last?: OcrResult } = {
    size: engine.size,
    recognize: async (image) => (wrapped.last = await engine.recognize(image)),
    close: () => engine.close(),
  };
  return wrapped;
}
