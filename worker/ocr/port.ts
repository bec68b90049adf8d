export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0..100. */
  confidence: number;
}

/** Reads the words of one prepared page image. */
export interface OcrEngine {
  /** How many pages it reads at once; callers render no more pages ahead than this. */
  readonly size: number;
  recognize(image: Buffer): Promise<OcrResult>;
  close(): Promise<void>;
}
