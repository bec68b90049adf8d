import { expect } from 'chai';
import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import { glyphCutFinding } from '../../worker/forensics/pixels/glyph-cuts';
import type { Grey } from '../../worker/forensics/pixels/grey';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';

const WIDTH = 800;
const HEIGHT = 600;
const PAPER = 232;
const INK = 40;
const GLYPH_H = 24;
const STROKE = 3;
/** Glyphs of several widths, as print has: a paste's remnants are of many lengths, a dashed rule's of one. */
const GLYPH_WIDTHS = [10, 14, 12, 17, 11, 15];

/** An outlined glyph `w` pixels wide with its top left at (x, y), its strokes `stroke` pixels wide. */
function glyph(data: Uint8Array, x: number, y: number, w: number, stroke = STROKE): void {
  for (let dy = 0; dy < GLYPH_H; dy++)
    for (let dx = 0; dx < w; dx++)
      if (dx < stroke || dx >= w - stroke || dy < stroke || dy >= GLYPH_H - stroke) data[(y + dy) * WIDTH + x + dx] = INK;
}

/** The top left of each row's glyphs: 10 rows of 24 glyphs, in three columns. */
function rowGlyphs(row: number): { x: number; y: number; w: number }[] {
  const y = 60 + row * 40;
  const out: { x: number; y: number; w: number }[] = [];
  for (let column = 0; column < 3; column++) {
    let x = 60 + column * 240;
    for (let i = 0; i < 8; i++) {
      const w = GLYPH_WIDTHS[(row + column + i) % GLYPH_WIDTHS.length]!;
      out.push({ x, y, w });
      x += w + 6;
    }
  }
  return out;
}

/** Printed rows softened and grained as a photo or scan leaves them; `crisp` adds print after, its edges steep. */
async function page(crisp?: (data: Uint8Array) => void, stroke = STROKE): Promise<Grey> {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  for (let row = 0; row < 10; row++) for (const g of rowGlyphs(row)) glyph(data, g.x, g.y, g.w, stroke);
  const soft = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .blur(0.8)
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const rng = new Rng(7);
  const grey = new Uint8Array(soft.length);
  for (let i = 0; i < soft.length; i++) grey[i] = Math.max(0, Math.min(255, soft[i]! + Math.round((rng.next() + rng.next() - 1) * 10)));
  crisp?.(grey);
  return { data: grey, width: WIDTH, height: HEIGHT };
}

/** Copies the blank paper below the print over `box`: a patch pasted from another page, as an editor pastes it. */
function paste(p: Grey, box: Box): void {
  const donorTop = 500;
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++) p.data[y * WIDTH + x] = p.data[(donorTop + y - box[1]) * WIDTH + x]!;
}

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe('forensics: glyphs cut along a straight line', () => {
  const threshold = pixelForensicsThresholds.region;

  it('when a page is printed and softened evenly, then no line of cut glyphs reaches the region threshold', async () => {
    const finding = glyphCutFinding(await page());
    expect(finding?.value ?? 0).to.be.at.most(threshold);
  });

  /** Pastes over five glyphs of a row, leaving their lowest `left` pixels below it, and expects the paste named. */
  function expectPasteNamed(p: Grey, left: number): void {
    const [first, , , , last] = rowGlyphs(4);
    const pasted: Box = [first!.x - 4, first!.y - 6, last!.x + last!.w + 4, first!.y + GLYPH_H - left];
    paste(p, pasted);
    const finding = glyphCutFinding(p);
    expect(finding?.measure).to.equal('glyphs_cut_on_one_line');
    expect(finding!.value).to.be.above(threshold);
    expect(overlaps(finding!.box, pasted)).to.equal(true);
  }

  it("when a patch is pasted over a row leaving its glyphs' feet below it, then the pasted region is named past the threshold", async () => {
    expectPasteNamed(await page(), 2);
  });

  it('when a patch shorter than a row is pasted over it, leaving stubs of its glyphs thicker than a sliver below it, then the pasted region is named past the threshold', async () => {
    // Heavier print, its bottom bars 5 px thick: the paste's bottom edge crosses them 4 px above the glyphs' feet,
    // through full ink, and leaves stubs too thick to be slivers.
    expectPasteNamed(await page(undefined, 5), 4);
  });

  it('when a dashed rule of equal dashes is printed, then it is not taken for cut glyphs', async () => {
    const dashes = (data: Uint8Array) => {
      for (let x = 60; x < 700; x += 16) for (let y = 470; y < 472; y++) for (let dx = 0; dx < 8; dx++) data[y * WIDTH + x + dx] = INK;
    };
    const finding = glyphCutFinding(await page(dashes));
    expect(finding?.value ?? 0).to.be.at.most(threshold);
  });

  it('when a thin rule runs longer than any pasted field, then it is not taken for cut glyphs', async () => {
    const rule = (data: Uint8Array) => {
      for (let y = 470; y < 472; y++) for (let x = 40; x < 760; x++) data[y * WIDTH + x] = INK;
    };
    const finding = glyphCutFinding(await page(rule));
    expect(finding?.value ?? 0).to.be.at.most(threshold);
  });

  it("when a photo's tilted rule breaks into pieces end to end, then they are not taken for cut glyphs", async () => {
    const pieces = (data: Uint8Array) => {
      let x = 60;
      for (const [i, length] of [30, 24, 36, 27, 33, 21].entries()) {
        for (let y = 470 + (i % 2); y < 472 + (i % 2); y++) for (let dx = 0; dx < length; dx++) data[y * WIDTH + x + dx] = INK;
        x += length + 1;
      }
    };
    const finding = glyphCutFinding(await page(pieces));
    expect(finding?.value ?? 0).to.be.at.most(threshold);
  });
});
