import type { Box } from '../../ocr/port';
import type { Grey } from './grey';

/** Connected ink: its bounding box on the page and how many ink pixels it holds. */
export interface Blob {
  box: Box;
  ink: number;
}

/**
 * Each run's row, first column, column past its last, set (union-find parent) and blob number, kept
 * between calls and grown as needed: a page holds tens of thousands of runs, and four growing arrays
 * of numbers a call were garbage to collect on every word the paper match labels around.
 */
const runs = {
  row: new Int32Array(1024),
  start: new Int32Array(1024),
  end: new Int32Array(1024),
  parent: new Int32Array(1024),
  blob: new Int32Array(1024),
};

/** Room for `count` runs, those counted so far kept. */
function roomFor(count: number): void {
  const wider = (old: Int32Array) => {
    const out = new Int32Array(count);
    out.set(old);
    return out;
  };
  runs.row = wider(runs.row);
  runs.start = wider(runs.start);
  runs.end = wider(runs.end);
  runs.parent = wider(runs.parent);
  runs.blob = new Int32Array(count);
}

/**
 * Connected runs of pixels darker than `floor` inside `region`, joined through 4 or 8 neighbours:
 * each blob in scan order, and a label per pixel of the region (0: paper, blob `i` is `i + 1`).
 * `labels`, when given, is cleared and written instead of a new array (its first `w * h` entries).
 * Rows are read as runs of ink, each joined to the runs of the row above it touches (union-find), so a
 * pixel is visited once to find its run and once to be labelled; a blob is numbered by its first run
 * in scan order, as a flood fill from its first pixel would number it.
 */
export function labelInk(
  page: Grey,
  region: Box,
  floor: number,
  neighbours: 4 | 8,
  into?: Int32Array,
): { labels: Int32Array; blobs: Blob[] } {
  const [x0, y0, x1, y1] = region;
  const w = x1 - x0;
  const h = y1 - y0;
  const { data, width } = page;
  const labels = into ? into.fill(0, 0, w * h) : new Int32Array(w * h);
  // Runs of ink: row, first column, column past the last, and the set each belongs to.
  let { row: rowOf, start: starts, end: ends, parent } = runs;
  let count = 0;
  // A run touches one above it that overlaps its columns (4 neighbours) or reaches one column past them (8).
  const touch = neighbours === 8 ? 1 : 0;
  let above = 0;
  let aboveEnd = 0;
  for (let y = 0; y < h; y++) {
    const line = (y0 + y) * width + x0;
    const first = count;
    let p = above;
    for (let x = 0; x < w; x++) {
      if (data[line + x]! >= floor) continue;
      const start = x;
      while (x + 1 < w && data[line + x + 1]! < floor) x++;
      const end = x + 1;
      const run = count++;
      if (run === starts.length) {
        roomFor(run * 2);
        ({ row: rowOf, start: starts, end: ends, parent } = runs);
      }
      rowOf[run] = y;
      starts[run] = start;
      ends[run] = end;
      parent[run] = run;
      while (p < aboveEnd && ends[p]! + touch <= start) p++;
      for (let q = p; q < aboveEnd && starts[q]! < end + touch; q++) join(parent, run, q);
    }
    above = first;
    aboveEnd = count;
  }
  const blobs: Blob[] = [];
  const idOf = runs.blob.fill(0, 0, count);
  for (let run = 0; run < count; run++) {
    const root = find(parent, run);
    if (idOf[root] === 0) {
      blobs.push({ box: [w, h, 0, 0], ink: 0 });
      idOf[root] = blobs.length;
    }
    const id = idOf[root]!;
    const blob = blobs[id - 1]!;
    const y = rowOf[run]!;
    const start = starts[run]!;
    const end = ends[run]!;
    labels.fill(id, y * w + start, y * w + end);
    blob.ink += end - start;
    const box = blob.box;
    if (start < box[0]) box[0] = start;
    if (y < box[1]) box[1] = y;
    if (end > box[2]) box[2] = end;
    if (y + 1 > box[3]) box[3] = y + 1;
  }
  for (const blob of blobs) {
    const box = blob.box;
    blob.box = [x0 + box[0], y0 + box[1], x0 + box[2], y0 + box[3]];
  }
  return { labels, blobs };
}

/** The set a run belongs to (its root run), halving the path on the way. */
function find(parent: Int32Array, run: number): number {
  let r = run;
  while (parent[r] !== r) {
    parent[r] = parent[parent[r]!]!;
    r = parent[r]!;
  }
  return r;
}

/** Joins two runs' sets under the earlier root. */
function join(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/**
 * Labels of the blobs `blobsIn` finds, kept between calls: the paper match and copy-move label the
 * surroundings of every word of a page, and a new array each time was tens of megabytes a page
 * outside the heap, enough to set off a full garbage collection on most pages.
 */
let scratch = new Int32Array(0);

/** Connected (8-neighbour) runs of pixels darker than `floor` inside `box`, each as its bounding box and ink count. */
export function blobsIn(page: Grey, box: Box, floor: number): Blob[] {
  const area = Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
  if (scratch.length < area) scratch = new Int32Array(area);
  return labelInk(page, box, floor, 8, scratch).blobs;
}
