import type { PageInfo } from '../domain';
import { cleanImage, type ImageInput } from '../images/clean';
import type { OcrEngine } from './port';

export interface OcrPageOptions {
  maxPixels: number;
}

export interface OcrPage {
  text: string;
  info: Omit<PageInfo, 'number'>;
}

/** Tidies tesseract's output: one printed line per line, no blank runs. */
export function tidyOcrText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Cleans one page image, OCRs it and reports how it went. */
export async function ocrPage(ocr: OcrEngine, input: ImageInput, options: OcrPageOptions): Promise<OcrPage> {
  const cleaned = await cleanImage(input, { maxPixels: options.maxPixels });
  const result = await ocr.recognize(cleaned.png);
  const text = tidyOcrText(result.text);
  return {
    text,
    info: {
      source: 'ocr',
      chars: text.length,
      ocr_confidence: result.confidence,
      width: cleaned.width,
      height: cleaned.height,
      blur: cleaned.blur,
      dpi: cleaned.dpi,
      deskew_degrees: cleaned.deskew_degrees,
    },
  };
}
