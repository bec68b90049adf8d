import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { pageLevels } from './measures';
import { medianOf, robustSpread } from './robust';
import type { PixelFinding } from './types';

/** Windows this share of the page's width wide: a field painted over at 200 dpi still holds a whole row of them. */
const WINDOW_SHARE = 0.01;
/**
 * Two JPEG blocks at least: a JPEG now and then flattens the grain of one 8x8 block of sound paper
 * (all its fine coefficients quantised to zero), and in a window of 12 pixels (a 150 dpi page) beside
 * a line of print two such blocks are most of the paper read.
 */
const MIN_WINDOW = 16;
/**
 * The page's rim is left out: a skewed scan's corners are filled flat by the scanner, and borders are
 * often cropped. So is the paper's own rim where the page lies inside a background (a photo): the
 * paper nearest the light there is near white, its grain clipped at 255 and then flattened by the JPEG.
 */
const RIM_SHARE = 0.05;
/** Paper pixels a window needs for its grain to be read (a share of its area). */
const MIN_PAPER_SHARE = 0.25;
/** Residuals are clipped here (quarter grey levels), so one speck cannot lift a window's grain. */
const MAX_RESIDUAL = 64;
/**
 * Spread floors, so a page printed on unusually even paper does not turn every small wobble into a
 * signal: grain as a log ratio, flat pixels as a share.
 */
const MIN_GRAIN_SPREAD = 0.08;
const MIN_FLAT_SPREAD = 0.04;
/**
 * The most each window measure reached, in robust units against its own page, on the sound pages of the
 * tuning seeds: a window's score is each measure in these units, added (paint is both cleaner and flatter,
 * a paste only differs in grain, so one strong or two moderate signals on the same window both count).
 */
const SOUND_REACH = { grain: 6, flat: 6 };
/** Below this page grain (quarter grey levels) a window grainier than the page is JPEG ringing, not a paste. */
const MIN_PAGE_GRAIN = 2;
/** Neighbouring windows averaged into one region: a single window's grain is too noisy to judge alone. */
const BLOCK = 2;

interface Window {
  /** Mean absolute residual of the paper against its 4 neighbours (quarter grey levels, clipped). */
  grain: number;
  /** Share of those paper pixels exactly as bright as their neighbours. */
  flat: number;
  paper: number;
  /** Grain of the paper beyond the print's JPEG ringing (BEYOND_RINGING), where there is enough of it. */
  clear?: number;
  /** The paper spans two JPEG blocks both ways (`spansBlocks`): its lost grain and flat pixels can be read. */
  spans: boolean;
}

/**
 * The floor below which a pixel counts as print, from the page's paper level and its darkest ink
 * (`pageLevels`, which the glyph cuts read too).
 */
export function paperFloor(page: Grey, levels = pageLevels(page)): number {
  return levels.paper - Math.max(16, (levels.paper - levels.ink) * 0.3);
}

/** Pixels this close to print are left out: anti-aliased and JPEG-ringed edges are not paper grain. */
const INK_MARGIN = 3;
/**
 * Paper this far from print (Chebyshev distance) lies in another 8x8 block than the print on any JPEG
 * grid: its grain holds none of the print's ringing, which a JPEG keeps within the block.
 */
const BEYOND_RINGING = 8;
/**
 * A JPEG flattens now and then the grain of a whole 8x8 block of sound paper, and a window beside a line of
 * print may hold paper in one block row or column only (below the baseline, between two glyphs): its lost
 * grain and flat pixels are then one or two blocks' chance, not the paper's. They are read only on windows
 * whose paper lies in two block rows and two block columns at least (of the image's own grid, where a JPEG
 * saved it), this many pixels in each.
 */
export const JPEG_BLOCK = 8;
const MIN_BLOCK_PAPER = JPEG_BLOCK;
/** A window's grain is the mean of its lower residuals: the few left near print or specks cannot lift it. */
const TRIM = 0.75;

/** `printReach` marks: within INK_MARGIN of print (NEAR_PRINT), within BEYOND_RINGING of it (1), or clear of both (0). */
const NEAR_PRINT = 2;

/** How near each pixel lies to print, as `printReach` marks it, in rows of `stride` pixels. */
interface PrintReach {
  reach: Uint8Array;
  stride: number;
}

