import { expect } from 'chai';
import sharp from 'sharp';
import { Rng } from '../../fixtures/random';
import type { Box } from '../../worker/ocr/port';
import { edgeAcrossPhases, measureWord } from '../../worker/forensics/pixels/measures';

const WIDTH = 700;
const HEIGHT = 400;
const PAPER = 230;
const INK = 35;
const GLYPH = 24;

/** Darkens the pixels `covered` says are ink, by the share of each pixel's 4x4 samples it covers: print as a renderer anti-aliases it. */
function draw(data: Buffer, box: Box, covered: (x: number, y: number) => boolean): void {
  for (let y = box[1]; y < box[3]; y++)
    for (let x = box[0]; x < box[2]; x++) {
      let ink = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (covered(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) ink++;
      data[y * WIDTH + x] = Math.round(PAPER - ((PAPER - INK) * ink) / 16);
    }
}

/** A glyph drawn as a box outline 3.4 px thick, `dx` and `dy` off the pixel grid: where its edges fall between pixels is set by those. */
function outline(data: Buffer, x: number, y: number, dx: number, dy: number): void {
  const [left, top] = [x + 2 + dx, y + 2 + dy];
  const [right, bottom] = [left + GLYPH - 6, top + GLYPH - 4];
  draw(data, [x, y, x + GLYPH, y + GLYPH + 2], (px, py) => {
    const inBox = px >= left && px < right && py >= top && py < bottom;
    return inBox && !(px >= left + 3.4 && px < right - 3.4 && py >= top + 3.4 && py < bottom - 3.4);
  });
}

/**
 * Rows of four-glyph words, each glyph at its own offset from the pixel grid, but `onGrid`, whose
 * glyphs' edges all fall on whole pixels (a row of straight strokes on one baseline); captured as a
 * scanner blurs (`blur`, sigma in pixels) and grains.
 */
async function page(onGrid: number, blur = 0.7): Promise<{ grey: Buffer; boxes: Box[] }> {
  const data = Buffer.alloc(WIDTH * HEIGHT, PAPER);
  const boxes: Box[] = [];
  for (let i = 0; i < 15; i++) {
    const [x, y] = [30 + (i % 5) * 130, 40 + Math.floor(i / 5) * 100];
    for (let g = 0; g < 4; g++) {
      const k = i * 4 + g;
      if (i === onGrid) outline(data, x + g * 28, y, 0, 0);
      else outline(data, x + g * 28, y, (k % 7) / 7, ((k * 3) % 11) / 11);
    }
    boxes.push([x - 2, y - 2, x + 4 * 28 + 2, y + GLYPH + 4]);
  }
  const { data: soft } = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .blur(blur)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rng = new Rng(3);
  for (let i = 0; i < soft.length; i++) soft[i] = Math.max(0, Math.min(255, soft[i]! + Math.round((rng.next() - 0.5) * 10)));
  return { grey: soft, boxes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('forensics: edge steepness across the phases edges fall at', () => {
  it('when a sound word has all its edges on whole pixels, then it reads as steep as the page print beside it, though its raw steps are steeper', async () => {
    const ON_GRID = 7;
    const { grey, boxes } = await page(ON_GRID);
    const measures = boxes.map((box) => measureWord({ data: grey, width: WIDTH, height: HEIGHT }, box)!);
    const others = measures.filter((_, i) => i !== ON_GRID);
    const raw = measures[ON_GRID]!.edge / median(others.map((m) => m.edge));
    const edgeOf = edgeAcrossPhases(measures.map((m) => m.edgePhases));
    const corrected = edgeOf(measures[ON_GRID]!.edgePhases) / median(others.map((m) => edgeOf(m.edgePhases)));
    expect(raw).to.be.above(1.1);
    expect(corrected).to.be.closeTo(1, 0.05);
  });

  it('when a word is printed crisper than the page, then it still reads steeper than the page print once phases are weighed', async () => {
    const PASTED = 7;
    const soft = await page(-1);
    const crisp = await page(-1, 0.35);
    const [x0, y0, x1, y1] = soft.boxes[PASTED]!;
    for (let y = y0; y < y1; y++) crisp.grey.copy(soft.grey, y * WIDTH + x0, y * WIDTH + x0, y * WIDTH + x1);
    const measures = soft.boxes.map((box) => measureWord({ data: soft.grey, width: WIDTH, height: HEIGHT }, box)!);
    const edgeOf = edgeAcrossPhases(measures.map((m) => m.edgePhases));
    const others = measures.filter((_, i) => i !== PASTED).map((m) => edgeOf(m.edgePhases));
    expect(edgeOf(measures[PASTED]!.edgePhases) / median(others)).to.be.above(1.2);
  });
});
