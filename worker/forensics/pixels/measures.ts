import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { weightedMedian } from './robust';

/** What a printed word looks like in pixels: its ink, its edges and the paper around it. */
export interface WordMeasures {
  /** Paper minus ink, in grey levels. */
  contrast: number;
  /** Mean ink darkness below the paper, as a share of the contrast of the page's scale (grey levels). */
  ink: number;
  /** Strong gradients over contrast: lower means softer (blurred) edges. */
  sharpness: number;
  /** Median step across the half-contrast level where ink meets paper, over its edge's range: a blur spreads the step over more pixels (`edgeAcrossPhases` sets it against the page's). */
  edge: number;
  /** The word's edge steps per phase band, as `edge` is read from. */
  edgePhases: EdgePhases;
  /** Horizontal stroke width over glyph height. */
  stroke: number;
  /** Grain of the paper around the word: median absolute Laplacian residual, grey levels. */
  noise: number;
  /** Share of those paper pixels exactly as bright as their neighbours: paint is flat, grain never is. */
  flat: number;
  /** Paper pixels the noise was measured on. */
  paperPixels: number;
  /** Grain of the paper in a ring around the word, beyond any patch a forger would paint: the word's own neighbourhood. */
  ring?: { noise: number; flat: number; count: number };
  /** Share of the ink's inner pixels exactly as dark as their neighbours: a text tool's fill is flat, scanned ink is grained. */
  inkFlat: number;
  /** Inner ink pixels that share was counted on: small print at a low resolution has few. */
  inkInner: number;
}

/** Every SAMPLE_STEP-th pixel is enough to read the page's paper level and darkest ink. */
const SAMPLE_STEP = 7;

/** The page's paper level and its darkest ink: the 60th and 1st percentiles of a sparse sample, counted once. */
export function pageLevels(page: Grey): { paper: number; ink: number } {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < page.data.length; i += SAMPLE_STEP, n++) counts[page.data[i]!]! += 1;
  return { paper: countedPercentile(counts, n, 0.6), ink: countedPercentile(counts, n, 0.01) };
}

/**
 * The value below which `share` of `n` non-negative integer values fall, from how many there are of each
 * (`counts`): pages and words have thousands of pixels, counting needs no sort.
 */
function countedPercentile(counts: Uint32Array, n: number, share: number): number {
  if (n === 0) return 0;
  const rank = Math.min(n - 1, Math.floor(share * n));
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (seen > rank) return v;
  }
  return counts.length - 1;
}

/** The box grown by `pad` pixels on every side, clipped to the page. */
export function grow(box: Box, pad: number, page: Grey): Box {
  return [Math.max(0, box[0] - pad), Math.max(0, box[1] - pad), Math.min(page.width, box[2] + pad), Math.min(page.height, box[3] + pad)];
}

const boxArea = (box: Box) => Math.max(0, (box[2] - box[0]) * (box[3] - box[1]));

/** The grey levels of the box's pixels, counted by value. */
function levelsIn(page: Grey, box: Box): Uint32Array {
  const [x0, y0, x1, y1] = box;
  const counts = new Uint32Array(256);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) counts[page.data[y * page.width + x]!]! += 1;
  return counts;
}

const inside = (b: Box | undefined, x: number, y: number) => b !== undefined && x >= b[0] && x < b[2] && y >= b[1] && y < b[3];

/**
 * Grain on flat paper: residual against the 4 neighbours, where the whole 3x3 neighbourhood is paper;
 * `except` leaves out an inner box (to read a ring).
 */
function paperNoise(page: Grey, box: Box, paperFloor: number, except?: Box): { noise: number; flat: number; count: number } {
  const { data, width } = page;
  // Residuals counted by value (at most 4 x 255), for their median without keeping them.
  const residuals = new Uint32Array(4 * 255 + 1);
  let count = 0;
  const [x0, y0, x1, y1] = box;
  for (let y = Math.max(1, y0); y < Math.min(page.height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      if (inside(except, x, y)) continue;
      const i = y * width + x;
      const up = data[i - width]!;
      const down = data[i + width]!;
      const left = data[i - 1]!;
      const right = data[i + 1]!;
      const v = data[i]!;
      if (v < paperFloor || up < paperFloor || down < paperFloor || left < paperFloor || right < paperFloor) continue;
      if (data[i - width - 1]! < paperFloor || data[i + width + 1]! < paperFloor) continue;
      residuals[Math.abs(4 * v - (up + down + left + right))]! += 1;
      count++;
    }
  }
  // Residuals are counted in quarter grey levels, so they stay integers.
  const flat = residuals[0]! + residuals[1]!;
  return {
    noise: countedPercentile(residuals, count, 0.5) / 4,
    flat: count ? flat / count : 0,
    count,
  };
}

