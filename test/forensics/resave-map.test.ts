import { expect } from 'chai';
import sharp from 'sharp';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { Rng } from '../../fixtures/random';
import { clusterFinding, resaveMapFinding, wordFinding, type Blocks, type MapWord } from '../../worker/forensics/pixels/resave-map';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { overlaps } from './reading-pages';
import type { Box, OcrWord } from '../../worker/ocr/port';
import {
  HEIGHT,
  printingBold,
  retype,
  ring,
  saveAsScanner,
  soundPage,
  syntheticWords,
  WIDTH,
  wordOf,
  type SyntheticPage,
} from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/** The word made a field of `glyphs` glyphs on its line (an account number): a retype over a few glyphs covers too few blocks to tell from chance. */
function longField(word: OcrWord, glyphs: number): OcrWord {
  const [x, y, , y1] = word.box;
  const symbols = Array.from({ length: glyphs }, (_, i) => ({ text: '0', box: [x + i * 20, y, x + i * 20 + 14, y1] as Box }));
  return { ...word, text: '0'.repeat(glyphs), box: [x, y, x + (glyphs - 1) * 20 + 14, y1], symbols };
}

/**
 * A rendered page without grain, black on white as a renderer draws it (a JPEG clips both ends): 22
 * lines of body glyphs under a heading of eight glyphs `scale` times their size.
 */
async function cleanPage(scale: number): Promise<SyntheticPage> {
  const data = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let line = 0; line < 22; line++)
    for (let column = 0; column < 3; column++) for (let i = 0; i < 4; i++) ring(data, 60 + column * 260 + i * 20, 150 + line * 36, 3, 0);
  for (let i = 0; i < 8; i++) ring(data, 63 + i * 17 * scale, 45, 3 * scale, 0, [13 * scale, 24 * scale]);
  const { data: soft } = await sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
    .blur(0.8)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { grey: soft, width: WIDTH, height: HEIGHT, words: [] };
}

/**
 * A page's blocks of print as one more save leaves them: lines of dense print three block rows tall, five
 * apart, across 90 block columns; `moved(x, y)` gives each block's units past its band.
 */
function printedBlocks(moved: (x: number, y: number) => number): Blocks {
  const columns = 100;
  const units = new Float64Array(columns * 100);
  const print: number[] = [];
  for (let line = 0; line < 16; line++)
    for (let y = 10 + line * 5; y < 13 + line * 5; y++)
      for (let x = 5; x < 95; x++) {
        print.push(y * columns + x);
        units[y * columns + x] = moved(x, y);
      }
  return { columns, print, units };
}

/** A clean page at the table's fixed point: most blocks of print change by nothing, about one in seven by chance far past them. */
const byChance = (rng: Rng) => () => (rng.next() < 0.15 ? 4.5 : 0);

const grey = (page: SyntheticPage) => ({ data: page.grey, width: page.width, height: page.height, channels: 1 as const });
const on = (finding: PixelFinding, box: Box) => overlaps(finding.box, { left: box[0], top: box[1], right: box[2], bottom: box[3] });

