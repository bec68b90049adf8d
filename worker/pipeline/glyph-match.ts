import sharp from 'sharp';
import type { GreyImage as Grey } from '../images/deskew';
import type { Box, OcrWord } from '../ocr/port';

/*
 * Which character a glyph is, told by the page's own prints: a glyph sampled to a fixed grid is
 * compared with the prints of each candidate character in words OCR was sure of.
 */

/** Examples within this ratio of a glyph's height are of its type size. */
const SAME_SIZE = 1.25;
/** The grid a glyph's ink is sampled to, whatever its size, before glyphs are compared. */
const GRID = { width: 12, height: 16 };
/**
 * How alike (the correlation of their sampled ink) a glyph and a character's closest example must be
 * for the glyph to be read as that character, and by how much more than any other character's: on
 * the tuning pages a glyph matched its own character's examples at 0.93 to 0.99 and the next
 * character's at 0.51 to 0.68.
 */
const CHARACTERS = { alike: 0.85, clearerBy: 0.15 };
/**
 * Two look-alikes (B and 8) differ by one stroke, so the margin between them is smaller: on the tuning
 * seeds' pages a house number's printed B matched the page's Bs at 0.91 to 0.96 and its 8s at 0.78 to
 * 0.82, and in a coarse scan's letterhead type the page's Bs at 0.84 and its 8s at 0.69. The glyph is one
 * of the two, so how alike it must be to either is set by the scan's grain, not by other characters.
 */
export const LOOKALIKES = { alike: 0.8, clearerBy: 0.1 };

/**
 * A glyph's ink inside its box, cut to where the ink is and sampled to GRID, darkest 1: the same
 * character in the same type then gives the same samples at any scale.
 */
function sampled(grey: Grey, box: Box): number[] | undefined {
  const [x0, y0] = [Math.max(0, box[0] - 1), Math.max(0, box[1] - 1)];
  const [x1, y1] = [Math.min(grey.width - 1, box[2] + 1), Math.min(grey.height - 1, box[3] + 1)];
  const at = (x: number, y: number) => grey.data[y * grey.width + x]!;
  let [dark, light] = [255, 0];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) [dark, light] = [Math.min(dark, at(x, y)), Math.max(light, at(x, y))];
  if (light - dark < 40) return undefined;
  const ink = (dark + light) / 2;
  let [left, top, right, bottom] = [x1, y1, x0, y0];
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++)
      if (at(x, y) < ink) [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  const [w, h] = [right - left + 1, bottom - top + 1];
  const out: number[] = [];
  for (let j = 0; j < GRID.height; j++)
    for (let i = 0; i < GRID.width; i++) {
      const [ya, xa] = [top + Math.floor((j * h) / GRID.height), left + Math.floor((i * w) / GRID.width)];
      const [yb, xb] = [
        Math.max(top + Math.floor(((j + 1) * h) / GRID.height), ya + 1),
        Math.max(left + Math.floor(((i + 1) * w) / GRID.width), xa + 1),
      ];
      let sum = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) sum += (light - at(x, y)) / (light - dark);
      out.push(sum / ((yb - ya) * (xb - xa)));
    }
  return out;
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((x, i) => {
    const y = b[i]! - mb;
    [ab, aa, bb] = [ab + (x - ma) * y, aa + (x - ma) ** 2, bb + y * y];
  });
  return aa && bb ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * The character of `chars` a glyph is, judged against the page's own examples of each (glyphs of
 * words OCR was sure of, in the same type size): the one whose closest example is alike and clearly
 * (by `clearerBy`) more alike than any other's, or undefined when the page cannot tell.
 */
export function closestCharacter(
  grey: Grey,
  box: Box,
  chars: string,
  examples: OcrWord[],
  { alike, clearerBy } = CHARACTERS,
): string | undefined {
  const glyph = sampled(grey, box);
  if (!glyph) return undefined;
  const height = box[3] - box[1];
  const best = new Map<string, number>();
  for (const symbol of examples.flatMap((w) => w.symbols)) {
    const size = (symbol.box[3] - symbol.box[1]) / height;
    if (!chars.includes(symbol.text) || size < 1 / SAME_SIZE || size > SAME_SIZE) continue;
    const example = sampled(grey, symbol.box);
    if (example) best.set(symbol.text, Math.max(best.get(symbol.text) ?? -1, correlation(glyph, example)));
  }
  const [top, next] = [...best].sort((a, b) => b[1] - a[1]);
  return top && next && top[1] >= alike && top[1] - next[1] >= clearerBy ? top[0] : undefined;
}

/**
 * A column of a stroke's ink runs at least this share of the ink's height: a 1's, an l's or an I's stem runs
 * the whole height, its flag, serifs and foot a sliver, so only stems count.
 */
const STEM_SHARE = 0.6;

/**
 * How many upright stems the ink inside a box holds (each a run of columns whose ink runs most of the
 * ink's height), or undefined where the box holds no contrast to tell ink from paper.
 */
export function stemsIn(grey: Grey, box: Box): number | undefined {
  const [x0, y0] = [Math.max(0, box[0]), Math.max(0, box[1])];
  const [x1, y1] = [Math.min(grey.width - 1, box[2]), Math.min(grey.height - 1, box[3])];
  if (x1 < x0 || y1 < y0) return undefined;
  const at = (x: number, y: number) => grey.data[y * grey.width + x]!;
  let [dark, light] = [255, 0];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) [dark, light] = [Math.min(dark, at(x, y)), Math.max(light, at(x, y))];
  if (light - dark < 40) return undefined;
  const ink = (dark + light) / 2;
  const inked = (x: number) => Array.from({ length: y1 - y0 + 1 }, (_, k) => at(x, y0 + k) < ink);
  const columns = Array.from({ length: x1 - x0 + 1 }, (_, k) => inked(x0 + k));
  const rows = columns.reduce(
    (any, c) => any.map((v, k) => v || c[k]!),
    columns[0]!.map(() => false),
  );
  const height = rows.lastIndexOf(true) - rows.indexOf(true) + 1;
  const stem = columns.map((c) => c.filter(Boolean).length >= STEM_SHARE * height);
  return stem.filter((s, k) => s && !stem[k - 1]).length;
}

export async function decodeGrey(png: Buffer): Promise<Grey> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