/** Share of inner ink pixels (the whole 3x3 neighbourhood ink) with no residual against their 4 neighbours. */
function inkFlatness(page: Grey, box: Box, inkCeiling: number): { share: number; count: number } {
  const { data, width } = page;
  let flat = 0;
  let count = 0;
  for (let y = Math.max(1, box[1]); y < Math.min(page.height - 1, box[3]); y++) {
    for (let x = Math.max(1, box[0]); x < Math.min(width - 1, box[2]); x++) {
      const i = y * width + x;
      const v = data[i]!;
      if (v > inkCeiling || data[i - 1]! > inkCeiling || data[i + 1]! > inkCeiling) continue;
      if (data[i - width]! > inkCeiling || data[i + width]! > inkCeiling) continue;
      count++;
      if (Math.abs(4 * v - (data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]!)) <= 1) flat++;
    }
  }
  return { share: count ? flat / count : 0, count };
}

/** Gradient magnitudes (central differences) inside the box, counted by value (at most 2 x 255), and how many. */
function gradients(page: Grey, box: Box): { counts: Uint32Array; n: number } {
  const { data, width } = page;
  const counts = new Uint32Array(2 * 255 + 1);
  let n = 0;
  const [x0, y0, x1, y1] = box;
  for (let y = Math.max(1, y0); y < Math.min(page.height - 1, y1); y++) {
    for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
      const i = y * width + x;
      counts[Math.abs(data[i + 1]! - data[i - 1]!) + Math.abs(data[i + width]! - data[i - width]!)]! += 1;
      n++;
    }
  }
  return { counts, n };
}

/** Pixels each side of an edge its local paper and ink are read over: past the blur, within a stroke's width. */
const EDGE_REACH = 3;
/** Edges whose local paper-to-ink range is under this share of the word's contrast are grain or a faint hairline, not a glyph's edge. */
const MIN_EDGE_RANGE = 0.5;
/** Steps are counted in thousandths of their edge's range, so a median needs no sort. */
const STEP_BINS = 1000;
/** Bands of where the half-contrast level falls between the two pixels straddling it (0 on one, 0.5 halfway). */
const EDGE_PHASES = 5;

/** A word's edges in each phase band: their median step and how many there are. */
export interface EdgePhases {
  median: Float64Array;
  count: Uint32Array;
  /** The median step over all of them. */
  all: number;
}

/** One histogram of steps per phase band, reused word after word. */
const stepCounts = new Uint32Array(EDGE_PHASES * (STEP_BINS + 1));

/**
 * Where a row or column of the box crosses the half-contrast level `mid`, the step between the two
 * pixels that straddle it over that edge's own range (the lightest of the EDGE_REACH pixels on the
 * paper side to the darkest on the ink side), counted in thousandths. A blur spreads an edge's step
 * over more pixels, so this share is set by the capture's blur, not by how dark or thick a face's
 * strokes print (a hairline's range is its own). The step also depends on where the edge falls
 * between the two pixels (its phase): a sharp edge halfway between them steps its whole range, one
 * through a pixel's middle half of it. A word's upright strokes and flat feet all lie at a few
 * phases, a round letter's at every one, so the steps are counted per phase band (`edgeAcrossPhases`
 * weighs each against the page's own steps there).
 */
function edgeSteepness(page: Grey, box: Box, mid: number, contrast: number): EdgePhases {
  const { data, width, height } = page;
  stepCounts.fill(0);
  const count = new Uint32Array(EDGE_PHASES);
  const at = (x: number, y: number) => data[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  // A pixel and its neighbour (dx, dy) straddling `mid`: the darker is on the ink side, ranges read outward from each.
  const edge = (x: number, y: number, dx: number, dy: number) => {
    const a = at(x, y);
    const b = at(x + dx, y + dy);
    if (a < mid === b < mid) return;
    const [ix, iy, px, py, sx, sy] = a < mid ? [x, y, x + dx, y + dy, -dx, -dy] : [x + dx, y + dy, x, y, dx, dy];
    let ink = 255;
    let paper = 0;
    for (let k = 0; k < EDGE_REACH; k++) {
      ink = Math.min(ink, at(ix + sx * k, iy + sy * k));
      paper = Math.max(paper, at(px - sx * k, py - sy * k));
    }
    if (paper - ink < contrast * MIN_EDGE_RANGE) return;
    const step = Math.abs(a - b);
    const t = (Math.max(a, b) - mid) / step;
    const phase = Math.min(EDGE_PHASES - 1, Math.floor(Math.min(t, 1 - t) * 2 * EDGE_PHASES));
    stepCounts[phase * (STEP_BINS + 1) + Math.min(STEP_BINS, Math.round((STEP_BINS * step) / (paper - ink)))]! += 1;
    count[phase]! += 1;
  };
  const [x0, y0, x1, y1] = box;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (x + 1 < x1) edge(x, y, 1, 0);
      if (y + 1 < y1) edge(x, y, 0, 1);
    }
  const median = new Float64Array(EDGE_PHASES);
  const merged = new Uint32Array(STEP_BINS + 1);
  for (let p = 0; p < EDGE_PHASES; p++) {
    const steps = stepCounts.subarray(p * (STEP_BINS + 1), (p + 1) * (STEP_BINS + 1));
    median[p] = countedPercentile(steps, count[p]!, 0.5) / STEP_BINS;
    for (let v = 0; v <= STEP_BINS; v++) merged[v]! += steps[v]!;
  }
  const total = count.reduce((a, b) => a + b, 0);
  return { median, count, all: countedPercentile(merged, total, 0.5) / STEP_BINS };
}

