import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { labelInk, type Blob as InkBlob } from './ink-blobs';
import { pageLevels } from './measures';
import type { PixelFinding } from './types';

/**
 * Glyphs cut along a pasted rectangle's straight edge. A region pasted over a page leaves the original
 * print that reached past it cut off on the rectangle's edge: ink ends abruptly, on one straight line,
 * across several neighbouring glyphs, one pixel from full ink to clean paper, where the page's own
 * print (scanned, photographed) fades over its blur. Sound print never ends so: glyph ends are rounded
 * or serifed at varied positions, and rules are long continuous ink, not several truncated glyphs.
 * A paste shorter than the field it covers cuts every glyph of it along its bottom edge, as far above
 * their feet as the two differ in height: what is left is a row of stubs of any thickness, not only
 * slivers (`STUB`).
 */

/** Contrast (grey levels) between the page's paper and ink below which there is no print to judge. */
const MIN_CONTRAST = 40;
/** Ink pixels a blob needs to be print rather than a speck. */
const MIN_INK = 4;
/** A blob at most this many pixels thick across a side is a sliver: what is left of a glyph cut off along its length. */
const MAX_SLIVER = 2;
/** Pixels of ink a cut side needs on its edge, and pixels a sliver needs along the line. */
const MIN_RUN = 3;
const MIN_LENGTH = 4;
/** The mean grey step from the paper past a side to its ink, in units of the page's contrast, from which the ink ends at once. */
const MIN_STEEPNESS = 0.6;
/** Print past a sliver's faces darker than this share of the contrast makes it part of a glyph, not a remnant. */
const CLEAN = 0.3;
/**
 * A stub: what a paste's bottom (or top) edge leaves of a glyph it crossed, thicker than a sliver. Its
 * thickness is the field's height less the paste's, so any, up to a small part of a glyph (`thickest`
 * pixels: half a millimetre at 300 dpi; whole small glyphs, a full stop or a tail, are as thick as 8).
 * Only one face of it is the cut, so more must show it: the ink steps from clean paper to the print's
 * full ink in one pixel (`steepest`), where print's own edges, however crisp, leave their edge pixels
 * partly paper (the anti-aliased outline, the blur, the JPEG), and a hairline broken off by the ink
 * floor ends grey; and past its other face there is clean paper for twice its thickness (`clearBeyond`),
 * where a dot has the rest of its glyph (an i's stem under its dot). Sides only across a horizontal
 * line: a paste's side edge crosses one glyph at most, and sound print's thin upright strokes (l, I, 1)
 * stand in columns as thick as a stub.
 */
const STUB = { thickest: 6, steepest: 0.9, clearBeyond: 2 };
/** Straight lines this near the image's edge (a share of its smaller side) are the page's own edge, not a paste's. */
const RIM = 0.03;
/** Cut sides this many pixels apart across the line lie on one line. */
const TOLERANCE = 1;
/** A pasted field is at most this share of the page's width long: slivers cut further apart are not one paste. */
const MAX_SPAN = 0.25;
/** The likely pasted region reaches past the cut line by this share of the line's length, and at least `MIN_REACH` pixels. */
const REACH = 0.3;
const MIN_REACH = 12;
/** Pixels the region keeps beyond the cut line's own ends. */
const MARGIN = 2;
/**
 * The most slivers one line cut on a sound page of the tuning corpus (2: serifs of a blurred photo's
 * text broken off their stems, a dash beside an underscore); a paste cutting a field's digits leaves 4 to 6.
 */
const SOUND_CUTS = 2;

/** Each side of a blob: its top, bottom, left and right extreme rows or columns. */
const SIDES = ['top', 'bottom', 'left', 'right'] as const;
type Side = (typeof SIDES)[number];

interface Blob extends InkBlob {
  /** Per side: ink pixels on the extreme row or column, and their summed step to the paper beyond (in units of the page's contrast). */
  run: Record<Side, number>;
  step: Record<Side, number>;
}

/** One cut side of a sliver: the line it lies on (between pixel rows, or columns, `at - 1` and `at`) and its extent along the line. */
interface Cut {
  blob: number;
  side: Side;
  at: number;
  from: number;
  to: number;
}

/** An empty array for `labelInk` to label into: no page of labels is written, only the blobs counted. */
const NO_LABELS = new Int32Array(0);

/**
 * Connected (4-neighbour) blobs of pixels darker than `floor` on the whole page, each with its sides yet
 * to be measured. Only slivers are measured, so no label is kept for the page's print (a page-sized
 * array of 32-bit labels, tens of megabytes, for a few thousand small boxes): each sliver's pixels are
 * found again in its own box (`sliverLabels`).
 */
