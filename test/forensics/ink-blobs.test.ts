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
