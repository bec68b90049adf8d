/** A box in the OCR'd image's pixels: left, top, right, bottom. */
export type Box = [number, number, number, number];

/** One recognised word with where it was printed, for pixel forensics. */
export interface OcrWord {
  text: string;
  box: Box;
  /** Index of the word's line on the page. */
  line: number;
  /** Tesseract's confidence in the word, 0..100. */
  confidence: number;
  /** One box per recognised character. */
  symbols: { text: string; box: Box }[];
}

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0..100. */
  confidence: number;
  words: OcrWord[];
}

/** Reads the words of one prepared page image. */
export interface OcrEngine {
  /** How many pages it reads at once; callers render no more pages ahead than this. */
  readonly size: number;
  recognize(image: Buffer): Promise<OcrResult>;
  /** Starts its readers, model loaded, before the first page needs them. */
  warm?(): void;
  close(): Promise<void>;
}