/**
 * A zeroed scratch array of `length` bytes, its memory kept from page to page: the scan's marks and counts
 * are several megabytes a page, which allocated afresh each time set the garbage collector off. `slot`
 * names one of the arrays a scan holds at once; the scan is synchronous, so no two pages share one.
 */
const scratch: ArrayBuffer[] = [];
function zeroed(slot: number, length: number): Uint8Array {
  if ((scratch[slot]?.byteLength ?? -1) < length) scratch[slot] = new ArrayBuffer(length);
  return new Uint8Array(scratch[slot]!, 0, length).fill(0);
}
const [NEAR_SLOT, RINGED_SLOT, COUNTS_SLOT] = [0, 1, 2];

/** Marks the pixels `from` to `to` (not included) of the row starting at `out`. */
function markRun(mask: Uint8Array, out: number, from: number, to: number): void {
  for (let x = from; x < to; x++) mask[out + x] = 1;
}

/**
 * How near each pixel lies to print (below the floor), Chebyshev: each row's pixels within each margin
 * of print along the row, then spread down the columns by as many rows. The column spread ORs whole
 * rows four pixels at a time (rows padded to a multiple of four, with empty rows above and below), in
 * place by doubling: a row ORed with the next holds two rows, with the one two further four, and so on.
 */
function printReach(page: Grey, floor: number): PrintReach {
  const { data, width, height } = page;
  const stride = (width + 3) & ~3;
  // Empty rows above the page and below it, as many as the widest spread reads past its edge (2x its margin).
  const pad = 2 * BEYOND_RINGING;
  const size = (height + 2 * pad) * stride;
  const near = zeroed(NEAR_SLOT, size);
  const ringed = zeroed(RINGED_SLOT, size);
  // Grey levels are whole: below the floor is below its ceiling, an integer compare at every pixel.
  const ink = Math.ceil(floor);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const out = (y + pad) * stride;
    // Each run of print marks the pixels within each margin of it along the row.
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= ink) continue;
      const from = x;
      while (x + 1 < width && data[row + x + 1]! < ink) x++;
      markRun(near, out, Math.max(0, from - INK_MARGIN), Math.min(width, x + 1 + INK_MARGIN));
      markRun(ringed, out, Math.max(0, from - BEYOND_RINGING), Math.min(width, x + 1 + BEYOND_RINGING));
    }
  }
  const words = stride >> 2;
  const n = new Uint32Array(near.buffer, 0, size >> 2);
  const r = new Uint32Array(ringed.buffer, 0, size >> 2);
  const rows = height + 2 * pad;
  // Each row ORed with the three below it (rows y..y+3), then ringed rows with those 4, 8 and 12 below (y..y+15);
  // increasing, so every row read is read before it is written.
  for (let i = 0, end = (rows - 3) * words; i < end; i++) {
    n[i] = n[i]! | n[i + words]! | n[i + 2 * words]! | n[i + 3 * words]!;
    r[i] = r[i]! | r[i + words]! | r[i + 2 * words]! | r[i + 3 * words]!;
  }
  for (let i = 0, end = (rows - 15) * words; i < end; i++) r[i] = r[i]! | r[i + 4 * words]! | r[i + 8 * words]! | r[i + 12 * words]!;
  // Near: rows y-3..y+3 (y-3's four and y's); ringed: y-8..y+8 (y-8's sixteen and y-7's). Near print is ringed
  // too, so their sum is the mark (bytes of 0 or 1: no carry crosses a byte). Decreasing, so rows above are
  // read before they are written.
  for (let i = rows * words - 1; i >= 8 * words; i--) n[i] = (n[i]! | n[i - 3 * words]!) + (r[i - 8 * words]! | r[i - 7 * words]!);
  return { reach: near.subarray(pad * stride), stride };
}

/**
 * Grain and flatness of the clear paper in every window (undefined where there is too little paper),
 * row by row.
 */
