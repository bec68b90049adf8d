import type { Box } from '../../ocr/port';
import type { Glyph } from './copy-move';
import { medianOf } from './robust';

/** Characters that stand on the baseline without hanging below it: capitals and digits. */
const ON_BASELINE = /^[A-Z0-9]$/;
/** Capitals and digits a word needs for its baseline to be read off their feet. */
const MIN_BASELINE_GLYPHS = 2;
/** A box reaching this share of its height below that baseline holds a descender ("p", "y", a comma's tail). */
const HANGS_BELOW = 0.1;

/**
 * The box of a word's print body: its box cut at the median foot of its capitals and digits, when a
 * descender hangs below it; undefined when nothing does. The paper under a baseline, beside a
 * descender's lone tail, lies further from print than the paper between a field's digits, so a
 * JPEG's ringing round the print reaches less of it: "54.93p" read a grain step cleaner than its
 * ring with it and as grainy without it (a sound photo, session 16), where a painted patch is
 * cleaner through and through.
 */
export function printBody(box: Box, glyphs: readonly Glyph[]): Box | undefined {
  const feet = glyphs.filter((g) => ON_BASELINE.test(g.text)).map((g) => g.box[3]);
  if (feet.length < MIN_BASELINE_GLYPHS) return undefined;
  const foot = Math.round(medianOf(feet));
  const height = box[3] - box[1];
  if (box[3] - foot < Math.max(2, HANGS_BELOW * height) || foot <= box[1]) return undefined;
  return [box[0], box[1], box[2], foot];
}