describe('forensics: one more JPEG save over every block of print', () => {
  it('when a field is retyped bold and black between two saves and OCR read no word on it, then the compression check names its blocks', async () => {
    const words = syntheticWords();
    const field = longField(words[27]!, 9);
    words[27] = field;
    const page = await soundPage(1, undefined, words);
    await saveAsScanner(page);
    // Black enough that a JPEG's ringing clips: one save leaves it unsettled. A lighter retype moved a pixel a grey level, as the page's print did.
    retype(page, field, 5, 5);
    const jpeg = await saveAsScanner(page);
    const read = words.filter((w) => w !== field);
    const { pixels } = await analysePage(
      grey(page),
      read,
      { degrees: 0, width: page.width },
      MAX_PIXELS,
      true,
      read,
      undefined,
      lumaTable(jpeg),
    );
    const finding = pixels.findings.find((f) => f.signal === 'compression')!;
    expect(finding.measure).to.equal('blocks_changed_most_by_one_more_save');
    expect(on(finding, field.box)).to.equal(true);
    expect(finding.value).to.be.greaterThan(pixelForensicsThresholds.compression);
  });

  it('when a sound page, some of its values set bold, is saved twice at one table, then no cluster of blocks reaches the threshold', async () => {
    // Bold print has more edges to a block than body text and moves more: it is held to blocks of its own energy.
    const bold = new Set(Array.from({ length: 11 }, (_, i) => 6 * i + 2));
    for (const page of [await soundPage(1), await soundPage(2), await soundPage(3, printingBold(bold))]) {
      await saveAsScanner(page);
      const jpeg = await saveAsScanner(page);
      expect(resaveMapFinding(grey(page), lumaTable(jpeg)!)?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
    }
  });

  it('when a clean rendered page with a large bold heading is saved twice at one table, then no cluster of blocks reaches the threshold', async () => {
    // Most of the heading's blocks sit at the table's fixed point and change by nothing: one pixel's rounding is no outlier.
    for (const scale of [2, 3, 4]) {
      const page = await cleanPage(scale);
      await saveAsScanner(page);
      const jpeg = await saveAsScanner(page);
      expect(resaveMapFinding(grey(page), lumaTable(jpeg)!)?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
    }
  });

  it("when one in seven of a clean page's blocks of print move far past their like by chance, then no line of dense print is a cluster", () => {
    for (const seed of [1, 2, 3]) {
      const finding = clusterFinding(printedBlocks(byChance(new Rng(seed))));
      expect(finding?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
    }
  });

  it("when a field's blocks all move on such a page, then the compression check names them", () => {
    const chance = byChance(new Rng(1));
    // A retyped account number: two block rows of ten blocks on line 8, every one moved.
    const field = (x: number, y: number) => x >= 40 && x < 50 && y >= 50 && y < 52;
    const finding = clusterFinding(printedBlocks((x, y) => (field(x, y) ? 4.5 : chance())));
    expect(finding!.value).to.be.greaterThan(pixelForensicsThresholds.compression);
    expect(finding!.box[0]).to.be.at.most(40 * 8);
    expect(finding!.box[2]).to.be.at.least(50 * 8);
  });

  /** Each line of `printedBlocks` read as words two blocks wide, a block apart (the kth at block column 5 + 3k), in letters; line 8's 10th to 12th read as a date. */
  const lineWords = (line: number): MapWord[] =>
    Array.from({ length: 30 }, (_, k) => ({
      box: [(5 + 3 * k) * 8, (10 + line * 5) * 8, (7 + 3 * k) * 8, (13 + line * 5) * 8],
      word: line === 8 && k >= 10 && k <= 12 ? ['2', 'August', '2018'][k - 10]! : 'word',
    }));
  const pageWords = () => Array.from({ length: 16 }, (_, line) => lineWords(line)).flat();
  /** Line 8's words 10 to 12 (block columns 35 to 43) moved twice their like, the rest of the page as its like. */
  const movedRun = (x: number, y: number) => (x >= 35 && x < 44 && y >= 50 && y < 53 ? 2 : 0);

  it("when a field OCR read as three words was pasted whole, each word's blocks too few to tell from chance, then the compression check names the run", () => {
    // A pasted date: its three words' blocks all moved twice their like, each word on its own short of sound words' 5 units.
    const finding = wordFinding(printedBlocks(movedRun), pageWords())!;
    expect(finding.value).to.be.greaterThan(pixelForensicsThresholds.compression);
    expect(finding.word).to.equal('2 August 2018');
    expect(finding.box).to.deep.equal([35 * 8, 50 * 8, 43 * 8, 53 * 8]);
  });

  it('when three words of body text holding no digit move so, then they are not judged as one run', () => {
    const words = pageWords().map((w) => ({ ...w, word: 'word' }));
    expect(wordFinding(printedBlocks(movedRun), words)?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
  });

  it("when one in seven of a page's blocks of print move far past their like by chance, then no run of words reaches the threshold", () => {
    const words = pageWords().map((w) => ({ ...w, word: '20' }));
    for (const seed of [1, 2, 3]) {
      const finding = wordFinding(printedBlocks(byChance(new Rng(seed))), words);
      expect(finding?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
    }
  });

  it('when the page carries no JPEG table (an upload, a rendered page), then the blocks are not measured', async () => {
    const page = await soundPage();
    await saveAsScanner(page);
    retype(page, wordOf(page, 9, 1), 3);
    await saveAsScanner(page);
    const { pixels } = await analysePage(grey(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
    expect(pixels.findings.map((f) => f.measure)).not.to.include('blocks_changed_most_by_one_more_save');
  });
});