function scanWindows(page: Grey, size: number, floor: number): (Window | undefined)[] {
  const { data, width, height } = page;
  const cols = Math.floor(width / size);
  const rows = Math.floor(height / size);
  const bins = MAX_RESIDUAL + 1;
  const cells = cols * rows;
  // Per window, how many paper pixels had each (clipped) residual: enough for a trimmed mean without sorting.
  // Clear paper (mark 0) is counted in the first half, ringed paper (mark 1) in the second: one count a pixel.
  const counts = new Uint16Array(zeroed(COUNTS_SLOT, 2 * 2 * cells * bins).buffer, 0, 2 * cells * bins);
  const { reach, stride } = printReach(page, floor);
  const ringedAt = cells * bins;
  // One pixel in from the image's edge at least, so every pixel read has its four neighbours.
  const [right, bottom] = [Math.min(width - 1, cols * size), Math.min(height - 1, rows * size)];
  for (let y = 1; y < bottom; y++) {
    const rowBase = Math.floor(y / size) * cols * bins;
    // Window by window along the row, so each window's counts start at one offset for all its pixels.
    for (let column = 0, from = 1; from < right; column++) {
      const to = Math.min(right, (column + 1) * size);
      countResiduals(data, reach, counts, y * width, y * stride - y * width, from, to, width, rowBase + column * bins, ringedAt);
      from = to;
    }
  }
  const clearCounts = counts.subarray(0, ringedAt);
  // All paper: the ringed counts with the clear added.
  const paperCounts = counts.subarray(ringedAt);
  for (let i = 0; i < ringedAt; i++) paperCounts[i]! += clearCounts[i]!;
  const minPaper = size * size * MIN_PAPER_SHARE;
  const windows: (Window | undefined)[] = [];
  for (let c = 0; c < cells; c++) {
    const base = c * bins;
    const paper = paperIn(paperCounts, base);
    if (paper < minPaper) {
      windows.push(undefined);
      continue;
    }
    const clearPaper = paperIn(clearCounts, base);
    const clear = clearPaper >= minPaper ? trimmedGrain(clearCounts, base, clearPaper) : undefined;
    // A window of paper only spans its blocks; one with print in it is looked at.
    const spans =
      paper === size * size || spansBlocks(reach, stride, (c % cols) * size, Math.floor(c / cols) * size, size, [right, bottom]);
    windows.push({
      grain: trimmedGrain(paperCounts, base, paper),
      flat: (paperCounts[base]! + paperCounts[base + 1]!) / paper,
      paper,
      clear,
      spans,
    });
  }
  return windows;
}

/**
 * Whether the paper (pixels not near print, as `countResiduals` reads them) of the window at `x0`, `y0`
 * lies in two JPEG block rows and two block columns at least, MIN_BLOCK_PAPER pixels in each.
 */
function spansBlocks(reach: Uint8Array, stride: number, x0: number, y0: number, size: number, [right, bottom]: [number, number]): boolean {
  const [x1, y1] = [Math.min(right, x0 + size), Math.min(bottom, y0 + size)];
  const [from, fromRow] = [Math.max(1, x0), Math.max(1, y0)];
  // Paper counted per block row and column the window touches, indexed from its first.
  const blocks = Math.ceil(size / JPEG_BLOCK) + 1;
  const rows = new Uint16Array(blocks);
  const columns = new Uint16Array(blocks);
  const [firstRow, firstColumn] = [Math.floor(fromRow / JPEG_BLOCK), Math.floor(from / JPEG_BLOCK)];
  for (let y = fromRow; y < y1; y++) {
    const row = Math.floor(y / JPEG_BLOCK) - firstRow;
    for (let x = from; x < x1; x++)
      if (reach[y * stride + x] !== NEAR_PRINT) {
        rows[row]! += 1;
        columns[Math.floor(x / JPEG_BLOCK) - firstColumn]! += 1;
      }
  }
  const filled = (counts: Uint16Array) => counts.filter((n) => n >= MIN_BLOCK_PAPER).length;
  return filled(rows) >= 2 && filled(columns) >= 2;
}

/**
 * Counts the residuals of the paper pixels `from` to `to` (not included) of the row starting at `line`
 * into one window's counts at `base` (clear paper) or `base + ringedAt` (ringed); `reachShift` turns a
 * pixel's index into its mark's. The pixel and its left neighbour are carried along the row in locals.
 */
