import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { savedCopyDifference } from './copy-move-resave';
import type { QuantTable } from './resave';

/** A printed character on the page: what was read and where. */
export interface Glyph {
  text: string;
  box: Box;
}

export interface ClonePair {
  /** The glyph found a second time, and where its twin is. */
  box: Box;
  twin: Box;
  /** Mean absolute difference at the best alignment, in grey levels (each patch less its mean). */
  difference: number;
  /**
   * How many times nearer the pair is (smoothed 2x2) than a glyph typically is to its nearest fellow
   * on the page (0: too few glyphs to tell).
   */
  alike: number;
  /**
   * Correlation of the two glyphs' paper grain at that alignment (each pixel less its 3x3 mean, on
   * pixels that are paper in both, the paper above and below the glyph included), beyond what prints
   * typically share (`typicalGrain`), as a share of what was left to share: about
   * zero for two prints, high for a copy even after a JPEG re-save has blurred the difference. Zero for
   * a pair on the same phase of the 8x8 block grid (see `onBlockGrid`).
   */
  grain: number;
  /**
   * The evidence of a copy in the pair's paper: `grain` (from zero) times how much nearer than prints
   * typically are the pair is, that only up to NEAR_ENOUGH (see there).
   */
  shared: number;
  /**
   * How much grain a print typically shares with its nearest fellow on this page, or for a pair on one
   * line the most of that and what pairs on one line typically share (what `grain` is counted beyond).
   */
  typicalGrain: number;
  /** Paper pixels the grain was compared on (fewer than MIN_PAPER: not compared, `grain` from zero). */
  paper: number;
  /**
   * How many times nearer the pair is once the page's last JPEG save is foretold: their difference
   * over what is left when one glyph is laid over the other and saved with the page's own table (the
   * nearer way round, see `savedCopyDifference`). Two prints keep their own grain and shape through
   * any save (about 1); a copy saved at another phase of the block grid than its source comes out as
   * foretold. 0 without the page's table.
   */
  foretold: number;
  /**
   * The evidence of a copy saved with the page: `foretold` times the square root of how much nearer
   * than prints typically are the pair is, that only up to NEAR_ENOUGH. At a low quality two prints
   * differ mostly by the save's ringing, which is foretold too; a copy is also nearer its source than
   * prints are to each other.
   */
  saved: number;
}

/**
 * Glyphs are aligned on their ink's centre first (OCR boxes of one character vary by a pixel or two,
 * which would make every pair of prints differ by their misalignment), then searched this far around it;
 * boxes mapped from another rendering of the page a little further.
 */
const SHIFT = 1;
const LOOSE_SHIFT = 2;

