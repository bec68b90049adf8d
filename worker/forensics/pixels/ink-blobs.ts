import type { Box } from '../../ocr/port';
import type { Grey } from './grey';

/** Connected ink: its bounding box on the page and how many ink pixels it holds. */
export interface Blob {
  box: Box;
  ink: number;
}

/**
 * Connected runs of pixels darker than `floor` inside `region`, joined through 4 or 8 neighbours:
 * each blob in scan order, and a label per pixel of the region (0: paper, blob `i` is `i + 1`).
 * `labels`, when given, is cleared and written instead of a new array (its first `w * h` entries).
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
  const blobs: Blob[] = [];
  const stack: number[] = [];
  const diagonal = neighbours === 8;
  // The blob being filled. Declared here, not in the loop: a closure over the loop's own variables
  // would have a fresh context made for every pixel visited, hundreds of megabytes a page.
  let id = 0;
  const spread = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const j = y * w + x;
    if (labels[j] === 0 && data[(y0 + y) * width + x0 + x]! < floor) {
      labels[j] = id;
      stack.push(j);
    }
  };
  for (let sy = 0; sy < h; sy++)
    for (let sx = 0; sx < w; sx++) {
      const start = sy * w + sx;
      if (labels[start] !== 0 || data[(y0 + sy) * width + x0 + sx]! >= floor) continue;
      id = blobs.length + 1;
      const box: Box = [w, h, 0, 0];
      let ink = 0;
      labels[start] = id;
      stack.push(start);
      while (stack.length) {
        const i = stack.pop()!;
        const x = i % w;
        const y = (i - x) / w;
        ink++;
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x + 1 > box[2]) box[2] = x + 1;
        if (y + 1 > box[3]) box[3] = y + 1;
        spread(x - 1, y);
        spread(x + 1, y);
        spread(x, y - 1);
        spread(x, y + 1);
        if (diagonal) {
          spread(x - 1, y - 1);
          spread(x + 1, y - 1);
          spread(x - 1, y + 1);
          spread(x + 1, y + 1);
        }
      }
      blobs.push({ box: [x0 + box[0], y0 + box[1], x0 + box[2], y0 + box[3]], ink });
    }
  return { labels, blobs };
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
