import { expect } from 'chai';
import { tiltFinding } from '../../worker/forensics/pixels/tilt';
import type { Box, OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { INK, PAPER, WIDTH, ring, soundPage, syntheticWords, wordOf, type SyntheticPage } from './synthetic-page';

const GLYPH_W = 14;
const GLYPH_H = 24;

/** How far print at `degrees` sits below where a level page prints it, at column `x`: the page leans about its centre. */
const lean = (degrees: number, x: number) => (x - WIDTH / 2) * Math.tan((degrees * Math.PI) / 180);

/** Ink covering the share of pixel row `y` that the span [from, to) covers. */
function cover(data: Uint8Array, x: number, y: number, from: number, to: number, ink: number): void {
  const share = Math.max(0, Math.min(y + 1, to) - Math.max(y, from));
  if (share > 0) data[y * WIDTH + x] = Math.min(data[y * WIDTH + x]!, Math.round(PAPER - share * (PAPER - ink)));
}

/**
 * Draws a ring glyph (as `ring` does) leaning at `degrees`, each column shifted by its own fraction of
 * a pixel and its edges shared between the pixels they cross, as a page scanned at a slant prints.
 */
function leaningRing(data: Uint8Array, x: number, y: number, stroke: number, degrees: number, ink = INK): void {
  for (let dx = 0; dx < GLYPH_W; dx++) {
    const top = y + lean(degrees, x + dx);
    const spans: [number, number][] =
      dx < stroke || dx >= GLYPH_W - stroke
        ? [[top, top + GLYPH_H]]
        : [
            [top, top + stroke],
            [top + GLYPH_H - stroke, top + GLYPH_H],
          ];
    for (const [from, to] of spans) for (let row = Math.floor(from); row < Math.ceil(to); row++) cover(data, x + dx, row, from, to, ink);
  }
}

/** The words' boxes as OCR would draw them round print leaning at `degreesOf(word index)`. */
function leaningWords(degreesOf: (i: number) => number, level: OcrWord[]): OcrWord[] {
  return level.map((w, i) => {
    const symbols = w.symbols.map((s) => {
      const shifts = [lean(degreesOf(i), s.box[0]), lean(degreesOf(i), s.box[2])];
      const box: Box = [s.box[0], Math.floor(s.box[1] + Math.min(...shifts)), s.box[2], Math.ceil(s.box[3] + Math.max(...shifts))];
      return { ...s, box };
    });
    const box: Box = [w.box[0], Math.min(...symbols.map((s) => s.box[1])), w.box[2], Math.max(...symbols.map((s) => s.box[3]))];
    return { ...w, symbols, box };
  });
}

/** How far below the line a word's glyph hangs (a "p", a "Q"'s tail): none by default. */
type Hang = (word: number, glyph: number) => number;

/**
 * A page whose word `i` leans at `degreesOf(i)`, the words at `bold` (by index) heavier and darker; the
 * words `level` lays out as a level page prints them (the synthetic page's by default).
 */
const leaningPage = (
  seed: number,
  degreesOf: (i: number) => number,
  bold: ReadonlySet<number> = new Set(),
  hang: Hang = () => 0,
  level: OcrWord[] = syntheticWords(),
) =>
  soundPage(
    seed,
    (data, w, i) => {
      for (const [g, s] of level[i]!.symbols.entries())
        leaningRing(data, s.box[0], s.box[1] + hang(i, g), bold.has(i) ? 5 : 3, degreesOf(i), bold.has(i) ? 5 : INK);
    },
    leaningWords(degreesOf, level).map((w, i) => ({
      ...w,
      box: [w.box[0], w.box[1], w.box[2], w.box[3] + Math.max(...w.symbols.map((_, g) => hang(i, g)))],
    })),
  );

/** Copies the box, grown by 3 pixels, from the donor onto the page: a field pasted from another capture. */
function paste(page: SyntheticPage, donor: SyntheticPage, box: Box): void {
  for (let y = box[1] - 3; y < box[3] + 3; y++)
    for (let x = box[0] - 3; x < box[2] + 3; x++) page.grey[y * WIDTH + x] = donor.grey[y * WIDTH + x]!;
}

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height });
const slanted = (page: SyntheticPage) => page.words.map((word) => ({ word, box: word.box }));