/** The centre of a glyph's ink, each pixel weighted by how far it is below the box's bright third. */
function inkCentre(page: Grey, box: Box): [number, number] {
  const bright = brightThird(page, box);
  let sum = 0;
  let sx = 0;
  let sy = 0;
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++) {
      const weight = Math.max(0, bright - page.data[y * page.width + x]!);
      sum += weight;
      sx += weight * x;
      sy += weight * y;
    }
  return sum > 0 ? [sx / sum, sy / sum] : [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

/** A pixel, or the mean of the 2x2 pixels from it: the last save's high-frequency error and the grain averaged down, where two prints falling differently on the pixel grid still differ. */
function valueAt(page: Grey, i: number, smoothed: boolean): number {
  const { data, width } = page;
  return smoothed ? (data[i]! + data[i + 1]! + data[i + width]! + data[i + width + 1]!) / 4 : data[i]!;
}

/**
 * Mean absolute difference of two same-sized patches (or of their 2x2 means), the second moved by
 * (dx, dy), on every `step`-th pixel, each less its own mean: a photo's light falls unevenly, so a
 * copy can sit a little brighter.
 */
function difference(page: Grey, a: Box, b: Box, at: { dx: number; dy: number; step: number; smoothed: boolean }): number {
  const { width, height } = page;
  const { step, smoothed } = at;
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  const bx = b[0] + at.dx;
  const by = b[1] + at.dy;
  if (a[0] < 0 || a[1] < 0 || a[2] >= width || a[3] >= height) return Infinity;
  if (bx < 0 || by < 0 || bx + w >= width || by + h >= height) return Infinity;
  let offset = 0;
  let n = 0;
  for (let y = 0; y < h; y += step) {
    const ia = (a[1] + y) * width + a[0];
    const ib = (by + y) * width + bx;
    for (let x = 0; x < w; x += step, n++) offset += valueAt(page, ia + x, smoothed) - valueAt(page, ib + x, smoothed);
  }
  offset /= n;
  let sum = 0;
  for (let y = 0; y < h; y += step) {
    const ia = (a[1] + y) * width + a[0];
    const ib = (by + y) * width + bx;
    for (let x = 0; x < w; x += step) sum += Math.abs(valueAt(page, ia + x, smoothed) - valueAt(page, ib + x, smoothed) - offset);
  }
  return sum / n;
}

/**
 * The best shift around the one that lays b's ink centre on a's, found on a sparse grid of smoothed
 * pixels; there the smoothed difference and the raw one, on every pixel.
 */
function bestAlignment(
  page: Grey,
  a: Box,
  b: Box,
  shift: number,
  centreOf: (box: Box) => [number, number],
): { smooth: number; raw: number; dx: number; dy: number } {
  const [ax, ay] = centreOf(a);
  const [bx, by] = centreOf(b);
  const cx = Math.round(bx - ax - (b[0] - a[0]));
  const cy = Math.round(by - ay - (b[1] - a[1]));
  let best = { d: Infinity, dx: 0, dy: 0 };
  for (let dy = cy - shift; dy <= cy + shift; dy++)
    for (let dx = cx - shift; dx <= cx + shift; dx++) {
      const d = difference(page, a, b, { dx, dy, step: 2, smoothed: true });
      if (d < best.d) best = { d, dx, dy };
    }
  const { dx, dy } = best;
  if (best.d === Infinity) return { smooth: Infinity, raw: Infinity, dx, dy };
  return {
    smooth: difference(page, a, b, { dx, dy, step: 1, smoothed: true }),
    raw: difference(page, a, b, { dx, dy, step: 1, smoothed: false }),
    dx,
    dy,
  };
}

/** How far below a glyph box's bright third a pixel may be and still count as paper, grey levels. */
const PAPER_DEPTH = 25;
/**
 * Paper pixels a pair needs in common for their grain to be compared: neighbouring residuals are
 * correlated (the 3x3 mean, a JPEG's smoothing), so a tiny glyph's few pixels correlate by chance. Two
 * prints of a thin glyph keep only strips above and below their ink, and the sound pairs that shared most
 * held 82-99 (an image-only PDF's two 1s of one sort code, each 6 px wide: 0.51 on 88); the fewest a clone
 * named by its shared grain held is 121.
 */
const MIN_PAPER = 110;
/** Pixels this close to ink are left out: their residual is the glyph's edge, which every print shares. */
const INK_CLEARANCE = 2;

/**
 * The grain of a region: each pixel less the mean of its 3x3 neighbourhood (the glyph's shape mostly
 * taken away), NaN where ink lies within INK_CLEARANCE (a pixel below `floor`) or off the page.
 */
function grainOf(page: Grey, x0: number, y0: number, w: number, h: number, floor: number): Float32Array {
  const { data, width, height } = page;
  const m = INK_CLEARANCE;
  const out = new Float32Array(w * h).fill(NaN);
  if (x0 < m || y0 < m || x0 + w + m > width || y0 + h + m > height) return out;
  // Ink near each pixel, by a separable maximum of "is ink" over the clearance.
  const ww = w + 2 * m;
  const hh = h + 2 * m;
  const ink = new Uint8Array(ww * hh);
  for (let y = 0; y < hh; y++) for (let x = 0; x < ww; x++) ink[y * ww + x] = data[(y0 - m + y) * width + x0 - m + x]! < floor ? 1 : 0;
  const rows = new Uint8Array(ww * hh);
  for (let y = 0; y < hh; y++)
    for (let x = m; x < ww - m; x++) {
      let any = 0;
      for (let u = -m; u <= m; u++) any |= ink[y * ww + x + u]!;
      rows[y * ww + x] = any;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let near = 0;
      for (let v = 0; v <= 2 * m; v++) near |= rows[(y + v) * ww + x + m]!;
      if (near) continue;
      const i = (y0 + y) * width + x0 + x;
      let sum = 0;
      for (let v = -1; v <= 1; v++) for (let u = -1; u <= 1; u++) sum += data[i + v * width + u]!;
      out[y * w + x] = data[i]! - sum / 9;
    }
  return out;
}

/** The grey level below which 70% of a box's pixels lie: its paper. Counted in a histogram, not sorted: it is read for every glyph. */
function brightThird(page: Grey, box: Box): number {
  const counts = new Uint32Array(256);
  let n = 0;
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++, n++) counts[page.data[y * page.width + x]!]! += 1;
  if (n === 0) return 0;
  const rank = Math.floor(n * 0.7);
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v]!;
    if (seen > rank) return v;
  }
  return 255;
}