function label(page: Grey, floor: number): Blob[] {
  const { blobs } = labelInk(page, [0, 0, page.width, page.height], floor, 4, NO_LABELS);
  const none = () => ({ top: 0, bottom: 0, left: 0, right: 0 });
  return blobs.map((b) => ({ ...b, run: none(), step: none() }));
}

/**
 * A blob's own pixels in its box, as labels of the box's pixels (row-major) and the blob's label among
 * them. Labelled again within its box, the blob is one blob there too (its pixels all lie in the box and
 * join through each other), the only one spanning the whole box with its ink: two blobs spanning a box at
 * most two pixels across would touch along it.
 */
function sliverLabels(page: Grey, b: InkBlob, floor: number): { labels: Int32Array; id: number } {
  const { labels, blobs } = labelInk(page, b.box, floor, 4);
  const id = 1 + blobs.findIndex((o) => o.ink === b.ink && o.box.every((v, i) => v === b.box[i]));
  return { labels, id };
}

/**
 * Each sliver's extreme rows and columns: how much ink lies on them and how steeply it meets the paper
 * beyond (the grey step from the pixel past the edge to the edge's own pixel, in units of the contrast).
 * Only slivers of print (`MIN_INK`) are judged, so only their boxes are read: the sides of thicker print
 * are not worth measuring.
 */
function measureSides(page: Grey, blobs: Blob[], floor: number, contrast: number): void {
  const { data, width, height } = page;
  for (const b of blobs) {
    const [x0, y0, x1, y1] = b.box;
    if ((x1 - x0 > MAX_SLIVER && y1 - y0 > STUB.thickest) || b.ink < MIN_INK) continue;
    const { labels, id } = sliverLabels(page, b, floor);
    // One pixel in from the image's edge, so every pixel read has its four neighbours.
    for (let y = Math.max(1, y0); y < Math.min(height - 1, y1); y++)
      for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
        if (labels[(y - y0) * (x1 - x0) + x - x0] !== id) continue;
        const i = y * width + x;
        if (y === y0) addSide(b, 'top', data[i - width]! - data[i]!, contrast);
        if (y === y1 - 1) addSide(b, 'bottom', data[i + width]! - data[i]!, contrast);
        if (x === x0) addSide(b, 'left', data[i - 1]! - data[i]!, contrast);
        if (x === x1 - 1) addSide(b, 'right', data[i + 1]! - data[i]!, contrast);
      }
  }
}

/** One ink pixel on a blob's side, stepping `step` grey levels up to the paper beyond (a function, not a closure per pixel). */
function addSide(b: Blob, s: Side, step: number, contrast: number): void {
  b.run[s]++;
  b.step[s] += step / contrast;
}

const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };
/** Pixels past a side in which other print would show the blob is part of a glyph (a serif broken off its stem). */
const PAST = 3;

/** The darkest pixel in the band `past` pixels deep just past a blob's side (one pixel wider than the blob each way), in units of the contrast. */
function darkestPast(page: Grey, box: Box, side: Side, paper: number, contrast: number, past = PAST): number {
  const [x0, y0, x1, y1] = box;
  const band: Box =
    side === 'top'
      ? [x0 - 1, y0 - 1 - past, x1 + 1, y0 - 1]
      : side === 'bottom'
        ? [x0 - 1, y1 + 1, x1 + 1, y1 + 1 + past]
        : side === 'left'
          ? [x0 - 1 - past, y0 - 1, x0 - 1, y1 + 1]
          : [x1 + 1, y0 - 1, x1 + 1 + past, y1 + 1];
  let darkest = 255;
  for (let y = Math.max(0, band[1]); y < Math.min(page.height, band[3]); y++)
    for (let x = Math.max(0, band[0]); x < Math.min(page.width, band[2]); x++) darkest = Math.min(darkest, page.data[y * page.width + x]!);
  return Math.max(0, paper - darkest) / contrast;
}

/**
 * The steep sides of glyph slivers: blobs at most `MAX_SLIVER` pixels thick across the side, clean
 * paper past both faces, the ink ending at once on the side. What a paste leaves of the print it
 * covered in part (the feet of digits below it, the end of a stroke beside it) is such a sliver; a
 * sound glyph's serif broken off its stem at the threshold has the stem past its other face. Thicker
 * remnants below or above a paste count as stubs (`STUB`).
 */
