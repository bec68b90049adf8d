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

function profile(page: Grey, box: Box, step: number, vertical: boolean, floor: number): number[] {
  // Typed arrays: an Array made by `new Array(n).fill(0)` stays holey, and every add checks for a hole.
  const sums = new Float64Array(8);
  const counts = new Uint32Array(8);
  const { data, width } = page;
  const [x0, y0, x1, y1] = box;
  // One loop per direction, each pixel's neighbour and phase without a test of the direction per pixel.
  if (vertical)
    for (let y = y0; y < y1 - 1; y++) {
      const phase = y & 7;
      for (let x = x0; x < x1 - 1; x += step) {
        const i = y * width + x;
        const a = data[i]!;
        const b = data[i + width]!;
        if (a < floor || b < floor) continue;
        sums[phase]! += Math.abs(a - b);
        counts[phase]! += 1;
      }
    }
  else
    for (let y = y0; y < y1 - 1; y += step)
      for (let x = x0; x < x1 - 1; x++) {
        const i = y * width + x;
        const a = data[i]!;
        const b = data[i + 1]!;
        if (a < floor || b < floor) continue;
        sums[x & 7]! += Math.abs(a - b);
        counts[x & 7]! += 1;
      }
  return Array.from(sums, (s, i) => s / Math.max(1, counts[i]!));
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
  const x = peak(profile(page, box, step, false, floor));
  const y = peak(profile(page, box, step, true, floor));
  return { phaseX: x.phase, phaseY: y.phase, strength: Math.min(x.strength, y.strength) };
}