/** Pearson correlation of the two regions' grain on the pixels that are paper in both, b moved by (dx, dy). */
function grainCorrelation(page: Grey, a: Box, b: Box, dx: number, dy: number): { correlation: number; paper: number } {
  const floor = brightThird(page, a) - PAPER_DEPTH;
  const w = a[2] - a[0];
  const h = a[3] - a[1];
  const ga = grainOf(page, a[0], a[1], w, h, floor);
  const gb = grainOf(page, b[0] + dx, b[1] + dy, w, h, floor);
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < ga.length; i++)
    if (!Number.isNaN(ga[i]!) && !Number.isNaN(gb[i]!)) {
      n++;
      sa += ga[i]!;
      sb += gb[i]!;
    }
  if (n < MIN_PAPER) return { correlation: 0, paper: n };
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < ga.length; i++)
    if (!Number.isNaN(ga[i]!) && !Number.isNaN(gb[i]!)) {
      cov += (ga[i]! - ma) * (gb[i]! - mb);
      va += (ga[i]! - ma) ** 2;
      vb += (gb[i]! - mb) ** 2;
    }
  return { correlation: va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0, paper: n };
}

/**
 * Paper around a glyph's box whose grain is compared too: a clone carries the paper it was cut with,
 * most of it above and below the glyph (its neighbours' ink lies beside it).
 */
const PAPER_MARGIN = 2;
const PAPER_MARGIN_HEIGHT = 0.3;

const paperAround = (b: Box): Box => {
  const v = Math.max(PAPER_MARGIN, Math.round((b[3] - b[1]) * PAPER_MARGIN_HEIGHT));
  return [b[0] - PAPER_MARGIN, b[1] - v, b[2] + PAPER_MARGIN, b[3] + v];
};

/**
 * How much nearer than prints typically are a pair's nearness counts for, times the grain it shares:
 * two prints of a plain glyph ("1") in one font lie many times nearer each other than the page's
 * typical glyph does to its nearest fellow, so past this their nearness tells the glyph is plain, not
 * copied; a clone copies the paper's grain too, and shares more of it than two prints do (a sound
 * photo's two "1"s, 6.4 times nearer, shared 0.16; clones 0.28-0.83).
 */
const NEAR_ENOUGH = 4;

/** Glyphs with a fellow print a page needs before their typical difference is a norm. */
const MIN_GLYPHS = 6;

interface Compared {
  a: Box;
  b: Box;
  /** Difference of the smoothed patches, and of the pixels themselves. */
  smooth: number;
  raw: number;
  dx: number;
  dy: number;
}