export function glyphCuts(page: Grey, levels = pageLevels(page)): Cut[] {
  const { paper, ink } = levels;
  const contrast = paper - ink;
  if (contrast < MIN_CONTRAST) return [];
  const floor = ink + contrast / 2;
  const blobs = label(page, floor);
  measureSides(page, blobs, floor, contrast);
  const cuts: Cut[] = [];
  blobs.forEach((b, blob) => {
    const [x0, y0, x1, y1] = b.box;
    if (b.ink < MIN_INK) return;
    for (const s of SIDES) {
      const horizontal = s === 'top' || s === 'bottom';
      const [along, across] = horizontal ? [x1 - x0, y1 - y0] : [y1 - y0, x1 - x0];
      const stub = horizontal && across > MAX_SLIVER;
      if (across > (stub ? STUB.thickest : MAX_SLIVER) || along < MIN_LENGTH || b.run[s] < MIN_RUN) continue;
      const steepness = b.step[s] / b.run[s];
      if (steepness < (stub ? STUB.steepest : MIN_STEEPNESS)) continue;
      const beyond = stub ? Math.max(PAST, STUB.clearBeyond * across) : PAST;
      if (darkestPast(page, b.box, s, paper, contrast) > CLEAN || darkestPast(page, b.box, OPPOSITE[s], paper, contrast, beyond) > CLEAN)
        continue;
      const at = s === 'top' ? y0 : s === 'bottom' ? y1 : s === 'left' ? x0 : x1;
      cuts.push({ blob, side: s, at, from: horizontal ? x0 : y0, to: horizontal ? x1 : y1 });
    }
  });
  return cuts;
}

/** Dashes of one length in a row are a dashed rule or leader, printed so; a paste cuts glyphs of many widths. */
const DASH_SPREAD = 2;
function dashed(cuts: Cut[]): boolean {
  const lengths = cuts.map((c) => c.to - c.from);
  return cuts.length > 2 && Math.max(...lengths) - Math.min(...lengths) <= DASH_SPREAD;
}

/**
 * Slivers this close end to end (pixels) are one rule broken by the threshold: a photo's slightly
 * tilted table rule steps a row every so often, and each step leaves a piece with a straight face.
 * Glyphs stand a letter space apart.
 */
const RULE_GAP = 3;
function brokenRule(cuts: Cut[]): boolean {
  const sorted = [...cuts].sort((a, b) => a.from - b.from);
  return sorted.some((c, i) => i > 0 && c.from - sorted[i - 1]!.to < RULE_GAP);
}

interface CutLine {
  cuts: Cut[];
}

const isHorizontal = (c: Cut) => c.side === 'top' || c.side === 'bottom';

/**
 * The line that cuts the most distinct slivers within one paste's length: cut sides on one coordinate
 * (within the tolerance), taken along the line within `MAX_SPAN` of the page's width, away from the
 * image's rim (the page's own edge).
 */
function strongestCutLine(page: Grey, cuts: Cut[]): CutLine | undefined {
  const rim = RIM * Math.min(page.width, page.height);
  const span = MAX_SPAN * page.width;
  let best: CutLine | undefined;
  for (const c of cuts) {
    const extent = isHorizontal(c) ? page.height : page.width;
    if (c.at < rim || c.at > extent - rim) continue;
    const line = cuts.filter(
      (d) => isHorizontal(d) === isHorizontal(c) && Math.abs(d.at - c.at) <= TOLERANCE && d.from >= c.from && d.to - c.from <= span,
    );
    const distinct = [...new Map(line.map((d) => [d.blob, d])).values()];
    if (distinct.length === 0 || dashed(distinct) || brokenRule(distinct)) continue;
    if (!best || distinct.length > best.cuts.length) best = { cuts: distinct };
  }
  return best;
}

/**
 * The box a paste cutting these slivers most likely covers: the cut line's extent, grown across the line
 * by a share of its length. Both ways: a sliver a pixel or two thick is flat on both faces, so which
 * side of the line the paste lies on is not told by its remnants alone.
 */
function cutBox(line: CutLine, page: Grey): Box {
  const from = Math.min(...line.cuts.map((c) => c.from)) - MARGIN;
  const to = Math.max(...line.cuts.map((c) => c.to)) + MARGIN;
  const at = Math.round(line.cuts.reduce((sum, c) => sum + c.at, 0) / line.cuts.length);
  const reach = Math.max(MIN_REACH, Math.round(REACH * (to - from)));
  const box: Box = isHorizontal(line.cuts[0]!) ? [from, at - reach, to, at + reach] : [at - reach, from, at + reach, to];
  return [Math.max(0, box[0]), Math.max(0, box[1]), Math.min(page.width, box[2]), Math.min(page.height, box[3])];
}

/**
 * The page's strongest line of cut glyphs as a region finding: how many slivers one straight line cuts,
 * in units of the most a sound page reached on the tuning corpus.
 */
export function glyphCutFinding(page: Grey, levels = pageLevels(page)): PixelFinding | undefined {
  const line = strongestCutLine(page, glyphCuts(page, levels));
  if (!line) return undefined;
  return {
    signal: 'region',
    box: cutBox(line, page),
    word: '',
    measure: 'glyphs_cut_on_one_line',
    value: line.cuts.length / SOUND_CUTS,
    detail: { glyphs_cut: line.cuts.length },
  };
}