function countResiduals(
  data: Uint8Array,
  reach: Uint8Array,
  counts: Uint16Array,
  line: number,
  reachShift: number,
  from: number,
  to: number,
  width: number,
  base: number,
  ringedAt: number,
): void {
  let left = data[line + from - 1]!;
  let centre = data[line + from]!;
  for (let i = line + from, end = line + to; i < end; i++) {
    const right = data[i + 1]!;
    const mark = reach[i + reachShift]!;
    if (mark !== NEAR_PRINT) {
      const r = Math.min(MAX_RESIDUAL, Math.abs(4 * centre - (data[i - width]! + data[i + width]! + left + right)));
      counts[base + mark * ringedAt + r]! += 1;
    }
    left = centre;
    centre = right;
  }
}

/** Paper pixels a window's counts hold. */
function paperIn(counts: Uint16Array, base: number): number {
  let paper = 0;
  for (let r = 0; r <= MAX_RESIDUAL; r++) paper += counts[base + r]!;
  return paper;
}

/** The mean of a window's lower residuals (TRIM), from its counts and their total (`paper`). */
function trimmedGrain(counts: Uint16Array, base: number, paper: number): number {
  const keep = paper * TRIM;
  let taken = 0;
  let sum = 0;
  for (let r = 0; r <= MAX_RESIDUAL && taken < keep; r++) {
    const n = Math.min(counts[base + r]!, keep - taken);
    taken += n;
    sum += n * r;
  }
  return sum / taken;
}

/**
 * Each window's paper against the page's own: how much grain it lost or gained (log ratio) and how many
 * flat pixels it gained, each in robust units of the page's spread and then of the sound reach.
 */
function windowScores(cells: (Window | undefined)[]): Float64Array {
  const measured = cells.filter((c): c is Window => c !== undefined);
  const logs = measured.map((c) => Math.log(c.grain + 1));
  const grainMid = medianOf(logs);
  const grainSpread = Math.max(MIN_GRAIN_SPREAD, robustSpread(logs, grainMid));
  const flats = measured.map((c) => c.flat);
  const flatMid = medianOf(flats);
  const flatSpread = Math.max(MIN_FLAT_SPREAD, robustSpread(flats, flatMid));
  // On paper a JPEG flattened, its ringing near print is the only grain left: grainier means nothing there.
  const grainy = medianOf(measured.map((c) => c.grain)) >= MIN_PAGE_GRAIN;
  // Grainier is read only on paper beyond the print's ringing, against the page's paper there.
  const clears = measured.flatMap((c) => (c.clear === undefined ? [] : [Math.log(c.clear + 1)]));
  const clearMid = medianOf(clears);
  const clearSpread = Math.max(MIN_GRAIN_SPREAD, robustSpread(clears, clearMid));
  const scores = new Float64Array(cells.length).fill(Number.NaN);
  cells.forEach((c, i) => {
    if (!c) return;
    const gained = grainy && c.clear !== undefined ? Math.max(0, Math.log(c.clear + 1) - clearMid) / clearSpread : 0;
    // A window whose paper lies in too few JPEG blocks is read only for grain gained, on its clear paper.
    if (!c.spans) {
      if (c.clear !== undefined) scores[i] = gained / SOUND_REACH.grain;
      return;
    }
    const lost = Math.max(0, grainMid - Math.log(c.grain + 1)) / grainSpread;
    const grain = Math.max(lost, gained) / SOUND_REACH.grain;
    const flat = Math.max(0, c.flat - flatMid) / flatSpread / SOUND_REACH.flat;
    scores[i] = grain + flat;
  });
  return scores;
}

/**
 * Looks at the whole page in small windows, whether or not OCR read a word there: a window whose paper
 * grain or flatness is unlike the page's own distribution is where a patch was painted or pasted. The
 * worst block of neighbouring windows is the region, grown over the windows around it that stand out too.
 */