/** Each pair at its best alignment (pairs reaching off the page left out). */
function comparedPairs(page: Grey, candidates: [Box, Box][], shift: number): Compared[] {
  // A glyph is paired with several fellows: its ink centre is found once.
  const centres = new Map<Box, [number, number]>();
  const centreOf = (box: Box) => {
    const known = centres.get(box);
    if (known) return known;
    const centre = inkCentre(page, box);
    centres.set(box, centre);
    return centre;
  };
  const pairs: Compared[] = [];
  for (const [a, b] of candidates) {
    if (a[2] - a[0] < 3 || a[3] - a[1] < 6) continue;
    const at = bestAlignment(page, a, b, shift, centreOf);
    if (at.smooth !== Infinity) pairs.push({ a, b, ...at });
  }
  return pairs;
}

/** The middle of the values (by sorting a copy). */
function middle(values: number[]): number {
  const sorted = [...values].sort((p, q) => p - q);
  return sorted[sorted.length >> 1] ?? 0;
}

/**
 * Of the `candidates` (pairs of glyphs that look alike), those that look most like a copy: the one
 * nearest against how near a glyph typically is to its nearest fellow on this page, and, among each
 * glyph and its nearest fellow, the one both nearest and sharing most grain beyond what two prints
 * typically share here. A clone differs from its source only by what the last save changed, two
 * prints by their grain and where each fell on the pixel grid; two prints of one printer may share
 * the halo and JPEG ringing of the glyph's shape, but then are no nearer than prints typically are.
 * With the page's JPEG table (`quantisation`), also the one both nearest and most foretold by the
 * page's last save (see `ClonePair.saved`).
 * `looseBoxes` when the boxes were read off another rendering of the page and may be a few pixels out;
 * `norm` the glyphs the page's norms (typical nearness and shared grain) are read on, when not all are.
 */
export function judgedPairs(
  page: Grey,
  candidates: [Box, Box][],
  how: { looseBoxes?: boolean; quantisation?: QuantTable; norm?: ReadonlySet<Box> } = {},
): ClonePair[] {
  const pairs = comparedPairs(page, candidates, how.looseBoxes ? LOOSE_SHIFT : SHIFT);
  if (pairs.length === 0) return [];
  const inNorm = (p: Compared) => !how.norm || (how.norm.has(p.a) && how.norm.has(p.b));
  const normPairs = pairs.filter(inNorm);
  const typical = typicalNearest(normPairs);
  const alikeOf = (p: Compared) => (typical > 0 ? typical / Math.max(0.1, p.smooth) : 0);
  const mostAlike = pairs.reduce((x, y) => (alikeOf(y) > alikeOf(x) || (alikeOf(y) === alikeOf(x) && y.raw < x.raw) ? y : x));
  const nearest = new Set([...nearestPairs(pairs), mostAlike]);
  const grainOfPair = new Map<Compared, { correlation: number; paper: number }>();
  const grainOf = (p: Compared) => {
    const known = grainOfPair.get(p);
    if (known) return known;
    const g = grainCorrelation(page, paperAround(p.a), paperAround(p.b), p.dx, p.dy);
    grainOfPair.set(p, g);
    return g;
  };
  const typicalGrain = typicalShared([...nearest].filter(inNorm), grainOf);
  const lineGrain = Math.max(typicalGrain, typicalShared(normPairs.filter(onOneLine), grainOf));
  const foretoldOf = foretelling(page, how.quantisation);
  const pairOf = (p: Compared): ClonePair => {
    const typical = onOneLine(p) ? lineGrain : typicalGrain;
    const grain = onBlockGrid(p) ? 0 : (grainOf(p).correlation - typical) / (1 - typical);
    return {
      box: p.b,
      twin: p.a,
      difference: p.raw,
      alike: alikeOf(p),
      grain,
      shared: Math.min(NEAR_ENOUGH, alikeOf(p)) * Math.max(0, grain),
      typicalGrain: typical,
      paper: grainOf(p).paper,
      foretold: foretoldOf(p),
      saved: foretoldOf(p) * Math.sqrt(Math.min(NEAR_ENOUGH, alikeOf(p))),
    };
  };
  const candidatePairs = [...nearest].map(pairOf);
  const mostShared = candidatePairs.reduce((x, y) => (y.shared > x.shared ? y : x));
  const mostForetold = candidatePairs.reduce((x, y) => (y.saved > x.saved ? y : x));
  // Without the page's JPEG table no pair is foretold, and none is named for it.
  const named = [pairOf(mostAlike), mostShared, ...(mostForetold.saved > 0 ? [mostForetold] : [])];
  return named.filter((p, i) => named.findIndex((q) => q.box === p.box && q.twin === p.twin) === i);
}