/**
 * Each word's edge steepness as its steps against the page's at the same phase: per band, the word's
 * median step over the page's (the median of the words' medians there, weighed by their edges), the
 * bands weighed by the word's edges in each, times the page's median step. A word of upright strokes
 * whose edges all fall at one phase then reads as steep as its print is, not as steep as that phase
 * makes any print look.
 */
export function edgeAcrossPhases(words: EdgePhases[]): (word: EdgePhases) => number {
  const norm = Array.from({ length: EDGE_PHASES }, (_, p) =>
    weightedMedian(words.map((w) => ({ value: w.median[p]!, weight: w.count[p]! }))),
  );
  const overall = weightedMedian(words.flatMap((w) => [...w.median].map((value, p) => ({ value, weight: w.count[p]! }))));
  return (w) => {
    let sum = 0;
    let n = 0;
    for (let p = 0; p < EDGE_PHASES; p++) {
      if (!w.count[p] || !norm[p]) continue;
      sum += (w.count[p]! * w.median[p]!) / norm[p]!;
      n += w.count[p]!;
    }
    return n ? (sum / n) * overall : 0;
  };
}

/** Ink pixels per stroke crossing along rows, over the box height. */
function strokeWidth(page: Grey, box: Box, mid: number): number {
  const [x0, y0, x1, y1] = box;
  let ink = 0;
  let crossings = 0;
  for (let y = y0; y < y1; y++) {
    let inside = false;
    for (let x = x0; x < x1; x++) {
      const dark = page.data[y * page.width + x]! < mid;
      if (dark) ink++;
      if (dark && !inside) crossings++;
      inside = dark;
    }
  }
  return crossings === 0 ? 0 : ink / crossings / Math.max(1, y1 - y0);
}

/** Measures one word (and, `withRing`, the paper around it); undefined where the box holds no readable ink. */
export function measureWord(page: Grey, box: Box, withRing = false): WordMeasures | undefined {
  const height = box[3] - box[1];
  if (height < 6 || box[2] - box[0] < 4) return undefined;
  const around = grow(box, Math.round(height * 0.4), page);
  const paper = countedPercentile(levelsIn(page, around), boxArea(around), 0.85);
  const inside = levelsIn(page, box);
  const darkest = countedPercentile(inside, boxArea(box), 0.03);
  const contrast = paper - darkest;
  if (contrast < 40) return undefined;
  const mid = darkest + contrast / 2;
  let inkSum = 0;
  let inkCount = 0;
  for (let v = 0; v < mid && v < inside.length; v++) {
    inkSum += v * inside[v]!;
    inkCount += inside[v]!;
  }
  const grads = gradients(page, box);
  // Grain is read between and just around the glyphs: a retyped field's patch rarely reaches far beyond them.
  const floor = paper - Math.max(12, contrast * 0.25);
  const { noise, flat, count } = paperNoise(page, grow(box, 2, page), floor);
  // The ring starts past the deepest patch a forger paints around a field (a descender's depth and a margin).
  const ringFrom = Math.round(height * 0.8) + 4;
  const ring = withRing ? paperNoise(page, grow(box, ringFrom + Math.max(12, height), page), floor, grow(box, ringFrom, page)) : undefined;
  const inner = inkFlatness(page, box, darkest + contrast * 0.35);
  const edges = edgeSteepness(page, box, mid, contrast);
  return {
    ring,
    inkFlat: inner.share,
    inkInner: inner.count,
    contrast,
    ink: inkCount ? paper - inkSum / inkCount : 0,
    sharpness: countedPercentile(grads.counts, grads.n, 0.95) / contrast,
    edge: edges.all,
    edgePhases: edges,
    stroke: strokeWidth(page, box, mid),
    noise,
    flat,
    paperPixels: count,
  };
}
