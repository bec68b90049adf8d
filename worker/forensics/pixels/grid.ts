import type { Box } from '../../ocr/port';
import type { Grey } from './grey';

/** Where a JPEG's 8x8 block edges fall in a region, and how strongly they show. */
export interface GridTrace {
  /** Column (and row) phase 0..7 of the strongest block edge. */
  phaseX: number;
  phaseY: number;
  /** Edge energy at that phase over the median phase, minus one: 0 when there is no grid. */
  strength: number;
}

/** Where a grid's block edges fall, as `gridTrace` counts phases. */
export type GridPhase = Pick<GridTrace, 'phaseX' | 'phaseY'>;

/** Where a JPEG's own decode has its block edges, as `gridTrace` counts phases: between pixels 7 and 8 of each block. */
const OWN_GRID: GridPhase = { phaseX: 7, phaseY: 7 };

/** Below this strength a page carries no JPEG block grid it shows. */
export const MIN_GRID_STRENGTH = 0.05;

/**
 * The phase of the page's grid, to hold a region's to: the JPEG's own when the pixels are its decode
 * (`ownDecode`, an image-only PDF's scan), however faint the grid shows (a clean page saved at a fine
 * quality shows almost none, and then a field at the page's own phase read as out of step: sound
 * image-PDF fields to 1.34 of the threshold 1.5); else the phase the page shows, none when it shows no grid.
 */
export function pagePhase(page: GridTrace, ownDecode: boolean): GridPhase | undefined {
  if (ownDecode) return OWN_GRID;
  return page.strength >= MIN_GRID_STRENGTH ? page : undefined;
}

/** A region's grid strength when it is out of step with the page's phase (every region, when the page has none); else 0. */
export function outOfStep(region: GridTrace, phase: GridPhase | undefined): number {
  return phase && region.phaseX === phase.phaseX && region.phaseY === phase.phaseY ? 0 : region.strength;
}

/** A grey level below the region's paper: differences touching darker pixels are print, not grid. */
function paperFloor(page: Grey, box: Box, step: number): number {
  const histogram = new Uint32Array(256);
  let total = 0;
  for (let y = box[1]; y < box[3]; y += step)
    for (let x = box[0]; x < box[2]; x += step) {
      histogram[page.data[y * page.width + x]!]! += 1;
      total += 1;
    }
  let seen = 0;
  for (let v = 255; v >= 0; v--) {
    seen += histogram[v]!;
    if (seen >= total * 0.3) return v - PAPER_DEPTH;
  }
  return 0;
}

/** How far below the paper's bright third a pixel may be and still count as paper, grey levels. */
const PAPER_DEPTH = 40;

/**
 * Mean neighbour difference per phase, and the same without the phase's strongest line (see `strongestPhases`).
 */
function profile(page: Grey, box: Box, step: number, vertical: boolean, floor: number): PhaseMeans {
  const [x0, y0, x1, y1] = box;
  const lines = vertical ? y1 - 1 - y0 : x1 - 1 - x0;
  const origin = vertical ? y0 : x0;
  // Typed arrays: an Array made by `new Array(n).fill(0)` stays holey, and every add checks for a hole.
  const sums = new Float64Array(Math.max(0, lines));
  const counts = new Uint32Array(Math.max(0, lines));
  const { data, width } = page;
  // One loop per direction, each pixel's neighbour without a test of the direction per pixel.
  if (vertical)
    for (let y = y0; y < y1 - 1; y++)
      for (let x = x0; x < x1 - 1; x += step) {
        const i = y * width + x;
        const a = data[i]!;
        const b = data[i + width]!;
        if (a < floor || b < floor) continue;
        sums[y - y0]! += Math.abs(a - b);
        counts[y - y0]! += 1;
      }
  else
    for (let y = y0; y < y1 - 1; y += step)
      for (let x = x0; x < x1 - 1; x++) {
        const i = y * width + x;
        const a = data[i]!;
        const b = data[i + 1]!;
        if (a < floor || b < floor) continue;
        sums[x - x0]! += Math.abs(a - b);
        counts[x - x0]! += 1;
      }
  return phaseMeans(sums, counts, origin);
}

/** Per phase, the mean difference over all its lines, and over all but the one whose own mean is highest. */
interface PhaseMeans {
  all: number[];
  trimmed: number[];
}

function phaseMeans(sums: Float64Array, counts: Uint32Array, origin: number): PhaseMeans {
  const total = new Float64Array(8);
  const count = new Uint32Array(8);
  const strongest = new Int32Array(8).fill(-1);
  for (let line = 0; line < sums.length; line++) {
    const phase = (origin + line) & 7;
    total[phase]! += sums[line]!;
    count[phase]! += counts[line]!;
    const top = strongest[phase]!;
    if (counts[line]! > 0 && (top < 0 || sums[line]! / counts[line]! > sums[top]! / counts[top]!)) strongest[phase] = line;
  }
  const all = Array.from(total, (sum, phase) => sum / Math.max(1, count[phase]!));
  const trimmed = all.map((mean, phase) => {
    const top = strongest[phase]!;
    // A phase read on one line alone keeps it: there is nothing to hold it against.
    if (top < 0 || count[phase] === counts[top]) return mean;
    return (total[phase]! - sums[top]!) / (count[phase]! - counts[top]!);
  });
  return { all, trimmed };
}

/**
 * The phases' means with the strongest read without its strongest line, again while that hands the
 * lead to another phase: a straight print edge across the region (a table rule, a frame, an
 * underline) leaves its soft anti-aliased pixels on one row or column, bright enough to pass for
 * paper, while a JPEG's block edges recur on every eighth (a sound image-only PDF's field 2 px above a
 * rule showed a grid out of step at 1.96 of 1.5). Only the leaders are trimmed: the rest are what a
 * grid is held against, print edges and all, as before.
 */
function strongestPhases({ all, trimmed }: PhaseMeans): number[] {
  const means = [...all];
  const done = new Set<number>();
  for (;;) {
    const top = means.indexOf(Math.max(...means));
    if (done.has(top)) return means;
    means[top] = trimmed[top]!;
    done.add(top);
  }
}

function peak(values: number[]): { phase: number; strength: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const phase = values.indexOf(sorted[7]!);
  const others = (sorted.reduce((a, b) => a + b, 0) - sorted[7]!) / 7;
  // Flat paint has no texture to carry a grid: differences under a grey level say nothing.
  return { phase, strength: others > 1 ? sorted[7]! / others - 1 : 0 };
}

/** The block grid a region carries; `step` samples every n-th row or column for speed. */
export function gridTrace(page: Grey, box: Box, step = 1): GridTrace {
  // One floor for both directions: at step 1 it reads every pixel of the region, as each profile does.
  const floor = paperFloor(page, box, step);
  const x = peak(strongestPhases(profile(page, box, step, false, floor)));
  const y = peak(strongestPhases(profile(page, box, step, true, floor)));
  return { phaseX: x.phase, phaseY: y.phase, strength: Math.min(x.strength, y.strength) };
}