/**
 * The word as OCR reads a date written out, "26 November 2026": its first glyph the day, its middle two the
 * month, its last the year, each box round its own glyphs (each too short alone for its slant to be read).
 */
function asDate(word: OcrWord): OcrWord[] {
  const part = (text: string, from: number, to: number): OcrWord => {
    const symbols = word.symbols.slice(from, to);
    const box: Box = [
      Math.min(...symbols.map((g) => g.box[0])),
      Math.min(...symbols.map((g) => g.box[1])),
      Math.max(...symbols.map((g) => g.box[2])),
      Math.max(...symbols.map((g) => g.box[3])),
    ];
    return { ...word, text, symbols, box };
  };
  return [part('26', 0, 1), part('November', 1, 3), part('2026', 3, 4)];
}

/**
 * A page whose glyphs read as "0" stand `overshoot` pixels (whole) below the others' line, as a round glyph
 * overshoots the baseline in every face: the words read `textOf(word index)`, each glyph its own character.
 */
async function roundAndFlat(seed: number, degrees: number, textOf: (i: number) => string, overshoot: number) {
  const page = await leaningPage(
    seed,
    () => degrees,
    new Set(),
    (word, glyph) => (textOf(word)[glyph] === '0' ? overshoot : 0),
  );
  const words = page.words.map((word, i) => {
    const glyphs = word.symbols.map((s, g) => ({ text: textOf(i)[g]!, box: s.box }));
    return { word: { ...word, text: textOf(i) }, box: word.box, glyphs };
  });
  return { page, words };
}

/**
 * Draws a glyph whose foot is a curve, not a flat bar: its lower stroke bends up from its middle by
 * `bend` pixels a column squared, its lowest point `lift` pixels below the line (above when negative).
 * Small print whose bowls end in a hairline (Times' 5, 6 and 9) shows such feet where the curves fade,
 * each at a height its shape sets.
 */
function curvedFoot(data: Uint8Array, x: number, y: number, lift: number, bend = 0.15): void {
  const stroke = 3;
  for (let dx = 0; dx < GLYPH_W; dx++) {
    const bottom = y + GLYPH_H + lift - bend * (dx - (GLYPH_W - 1) / 2) ** 2;
    const spans: [number, number][] =
      dx < stroke || dx >= GLYPH_W - stroke
        ? [[y, bottom]]
        : [
            [y, y + stroke],
            [bottom - stroke, bottom],
          ];
    for (const [from, to] of spans) for (let row = Math.floor(from); row < Math.ceil(to); row++) cover(data, x + dx, row, from, to, INK);
  }
}

/** A line of print: 22 rows of `perRow` four-glyph words, 110 pixels apart along the row (a body of running text). */
const ROW_PITCH = 40;
function denseWords(perRow: number): OcrWord[] {
  return Array.from({ length: 22 * perRow }, (_, i) => {
    const [line, x, y] = [Math.floor(i / perRow), 20 + (i % perRow) * 110, 50 + Math.floor(i / perRow) * ROW_PITCH];
    const symbols = [0, 1, 2, 3].map((g) => ({ text: '0', box: [x + g * 20, y, x + g * 20 + GLYPH_W, y + GLYPH_H] as Box }));
    return { text: '0000', box: [x, y, x + 74, y + GLYPH_H] as Box, line, confidence: 95, symbols };
  });
}

/** The page's fields read as "1001" and "0110" in turn, the one at row 10, column 1 as "1100": its flat glyphs first, its round ones last. */
const FIELD = 10 * 3 + 1;
const roundLast = (i: number) => (i === FIELD ? '1100' : i % 2 ? '1001' : '0110');

/**
 * The page's words with the field at row 10, column 1 read as a postcode, "NR2" and "1QQ": six glyphs a
 * glyph's pitch apart, OCR's two words a few pixels apart, as a postcode's halves often are.
 */