/**
 * Differences (grey levels) below this are a save's rounding, not a pair's: a clone on its source's
 * phase of the block grid, or two prints alike on it, differ by about nothing either way.
 */
const SAVED_FLOOR = 0.25;

/** Each pair's `foretold`, each saved once however often it is asked for (0 for every pair without the page's JPEG table). */
function foretelling(page: Grey, table: QuantTable | undefined): (p: Compared) => number {
  const known = new Map<Compared, number>();
  return (p) => {
    if (!table) return 0;
    const seen = known.get(p);
    if (seen !== undefined) return seen;
    const twin: Box = [p.b[0] + p.dx, p.b[1] + p.dy, p.b[0] + p.dx + p.a[2] - p.a[0], p.b[1] + p.dy + p.a[3] - p.a[1]];
    const saved = Math.min(savedCopyDifference(page, table, p.a, twin), savedCopyDifference(page, table, twin, p.a));
    const foretold = saved === Infinity ? 0 : p.raw / Math.max(SAVED_FLOOR, saved);
    known.set(p, foretold);
    return foretold;
  };
}

/**
 * How much grain two prints typically share among `pairs` (those on the same phase of the block grid
 * left out, see `onBlockGrid`); too few to know: counted from zero, as two prints of grainy paper share.
 */
function typicalShared(pairs: Compared[], grainOf: (p: Compared) => { correlation: number }): number {
  const shared = pairs.filter((p) => !onBlockGrid(p)).map((p) => grainOf(p).correlation);
  return shared.length >= MIN_GLYPHS ? Math.max(0, middle(shared)) : 0;
}

/** How far apart (pixels, once aligned) the tops of two glyphs on one line may stand. */
const ONE_LINE = 2;

/**
 * Two glyphs on one line (a word's digits side by side): on a JPEG they stand on the same rows of the
 * 8x8 block grid, so two prints of one glyph there share more of the ringing round their strokes than
 * prints on different lines do (a sound image-only PDF's two 0s of "2006", side by side, correlated
 * 0.43 where the page's nearest prints typically share nothing); such a pair is held to what pairs on
 * one line typically share.
 */
const onOneLine = (p: Compared) => Math.abs(p.b[1] + p.dy - p.a[1]) <= ONE_LINE;

/**
 * A pair a multiple of 8 pixels apart both ways: on a JPEG, two prints of one glyph there fall alike on
 * the block grid and share its ringing on the paper around them (a sound image-only PDF page's pair
 * correlated 0.55), so their grain is not compared; a clone there is still nearer than the grain allows.
 */
const onBlockGrid = (p: Compared) => (p.b[0] + p.dx - p.a[0]) % 8 === 0 && (p.b[1] + p.dy - p.a[1]) % 8 === 0;

/** Each glyph's nearest fellow print (the pairs a clone and its source would be among). */
function nearestPairs(pairs: Compared[]): Set<Compared> {
  const nearest = new Map<Box, Compared>();
  for (const p of pairs) for (const box of [p.a, p.b]) if ((nearest.get(box)?.smooth ?? Infinity) > p.smooth) nearest.set(box, p);
  return new Set(nearest.values());
}

/**
 * How far a glyph typically is from its nearest fellow print: the middle of each glyph's smallest
 * difference (0: too few glyphs to tell). A clone and its source are each other's nearest, far nearer than that.
 */
function typicalNearest(pairs: Compared[]): number {
  const nearest = new Map<Box, number>();
  for (const p of pairs) for (const box of [p.a, p.b]) if ((nearest.get(box) ?? Infinity) > p.smooth) nearest.set(box, p.smooth);
  return nearest.size < MIN_GLYPHS ? 0 : middle([...nearest.values()]);
}
