import { expect } from 'chai';
import { wordFinding, type Blocks, type MapWord } from '../../worker/forensics/pixels/resave-map';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';

/** A page of 60 block columns: 20 words of 8x2 blocks of print on their rows, one large one of 22x6 blocks below them. */
const COLUMNS = 60;
const rowsOf = 40;
const small = Array.from({ length: 20 }, (_, i): MapWord => {
  const x = (i % 5) * 10;
  const y = Math.floor(i / 5) * 3;
  return { box: [x * 8, y * 8, (x + 8) * 8, (y + 2) * 8] as Box, word: `word${i}` };
});
const large: MapWord = { box: [0, 20 * 8, 22 * 8, 26 * 8], word: 'N1615832' };

/** Every block of print moved `units` past its band; the large word's `own` (each block alike, as a one more save's units are capped anyway). */
function blocks(units: number, own: number): Blocks {
  const values = new Float64Array(COLUMNS * rowsOf);
  const print: number[] = [];
  for (const { box } of [...small, large])
    for (let by = box[1] / 8; by < box[3] / 8; by++)
      for (let bx = box[0] / 8; bx < box[2] / 8; bx++) {
        const i = by * COLUMNS + bx;
        print.push(i);
        // Alternating a little either side, as blocks of print do.
        values[i] = (box === large.box ? own : units) + (i % 2 ? 0.3 : -0.3);
      }
  return { columns: COLUMNS, print, units: values };
}

describe("forensics: one more JPEG save, each word held to the page's words", () => {
  it("when every word's blocks on the page sit half a unit past their band and a large number's as much, then it is not flagged for its many blocks", () => {
    const finding = wordFinding(blocks(0.5, 0.66), [...small, large]);
    expect(finding?.value ?? 0).to.be.below(pixelForensicsThresholds.compression);
  });

  it("when the large number's blocks moved a unit further than the page's words, then it is the word flagged", () => {
    const finding = wordFinding(blocks(0.5, 1.5), [...small, large])!;
    expect(finding.word).to.equal('N1615832');
    expect(finding.value).to.be.above(pixelForensicsThresholds.compression);
  });
});