const POSTCODE_HALVES = ['NR2', '1QQ'];
function postcodeWords(): OcrWord[] {
  const level = syntheticWords();
  const { box, line } = level[FIELD]!;
  const halves = POSTCODE_HALVES.map((text, h): OcrWord => {
    const x = box[0] + h * 3 * 20;
    const symbols = [...text].map((c, g) => ({ text: c, box: [x + g * 20, box[1], x + g * 20 + GLYPH_W, box[1] + GLYPH_H] as Box }));
    return { text, box: [x, box[1], x + 2 * 20 + GLYPH_W, box[1] + GLYPH_H], line, confidence: 90, symbols };
  });
  return [...level.slice(0, FIELD), ...halves, ...level.slice(FIELD + 1)];
}

/**
 * A page leaning at `degrees` whose postcode's Q's hang 4 pixels (a sixth of a glyph) below the line, as a
 * Q's tail does; only the postcode reads like a field, the rest are labels the page's slant is read from.
 */
async function postcodePage(seed: number, degrees: number) {
  const level = postcodeWords();
  const page = await leaningPage(
    seed,
    () => degrees,
    new Set(),
    (word, glyph) => (level[word]!.symbols[glyph]!.text === 'Q' ? 4 : 0),
    level,
  );
  const words = page.words.map((word) => ({
    word: POSTCODE_HALVES.includes(word.text) ? word : { ...word, text: 'Date' },
    box: word.box,
    glyphs: word.symbols,
  }));
  return { page, words };
}

