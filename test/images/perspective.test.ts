import { expect } from 'chai';
import { findPage, rectify, type Quad } from '../../worker/images/perspective';
import type { GreyImage } from '../../worker/images/deskew';

/** A photo in miniature: a dark, uneven table (30-50) with a bright page (215-225) whose corners are `quad`, and a dark text line across it. */
function photo(width: number, height: number, quad: Quad): GreyImage {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = 30 + (i % 21);
  const inside = (x: number, y: number) =>
    quad.every(([x1, y1], i) => {
      const [x2, y2] = quad[(i + 1) % 4]!;
      return (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) >= 0;
    });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (inside(x + 0.5, y + 0.5)) data[y * width + x] = y === 150 && x % 10 < 7 ? 30 : 215 + ((x * y) % 11);
  return { data, width, height };
}

describe('images: a photo made upright', () => {
  const quad: Quad = [
    [40, 30],
    [170, 45],
    [160, 270],
    [30, 260],
  ];

  it('when a page lies at an angle on a darker table, then its four corners are found within two pixels, clockwise from top-left', () => {
    const found = findPage(photo(200, 300, quad));
    expect(found, 'a page was expected').to.not.equal(undefined);
    found!.forEach(([x, y], i) => {
      expect(Math.abs(x - quad[i]![0]), `corner ${i} x`).to.be.at.most(2);
      expect(Math.abs(y - quad[i]![1]), `corner ${i} y`).to.be.at.most(2);
    });
  });

  it('when the image is a flat scan with no table around the page, then no page is looked for', () => {
    const scan = { data: Uint8Array.from({ length: 200 * 300 }, (_, i) => 220 + (i % 13)), width: 200, height: 300 };
    scan.data.fill(20, 150 * 200, 151 * 200);
    expect(findPage(scan)).to.equal(undefined);
  });

  it('when the found page is rectified, then the result is paper-bright at its corners and keeps the text line dark', () => {
    const image = photo(200, 300, quad);
    const page = rectify(image, findPage(image)!);
    const at = (x: number, y: number) => page.data[y * page.width + x]!;
    expect(page.width).to.be.within(128, 135);
    expect(page.height).to.be.within(226, 233);
    for (const [x, y] of [
      [3, 3],
      [page.width - 4, 3],
      [page.width - 4, page.height - 4],
      [3, page.height - 4],
    ] as const)
      expect(at(x, y), `(${x}, ${y})`).to.be.above(200);
    const darkest = Math.min(...Array.from({ length: page.height }, (_, y) => at(Math.round(page.width / 2), y)));
    expect(darkest).to.be.below(120);
  });
});
