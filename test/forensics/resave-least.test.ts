import { expect } from 'chai';
import { leastWordFinding, type Blocks, type MapWord } from '../../worker/forensics/pixels/resave-map';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';

/** A page of 80 block columns: body words of regular weight on rows 0-11, bold words on rows 12-20, a field line at rows 30-32, a logo at rows 35-39. */
const COLUMNS = 80;
const ROWS = 40;
const REGULAR = 0.15;
const BOLD = 0.26;
/** Body print's capitals are 20 pixels high; a logo's lettering twice that. */
const BODY_SIZE = 20;
const LOGO_SIZE = 40;

/** A word of `blocks` x `rows` blocks at block column x, row y. */
const wordAt = (word: string, x: number, y: number, blocks: number, rows: number, weight: number, size = BODY_SIZE): MapWord => ({
  box: [x * 8, y * 8, (x + blocks) * 8, (y + rows) * 8] as Box,
  word,
  weight,
  size,
});
const body = Array.from({ length: 24 }, (_, i) => wordAt(`word${i}`, (i % 6) * 12, Math.floor(i / 6) * 3, 8, 2, REGULAR));
const bold = Array.from({ length: 6 }, (_, i) => wordAt(`Total${i}`, (i % 3) * 14, 12 + Math.floor(i / 3) * 3, 10, 2, BOLD));
/** A date OCR read as three words on one line. */
const date = [wordAt('14', 2, 30, 3, 3, REGULAR), wordAt('October', 6, 30, 10, 3, REGULAR), wordAt('2023', 17, 30, 6, 3, REGULAR)];
/** A logo's lettering of body weight, a circle beside it read as "#6". */
const logo = [wordAt('#6', 2, 35, 5, 5, REGULAR, LOGO_SIZE), wordAt('Clyde', 8, 35, 12, 5, REGULAR, LOGO_SIZE)];
/** A bold amount of 120 blocks. */
const amount = wordAt('4600.20', 50, 12, 24, 5, BOLD);

/** Blocks of print under every word, each moving its word's units past its band (alternating a little either side, as blocks of print do). */
function blocks(units: (w: MapWord) => number, words: MapWord[]): Blocks {
  const values = new Float64Array(COLUMNS * ROWS);
  const print: number[] = [];
  for (const w of words)
    for (let by = w.box[1] / 8; by < w.box[3] / 8; by++)
      for (let bx = w.box[0] / 8; bx < w.box[2] / 8; bx++) {
        const i = by * COLUMNS + bx;
        print.push(i);
        values[i] = units(w) + (i % 2 ? 0.3 : -0.3);
      }
  return { columns: COLUMNS, print, units: values };
}

/** Body print as its band, bold print a unit under it (its black cores at the table's fixed point). */
const asPrinted = (w: MapWord) => (w.weight === BOLD ? -0.8 : 0);

describe('forensics: one more JPEG save, a field moving less than print as heavy as it', () => {
  it('when a date of regular weight moved far less than the regular print around it (pasted from a coarser save), then the compression check names it', () => {
    const words = [...body, ...bold, ...date];
    const finding = leastWordFinding(
      blocks((w) => (date.includes(w) ? -1.6 : asPrinted(w)), words),
      words,
    )!;
    expect(finding.measure).to.equal('word_changed_least_by_one_more_save');
    expect(finding.word).to.equal('14 October 2023');
    expect(finding.value).to.be.above(pixelForensicsThresholds.compression);
  });

  it("when a large bold amount moved as little as the page's other bold print, then it is not flagged for moving less than body text", () => {
    const words = [...body, ...bold, amount, ...date];
    const finding = leastWordFinding(blocks(asPrinted, words), words);
    expect(finding?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
  });

  it("when a logo's large lettering moved far less than body print of its weight (its strokes fill whole blocks), then it is not flagged", () => {
    const words = [...body, ...bold, ...logo];
    const finding = leastWordFinding(
      blocks((w) => (logo.includes(w) ? -1.6 : asPrinted(w)), words),
      words,
    );
    expect(finding?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
  });

  it('when the words carry no weight (a caller that measured none), then none is judged on this side', () => {
    const words = [...body, ...bold, ...date].map(({ box, word, size }) => ({ box, word, size }));
    expect(
      leastWordFinding(
        blocks(() => -1.6, words),
        words,
      ),
    ).to.equal(undefined);
  });
});