describe('pixel forensics: print leaning unlike its neighbours', () => {
  it('when a field is pasted from another capture scanned at another slant, then the region check names that field', async () => {
    const page = await leaningPage(3, () => 0.8);
    // The donor: another document of the same layout, scanned 1.5 degrees the other way, with its own grain.
    const donor = await leaningPage(11, () => -1.5);
    const field = wordOf(page, 10, 1);
    paste(page, donor, wordOf(donor, 10, 1).box);
    page.words[10 * 3 + 1] = wordOf(donor, 10, 1);
    const finding = tiltFinding(grey(page), slanted(page));
    expect(finding?.measure).to.equal('print_leans_unlike_its_neighbours');
    expect(finding!.box[0]).to.equal(field.box[0]);
    expect(finding!.box[1]).to.be.within(field.box[1] - 6, field.box[1] + 6);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when the whole page is scanned at a slant, with bold values, a table rule under a row and a logo, then no field is flagged', async () => {
    const bold = new Set([4, 5, 17, 30, 31, 32]);
    const page = await leaningPage(3, () => 1.2, bold);
    // A table's rule two pixels under row 6, leaning with the page.
    for (let x = 40; x < WIDTH - 40; x++) {
      const y = 50 + 6 * 40 + GLYPH_H + 2 + lean(1.2, x);
      cover(page.grey, x, Math.floor(y), y, y + 2, INK);
      cover(page.grey, x, Math.floor(y) + 1, y, y + 2, INK);
      cover(page.grey, x, Math.floor(y) + 2, y, y + 2, INK);
    }
    // A logo: a solid block beside the top row, leaning with the page, read by OCR as a word of its own.
    for (let x = 680; x < 860; x++) for (let y = 6; y < 44; y++) page.grey[(y + Math.round(lean(1.2, x))) * WIDTH + x] = INK;
    const logo: Box = [680, 0, 860, 50];
    const words = [...slanted(page), { word: { text: 'LOGO', box: logo, line: 99, confidence: 40, symbols: [] }, box: logo }];
    const finding = tiltFinding(grey(page), words);
    expect(finding, 'every field was read').to.not.equal(undefined);
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when amounts end in a glyph that hangs below the line (a pence "p"), then no field is flagged', async () => {
    // Every fifth word's last glyph hangs a third of a glyph below the others' feet.
    const page = await leaningPage(
      5,
      () => 0.9,
      new Set(),
      (word, glyph) => (word % 5 === 0 && glyph === 3 ? 8 : 0),
    );
    const finding = tiltFinding(grey(page), slanted(page));
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a postcode ends in two glyphs whose tails hang below the line ("1QQ"), then its print does not lean', async () => {
    // A line from the flat feet down to the tails stands on five of the six feet, the print's own on four.
    const { page, words } = await postcodePage(5, 0.9);
    const finding = tiltFinding(grey(page), words);
    expect(finding?.word, 'the postcode was read whole').to.equal('NR2 1QQ');
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a postcode ending in two hanging glyphs ("1QQ") is pasted from a capture at another slant, then the region check names it', async () => {
    const { page, words } = await postcodePage(3, 0.8);
    // The donor scanned 0.4 degrees the other way: its four flat feet alone carry its slant.
    const { page: donor } = await postcodePage(11, -0.4);
    const halves = page.words.filter((w) => POSTCODE_HALVES.includes(w.text));
    const span: Box = [
      halves[0]!.box[0],
      Math.min(...halves.map((w) => w.box[1])),
      halves[1]!.box[2],
      Math.max(...halves.map((w) => w.box[3])),
    ];
    paste(page, donor, span);
    const finding = tiltFinding(grey(page), words);
    expect(finding?.word).to.equal('NR2 1QQ');
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it("when a field's glyphs stand unevenly on its line (a blurred or unevenly inked print), then no field is flagged", async () => {
    // The field's first glyph stands a pixel low, its last two: its few feet scatter about a line that leans by chance.
    const sag = [1, 0, 0, 2];
    const page = await leaningPage(
      5,
      () => 0.9,
      new Set(),
      (word, glyph) => (word === 10 * 3 + 1 ? sag[glyph]! : 0),
    );
    // Only that field reads like one; the rest are labels the page's slant is read from.
    const words = page.words.map((word, i) => ({ word: i === 10 * 3 + 1 ? word : { ...word, text: 'Date' }, box: word.box }));
    const finding = tiltFinding(grey(page), words);
    expect(finding, 'the field was read').to.not.equal(undefined);
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a photo bends the slant slowly across the page, then no field is flagged', async () => {
    // Perspective: each row leans a little more than the one above it, from level to 2 degrees.
    const page = await leaningPage(7, (i) => (Math.floor(i / 3) / 21) * 2);
    const finding = tiltFinding(grey(page), slanted(page));
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it('when a photo leans its rows ever more down the page and a field heads it, its nearest words all rows below, then no field is flagged', async () => {
    // Perspective: each row leans 0.2 degrees more than the one above it (5 degrees over a 1000-pixel page).
    const level = denseWords(8);
    const page = await leaningPage(
      7,
      (i) => Math.floor(i / 8) * 0.2,
      new Set(),
      () => 0,
      level,
    );
    // A reference heads the page alone on its row; the body starts 8 rows below (the rows between hold no print).
    const words = slanted(page).filter((_, i) => i === 3 || i >= 8 * 8);
    const finding = tiltFinding(grey(page), words);
    expect(finding, 'the fields were read').to.not.equal(undefined);
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  /** A page leaning 0.8 degrees with its row 10 field pasted from a capture leaning `donorLean`: the field and print leaning's finding. */
  async function pastedFromLeaning(donorLean: number) {
    const page = await leaningPage(3, () => 0.8);
    const donor = await leaningPage(11, () => donorLean);
    const field = wordOf(page, 10, 1);
    paste(page, donor, wordOf(donor, 10, 1).box);
    page.words[10 * 3 + 1] = wordOf(donor, 10, 1);
    return { field, finding: tiltFinding(grey(page), slanted(page)) };
  }

  it('when a field is pasted from a capture leaning only a pixel and a half across its width, then the region check names that field', async () => {
    // The donor scanned 0.4 degrees the other way: its print drifts 1.5 px against the page's over the field's 74 px.
    const { field, finding } = await pastedFromLeaning(-0.4);
    expect(finding!.box[0]).to.equal(field.box[0]);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when a field is pasted from a capture leaning 0.8 degrees off the page, a pixel across its width, then the region check names that field', async () => {
    // The donor scanned level: its print drifts 1.1 px against the page's over the field's 74 px, 7 of the page's spreads.
    const { field, finding } = await pastedFromLeaning(0);
    expect(finding!.box[0]).to.equal(field.box[0]);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when a date written out is pasted at another slant, though OCR reads its day, month and year apart, then the region check names the date', async () => {
    const page = await leaningPage(3, () => 0.8);
    const donor = await leaningPage(11, () => -0.4);
    const field = wordOf(page, 10, 1);
    paste(page, donor, wordOf(donor, 10, 1).box);
    const words = page.words.flatMap((w, i) => (i === 10 * 3 + 1 ? asDate(wordOf(donor, 10, 1)) : [w]));
    const finding = tiltFinding(
      grey(page),
      words.map((word) => ({ word, box: word.box })),
    );
    expect(finding?.word).to.equal('26 November 2026');
    expect(finding!.box[0]).to.equal(field.box[0]);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it('when a column of dates written out is printed on a page scanned at a slant, then no date is flagged', async () => {
    const page = await leaningPage(5, (i) => 0.6 + (Math.floor(i / 3) / 21) * 0.8);
    // The middle column's words read as dates; the others as labels, the print the page's slant is read from.
    const words = page.words.flatMap((w, i) => (i % 3 === 1 ? asDate(w) : [{ ...w, text: 'Date' }]));
    const finding = tiltFinding(
      grey(page),
      words.map((word) => ({ word, box: word.box })),
    );
    expect(finding?.word, 'the dates were read whole').to.equal('26 November 2026');
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });

  it("when a short field's round glyphs overshoot the line its flat ones stand on, as their prints do all over the page, then its lean is taken out", async () => {
    // Read as printed, the field leans by the round glyphs' overshoot across its width.
    const { page, words } = await roundAndFlat(5, 0.9, roundLast, 1);
    const finding = tiltFinding(grey(page), words);
    expect(finding, 'the fields were read').to.not.equal(undefined);
    expect(finding!.detail!.drift_pixels).to.be.below(0.4);
  });

  it("when a field in round and flat glyphs is pasted from a capture at another slant, then the feet the page's prints teach do not hide its lean", async () => {
    const { page, words } = await roundAndFlat(5, 0.9, roundLast, 1);
    // The donor, in the same face, scanned 1.5 degrees steeper: its lean is taken out by no glyph's offset.
    const { page: donor } = await roundAndFlat(11, 2.4, roundLast, 1);
    paste(page, donor, wordOf(donor, 10, 1).box);
    const finding = tiltFinding(grey(page), words);
    expect(finding!.box[0]).to.equal(wordOf(page, 10, 1).box[0]);
    expect(finding!.value).to.be.above(pixelForensicsThresholds.region);
  });

  it("when a short field's curved feet stand at heights their shapes set, on a slant, beside a flat foot on the line, then its print does not lean", async () => {
    // The field's first, third and fourth glyphs end in curves whose lowest points fall a pixel a glyph
    // across it (2.9 degrees); its second stands flat on the line the page's print stands on.
    const lifts = [1, 0, -1, -2];
    const page = await soundPage(5, (data, w, i) => {
      for (const [g, s] of w.symbols.entries())
        if (i === FIELD && lifts[g] !== 0) curvedFoot(data, s.box[0], s.box[1], lifts[g]!);
        else ring(data, s.box[0], s.box[1], 3);
    });
    // Only that field reads like one; the rest are labels the page's slant is read from.
    const words = page.words.map((word, i) => ({ word: i === FIELD ? word : { ...word, text: 'Date' }, box: word.box }));
    const finding = tiltFinding(grey(page), words);
    expect(finding?.box[0], 'the field was read').to.equal(wordOf(page, 10, 1).box[0]);
    expect(finding!.value).to.be.below(pixelForensicsThresholds.region);
  });
});