export function regionFinding(page: Grey, floor = paperFloor(page)): PixelFinding | undefined {
  const size = Math.max(MIN_WINDOW, Math.round(page.width * WINDOW_SHARE));
  const rimX = Math.ceil((page.width * RIM_SHARE) / size);
  const rimY = Math.ceil((page.height * RIM_SHARE) / size);
  const cols = Math.floor(page.width / size);
  const rows = Math.floor(page.height / size);
  // Every window is scanned, rim too: where the paper ends inside the image (a photo's desk) is read from them.
  const cells = scanWindows(page, size, floor);
  const edges = paperEdges(cells, cols, rows);
  const inner = cells.map((c, i) => {
    const x = i % cols;
    const y = Math.floor(i / cols);
    const inPaper = x - edges.left[y]! >= rimX && edges.right[y]! - x >= rimX && y - edges.top[x]! >= rimY && edges.bottom[x]! - y >= rimY;
    return inPaper && x >= rimX && x < cols - rimX && y >= rimY && y < rows - rimY ? c : undefined;
  });
  if (inner.filter(Boolean).length < 50) return undefined;
  const scores = windowScores(inner);
  let best = { value: -1, x: 0, y: 0 };
  for (let y = 0; y + BLOCK <= rows; y++)
    for (let x = 0; x + BLOCK <= cols; x++) {
      let total = 0;
      let n = 0;
      for (let dy = 0; dy < BLOCK; dy++)
        for (let dx = 0; dx < BLOCK; dx++) {
          const s = scores[(y + dy) * cols + x + dx]!;
          if (!Number.isNaN(s)) {
            total += s;
            n++;
          }
        }
      // Half the block may be print or rim; fewer measured windows than that is not a region.
      if (n * 2 >= BLOCK * BLOCK && total / n > best.value) best = { value: total / n, x, y };
    }
  if (best.value < 0) return undefined;
  const box = grownRegion(scores, cols, best, size, page);
  const at = (dx: number, dy: number) => inner[(best.y + dy) * cols + best.x + dx];
  const block = [at(0, 0), at(1, 0), at(0, 1), at(1, 1)].filter((c): c is Window => c !== undefined);
  const measured = inner.filter((c): c is Window => c !== undefined);
  return {
    signal: 'region',
    box,
    word: '',
    measure: 'window_grain_and_flatness_against_page',
    value: best.value,
    detail: {
      grain: medianOf(block.map((c) => c.grain)),
      page_grain: medianOf(measured.map((c) => c.grain)),
      flat_share: medianOf(block.map((c) => c.flat)),
      page_flat_share: medianOf(measured.map((c) => c.flat)),
      window: size,
    },
  };
}

/**
 * Where the paper begins and ends in each row and column of windows: its first and last window with
 * paper to read. A scan's paper fills the image; a photo's lies inside the table or desk around it.
 */
function paperEdges(cells: (Window | undefined)[], cols: number, rows: number) {
  const left = new Int32Array(rows).fill(cols);
  const right = new Int32Array(rows).fill(-1);
  const top = new Int32Array(cols).fill(rows);
  const bottom = new Int32Array(cols).fill(-1);
  cells.forEach((c, i) => {
    if (!c) return;
    const x = i % cols;
    const y = Math.floor(i / cols);
    left[y] = Math.min(left[y]!, x);
    right[y] = Math.max(right[y]!, x);
    top[x] = Math.min(top[x]!, y);
    bottom[x] = Math.max(bottom[x]!, y);
  });
  return { left, right, top, bottom };
}

/** The worst block grown over the connected windows that score at least half as high: the painted or pasted patch. */
function grownRegion(scores: Float64Array, cols: number, seed: { value: number; x: number; y: number }, size: number, page: Grey): Box {
  const bar = seed.value / 2;
  const seen = new Set<number>();
  const queue: number[] = [];
  for (let dy = 0; dy < BLOCK; dy++) for (let dx = 0; dx < BLOCK; dx++) queue.push((seed.y + dy) * cols + seed.x + dx);
  let [x0, y0, x1, y1] = [seed.x, seed.y, seed.x + BLOCK - 1, seed.y + BLOCK - 1];
  while (queue.length > 0 && seen.size < 400) {
    const i = queue.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    const x = i % cols;
    const y = Math.floor(i / cols);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    for (const [nx, ny] of [
      [x - 1, y],
      [x + 1, y],
      [x, y - 1],
      [x, y + 1],
    ] as const) {
      const j = ny * cols + nx;
      if (nx >= 0 && nx < cols && ny >= 0 && j < scores.length && !seen.has(j) && scores[j]! >= bar) queue.push(j);
    }
  }
  return [x0 * size, y0 * size, Math.min(page.width, (x1 + 1) * size), Math.min(page.height, (y1 + 1) * size)];
}
