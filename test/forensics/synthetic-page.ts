import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { overlaps } from './reading-pages';

/**
 * A page of "digits" drawn as rings on grainy paper, with the word boxes an OCR would report:
 * small enough for unit tests, real enough for every pixel signal to have a norm.
 */
export interface SyntheticPage {
  grey: Buffer;
  width: number;
  height: number;
  words: OcrWord[];
}

export const WIDTH = 900;
export const HEIGHT = 1000;
export const PAPER = 232;
export const INK = 40;
const GLYPH_W = 14;
const GLYPH_H = 24;

/** Draws one glyph: a rectangle's outline `stroke` pixels wide, `x`, `y` its top left (a body glyph's size unless given). */
export function ring(data: Uint8Array, x: number, y: number, stroke: number, ink = INK, [w, h] = [GLYPH_W, GLYPH_H]): void {
  for (let dy = 0; dy < h; dy++)
    for (let dx = 0; dx < w; dx++) {
      const edge = dx < stroke || dx >= w - stroke || dy < stroke || dy >= h - stroke;
      if (edge) data[(y + dy) * WIDTH + x + dx] = ink;
    }
}

export function wordAt(line: number, column: number): { x: number; y: number } {
  return { x: 60 + column * 260, y: 50 + line * 40 };
}

const glyphBox = (x: number, y: number, i: number): Box => [x + i * 20, y, x + i * 20 + GLYPH_W, y + GLYPH_H];

/** The OCR words of the page: 22 lines of three four-digit words, each glyph its own symbol. */
export function syntheticWords(): OcrWord[] {
  const words: OcrWord[] = [];
  for (let line = 0; line < 22; line++)
    for (let column = 0; column < 3; column++) {
      const { x, y } = wordAt(line, column);
      const symbols = [0, 1, 2, 3].map((i) => ({ text: '0', box: glyphBox(x, y, i) }));
      words.push({ text: '0000', box: [x, y, x + 3 * 20 + GLYPH_W, y + GLYPH_H], line, confidence: 95, symbols });
    }
  return words;
}

/** Prints one word's glyphs onto the page's pixels. */
export type Printer = (data: Uint8Array, word: OcrWord, index: number) => void;

/** Prints each word as `soundPage` does by default, the words at `bold` (by index) heavier and darker. */
export function printingBold(bold: ReadonlySet<number>): Printer {
  return (data, w, i) => {
    for (const s of w.symbols)
      if (bold.has(i)) ring(data, s.box[0], s.box[1], 5, 5);
      else ring(data, s.box[0], s.box[1], 3);
  };
}

/** Draws one glyph as `ring` does, its standing sides `stem` pixels wide and its lying ones `bar` thick: a face's stroke contrast. */
export function contrastRing(data: Uint8Array, x: number, y: number, stem: number, bar: number): void {
  for (let dy = 0; dy < GLYPH_H; dy++)
    for (let dx = 0; dx < GLYPH_W; dx++) {
      const edge = dx < stem || dx >= GLYPH_W - stem || dy < bar || dy >= GLYPH_H - bar;
      if (edge) data[(y + dy) * WIDTH + x + dx] = INK;
    }
}

/** Paper with printed words, softened and grained as a scanner does; `draw` prints each word's glyphs (all alike by default). */
export async function soundPage(
  seed = 1,
  draw: Printer = (data, w) => {
    for (const s of w.symbols) ring(data, s.box[0], s.box[1], 3);
  },
  words: OcrWord[] = syntheticWords(),
): Promise<SyntheticPage> {
  const data = Buffer.alloc(WIDTH * HEIGHT, PAPER);
  for (const [i, w] of words.entries()) draw(data, w, i);
  const { data: soft } = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .blur(0.8)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rng = new Rng(seed);
  for (let i = 0; i < soft.length; i++)
    soft[i] = Math.max(0, Math.min(255, soft[i]! + Math.round((rng.next() + rng.next() + rng.next() - 1.5) * 12)));
  return { grey: soft, width: WIDTH, height: HEIGHT, words };
}

/** The word at (line, column): its box and glyph boxes. */
export function wordOf(page: SyntheticPage, line: number, column: number): OcrWord {
  return page.words[line * 3 + column]!;
}

/** Paints the word's box flat paper and draws it again crisp with `stroke` in `ink`: a retyped field. */
export function retype(page: SyntheticPage, word: OcrWord, stroke: number, ink = 10): void {
  const [x0, y0, x1, y1] = word.box;
  for (let y = y0 - 4; y < y1 + 4; y++) for (let x = x0 - 4; x < x1 + 4; x++) page.grey[y * WIDTH + x] = PAPER;
  for (const s of word.symbols) ring(page.grey, s.box[0], s.box[1], stroke, ink);
}

/** Copies one glyph's pixels, with `margin` pixels of paper around it, over another's: a cloned digit. */
export function cloneGlyph(page: SyntheticPage, from: Box, to: Box, margin = 2): void {
  for (let dy = -margin; dy < GLYPH_H + margin; dy++)
    for (let dx = -margin; dx < GLYPH_W + margin; dx++)
      page.grey[(to[1] + dy) * WIDTH + to[0] + dx] = page.grey[(from[1] + dy) * WIDTH + from[0] + dx]!;
}

const overlapsBox = (a: Box, b: Box) => overlaps(a, { left: b[0], top: b[1], right: b[2], bottom: b[3] });

/** The finding names both glyphs, one as the copy and the other as its twin (boxed on their ink, a pixel or two off the drawn box). */
export function namesPair(finding: PixelFinding, from: Box, to: Box): boolean {
  const twin = finding.twin;
  if (!twin) return false;
  return (overlapsBox(finding.box, from) && overlapsBox(twin, to)) || (overlapsBox(finding.box, to) && overlapsBox(twin, from));
}

/** Replaces a region with its own JPEG at `quality`, shifted off the page's 8x8 grid: a pasted JPEG patch. */
export async function pasteJpegPatch(page: SyntheticPage, box: Box, quality: number): Promise<void> {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const patch = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) page.grey.copy(patch, y * w, (y0 + y) * WIDTH + x0, (y0 + y) * WIDTH + x0 + w);
  const jpeg = await sharp(patch, { raw: { width: w, height: h, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  const { data } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  for (let y = 0; y < h; y++) data.copy(page.grey, (y0 + y) * WIDTH + x0, y * w, y * w + w);
}

/** Within the qualities scanners and the forgery corpus save image-only PDF pages at (60-85). */
export const SCANNER_QUALITY = 75;

/** Saves the page as a JPEG and decodes it again in place, as a scanner's file is read: returns the file. */
export async function saveAsScanner(page: SyntheticPage, quality = SCANNER_QUALITY): Promise<Buffer> {
  const jpeg = await sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
  const { data } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  data.copy(page.grey);
  return jpeg;
}

export function asPng(page: SyntheticPage): Promise<Buffer> {
  return sharp(page.grey, { raw: { width: page.width, height: page.height, channels: 1 } })
    .png()
    .toBuffer();
}
