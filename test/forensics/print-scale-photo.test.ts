import { expect } from 'chai';
import type { Box } from '../../worker/ocr/port';
import type { PlacedWord } from '../../worker/forensics/pixels/field-spans';
import type { OcrGeometry } from '../../worker/forensics/pixels/grey';
import { pageLevels } from '../../worker/forensics/pixels/measures';
import { printScaleFinding } from '../../worker/forensics/pixels/print-scale';
import { paperFloor } from '../../worker/forensics/pixels/region-scan';
import type { Quad } from '../../worker/images/perspective';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { addGrain, overlaps, type Page } from './paper-page';
import { HEIGHT, PAPER, ring, WIDTH } from './synthetic-page';

/** A printed word: what OCR read and each glyph's ink box, as blobs are boxed (right and bottom edges exclusive). */
interface Printed {
  text: string;
  glyphs: Box[];
}

/**
 * A statement's period on a phone photo whose perspective makes its rows fall 0.06 px per px there
 * (the reading corpus's sound photo 27302082, glyph for glyph): "period", a date, "to" and a date.
 * "period" is lower case, its "p" a descender, and "to" is short, so the row's feet resolve no slope.
 */
const PERIOD_SLOPE = 0.06;
const PERIOD: Printed[] = [
  {
    text: 'period',
    glyphs: [
      [279, 310, 290, 322],
      [291, 311, 301, 320],
      [302, 312, 313, 320],
      [315, 312, 324, 321],
      [326, 313, 336, 322],
      [337, 310, 348, 323],
    ],
  },
  {
    text: '01/11/2026',
    glyphs: [
      [444, 316, 452, 329],
      [455, 317, 463, 329],
      [467, 318, 474, 330],
      [477, 319, 487, 330],
      [489, 320, 498, 332],
      [502, 320, 508, 333],
      [512, 320, 521, 333],
      [523, 321, 532, 334],
      [535, 321, 544, 334],
      [546, 322, 555, 335],
    ],
  },
  {
    text: 'to',
    glyphs: [
      [569, 324, 578, 336],
      [580, 328, 589, 337],
    ],
  },
  {
    text: '30/11/2026',
    glyphs: [
      [604, 325, 611, 338],
      [614, 326, 623, 339],
      [626, 328, 633, 340],
      [636, 328, 646, 340],
      [648, 329, 657, 340],
      [660, 329, 667, 342],
      [670, 329, 679, 342],
      [682, 330, 691, 342],
      [693, 331, 702, 343],
      [704, 332, 712, 344],
    ],
  },
];

/**
 * A certificate's footer on a photo, its rows near level there (the sound photo 27300083, glyph for
 * glyph, 1100 px to the left): "Company No. 02997586", the "p" and "y" of "Company" hanging 6 px below
 * its other feet at the word's right end, the only long word the row's slope could be read off.
 */
const FOOTER_SLOPE = -0.0086;
const FOOTER: Printed[] = [
  {
    text: 'Company',
    glyphs: [
      [169, 190, 189, 212],
      [190, 196, 205, 212],
      [207, 196, 230, 212],
      [231, 196, 246, 218],
      [248, 195, 277, 212],
      [278, 195, 292, 218],
    ],
  },
  {
    text: 'No.',
    glyphs: [
      [303, 188, 325, 211],
      [326, 195, 341, 211],
    ],
  },
  {
    text: '02997586',
    glyphs: [
      [358, 188, 374, 211],
      [375, 187, 390, 210],
      [391, 188, 406, 210],
      [407, 188, 422, 210],
      [424, 187, 438, 210],
      [441, 186, 454, 210],
      [458, 186, 472, 210],
      [474, 187, 489, 210],
    ],
  },
];

/** Prints the words' glyphs as outlined boxes on grained paper, each word read at 95 on one line. */
function photographedRow(printed: Printed[]): Page {
  const data = new Uint8Array(WIDTH * HEIGHT).fill(PAPER);
  for (const { glyphs } of printed) for (const [x0, y0, x1, y1] of glyphs) ring(data, x0, y0, 2, undefined, [x1 - x0, y1 - y0]);
  addGrain(data, 3, 4);
  const words: PlacedWord[] = printed.map(({ text, glyphs }) => {
    const box: Box = [
      Math.min(...glyphs.map((g) => g[0])),
      Math.min(...glyphs.map((g) => g[1])),
      Math.max(...glyphs.map((g) => g[2])),
      Math.max(...glyphs.map((g) => g[3])),
    ];
    return { box, word: { text, box, line: 0, confidence: 95, symbols: [] } };
  });
  return { grey: { data, width: WIDTH, height: HEIGHT }, words };
}

/**
 * How clean-up saw the photo: the upright page it cut out, its corners on the photo sheared so that
 * every row falls `slope` px per px, and no turn after; OCR's words were mapped back through it.
 */
function photoGeometry(slope: number): OcrGeometry {
  const [w, h] = [WIDTH - 1, HEIGHT - 1];
  const quad: Quad = [
    [0, 0],
    [w, slope * w],
    [w, h + slope * w],
    [0, h],
  ];
  return { degrees: 0, width: WIDTH, upright: { quad, width: WIDTH, height: HEIGHT, degrees: 0 } };
}

/** Replaces the word's glyphs by as many at 2/3 of their height, set from their tops: a paste from a capture at 2/3 the resolution. */
function pastedAtTwoThirds(printed: Printed[], text: string): Printed[] {
  return printed.map((p) =>
    p.text === text ? { text, glyphs: p.glyphs.map(([x0, y0, x1, y1]) => [x0, y0, x1, y0 + Math.round(((y1 - y0) * 2) / 3)] as Box) } : p,
  );
}

const judge = (page: Page, geometry: OcrGeometry) =>
  printScaleFinding(page.grey, page.words, paperFloor(page.grey, pageLevels(page.grey)), geometry);

describe("forensics: print scale on a photo's rows", () => {
  it("when a sound row falls with the photo's perspective and its short words resolve no slope, then no glyph is print-scaled", () => {
    const finding = judge(photographedRow(PERIOD), photoGeometry(PERIOD_SLOPE));
    expect(finding, JSON.stringify(finding)).to.equal(undefined);
  });

  it("when descenders at the end of a footer's only long word would tip its row, then the row runs as the photo's perspective has it and nothing is raised", () => {
    const finding = judge(photographedRow(FOOTER), photoGeometry(FOOTER_SLOPE));
    expect(finding, JSON.stringify(finding)).to.equal(undefined);
  });

  it('when a date on the photographed row is pasted at 2/3 of its size, then the paste is named', () => {
    const page = photographedRow(pastedAtTwoThirds(PERIOD, '01/11/2026'));
    const finding = judge(page, photoGeometry(PERIOD_SLOPE));
    expect(finding?.value ?? 0, JSON.stringify(finding)).to.be.above(pixelForensicsThresholds.region);
    expect(overlaps(finding!.box, page.words[1]!.box)).to.equal(true);
  });
});
