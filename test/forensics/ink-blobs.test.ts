import { expect } from 'chai';
import type { Grey } from '../../worker/forensics/pixels/grey';
import { labelInk } from '../../worker/forensics/pixels/ink-blobs';

const PAPER = 230;
const INK = 30;

/** A page drawn from rows of text: '#' is ink, anything else paper. */
function pageOf(rows: string[]): Grey {
  const width = rows[0]!.length;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => [...row].forEach((c, x) => (data[y * width + x] = c === '#' ? INK : PAPER)));
  return { data, width, height: rows.length };
}

describe('forensics: connected ink', () => {
  // Two strokes meeting only corner to corner, and a U whose arms join only at its foot (met from two sides).
  const page = pageOf([
    '#.....#.#', //
    '.#....#.#',
    '......#.#',
    '......###',
  ]);
  const all = [0, 0, page.width, page.height] as [number, number, number, number];

  it('when two strokes meet only corner to corner, then 8 neighbours join them and 4 neighbours do not', () => {
    expect(labelInk(page, all, 128, 8).blobs.map((b) => b.ink)).to.deep.equal([2, 9]);
    expect(labelInk(page, all, 128, 4).blobs.map((b) => b.ink)).to.deep.equal([1, 9, 1]);
  });

  it('when a blob is met from two sides before they join, then it is one blob, boxed whole, numbered in the order its first pixel is met', () => {
    const { labels, blobs } = labelInk(page, all, 128, 4);
    expect(blobs[1]).to.deep.equal({ box: [6, 0, 9, 4], ink: 9 });
    expect(labels[0 * page.width + 6]).to.equal(2);
    expect(labels[0 * page.width + 8]).to.equal(2);
    expect(labels[1 * page.width + 1]).to.equal(3);
    expect(labels[0 * page.width + 7]).to.equal(0);
  });

  it('when only part of the page is labelled, then boxes are on the page and blobs beyond the region are not seen', () => {
    const { labels, blobs } = labelInk(page, [5, 1, 9, 4], 128, 8);
    expect(blobs).to.deep.equal([{ box: [6, 1, 9, 4], ink: 7 }]);
    expect(labels.length).to.equal(4 * 3);
  });
});

/** Connected ink by the plainest means: a flood fill from each unlabelled ink pixel in scan order. */
function floodFill(page: Grey, floor: number, neighbours: 4 | 8): { labels: Int32Array; blobs: { box: number[]; ink: number }[] } {
  const { data, width, height } = page;
  const labels = new Int32Array(width * height);
  const blobs: { box: number[]; ink: number }[] = [];
  const steps =
    neighbours === 8
      ? [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dx, dy]))
      : [
          [-1, 0],
          [1, 0],
          [0, -1],
          [0, 1],
        ];
  for (let start = 0; start < data.length; start++) {
    if (labels[start] !== 0 || data[start]! >= floor) continue;
    const blob = { box: [width, height, 0, 0], ink: 0 };
    blobs.push(blob);
    labels[start] = blobs.length;
    const stack = [start];
    while (stack.length) {
      const i = stack.pop()!;
      const [x, y] = [i % width, Math.floor(i / width)];
      blob.ink++;
      blob.box = [Math.min(blob.box[0]!, x), Math.min(blob.box[1]!, y), Math.max(blob.box[2]!, x + 1), Math.max(blob.box[3]!, y + 1)];
      for (const [dx, dy] of steps) {
        const [nx, ny] = [x + dx!, y + dy!];
        const j = ny * width + nx;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height || labels[j] !== 0 || data[j]! >= floor) continue;
        labels[j] = blobs.length;
        stack.push(j);
      }
    }
  }
  return { labels, blobs };
}

describe('forensics: connected ink against a flood fill', () => {
  it('when ink is scattered at random at several densities, then every label, box and count is what a flood fill finds', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const density of [0.2, 0.45, 0.6]) {
      const width = 61;
      const height = 37;
      const data = Uint8Array.from({ length: width * height }, () => (random() < density ? INK : PAPER));
      const page = { data, width, height };
      for (const neighbours of [4, 8] as const) {
        const found = labelInk(page, [0, 0, width, height], 128, neighbours);
        const expected = floodFill(page, 128, neighbours);
        expect(found.blobs).to.deep.equal(expected.blobs);
        expect([...found.labels]).to.deep.equal([...expected.labels]);
      }
    }
  });

  it('when a region holds thousands of runs of ink and a small one is labelled after it, then each is what a flood fill finds', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Runs are kept from call to call and grown when a region holds more: the large page grows them, the small one reuses them.
    for (const [width, height] of [
      [240, 160],
      [23, 9],
    ] as const) {
      const data = Uint8Array.from({ length: width * height }, () => (random() < 0.45 ? INK : PAPER));
      const page = { data, width, height };
      const found = labelInk(page, [0, 0, width, height], 128, 4);
      const expected = floodFill(page, 128, 4);
      expect(found.blobs).to.deep.equal(expected.blobs);
      expect([...found.labels]).to.deep.equal([...expected.labels]);
    }
  });
});
