import { expect } from 'chai';
import sharp from 'sharp';
import type { Box, OcrEngine, OcrResult, OcrWord } from '../../worker/ocr/port';
import { ocrLines } from '../../worker/ocr/lines';
import { rereadUnsure } from '../../worker/pipeline/reread';

const PAGE = { width: 1200, height: 1600 };

function word(text: string, line: number, left: number, confidence = 95): OcrWord {
  const box: Box = [left, 100 + line * 60, left + text.length * 20, 130 + line * 60];
  return { text, box, line, confidence, symbols: [] };
}

/** A line of words from `left`, a space's width apart. */
function lineOf(texts: string[], line: number, confidence = 95, left = 100): OcrWord[] {
  let x = left;
  return texts.map((t) => {
    const w = word(t, line, x, confidence);
    x = w.box[2] + 12;
    return w;
  });
}

/** An OCR engine that answers each crop with the next of the lines it is given, and counts the crops. */
class SecondReader implements OcrEngine {
  readonly size = 1;
  crops: Buffer[] = [];
  constructor(private readonly answers: string[][]) {}
  recognize(image: Buffer): Promise<OcrResult> {
    this.crops.push(image);
    const words = lineOf(this.answers[this.crops.length - 1] ?? [], 0, 96);
    return Promise.resolve({ text: words.map((w) => w.text).join(' '), confidence: 96, words });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

async function blankPage(): Promise<Buffer> {
  return sharp({ create: { ...PAGE, channels: 3, background: '#ffffff' } })
    .greyscale()
    .png()
    .toBuffer();
}

/** Where each glyph of a printed word stands, one monospaced glyph every GLYPH_STEP pixels. */
const GLYPH_STEP = 40;

/**
 * Words printed in a monospaced type, each glyph drawn where its symbol's box says; `drawn` prints other glyphs
 * than OCR read, and `thin` prints them with strokes thinned, as a coarse scan's faint ink leaves them.
 */
function printedWords(lines: Array<Array<{ text: string; drawn?: string; thin?: boolean; confidence: number }>>): {
  words: OcrWord[];
  svg: string;
} {
  const words: OcrWord[] = [];
  let svg = '';
  lines.forEach((line, row) => {
    const baseline = 200 + row * 80;
    let x = 100;
    for (const { text, drawn = text, thin = false, confidence } of line) {
      const symbols = [...text].map((c, i) => ({
        text: c,
        box: [x + i * GLYPH_STEP - 2, baseline - 34, x + i * GLYPH_STEP + 28, baseline + 2] as Box,
      }));
      [...drawn].forEach(
        (c, i) =>
          (svg +=
            `<text x="${x + i * GLYPH_STEP}" y="${baseline}" font-family="DejaVu Sans Mono" font-size="40"` +
            `${thin ? ' stroke="white" stroke-width="0.8"' : ''}>${c}</text>`),
      );
      words.push({ text, box: [symbols[0]!.box[0], baseline - 34, symbols.at(-1)!.box[2], baseline + 2], line: row, confidence, symbols });
      x += (text.length + 1) * GLYPH_STEP;
    }
  });
  return { words, svg };
}

async function printedPage(svg: string): Promise<Buffer> {
  const page = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}"><rect width="100%" height="100%" fill="white"/>${svg}</svg>`;
  return sharp(Buffer.from(page)).greyscale().png().toBuffer();
}

describe('reading: a second, closer reading of unsure postcodes', () => {
  it("when OCR read an inward code's digit as a letter and the page prints that digit elsewhere, then its glyph is read as the digit it resembles, with no OCR", async () => {
    const sure = (text: string) => ({ text, confidence: 96 });
    const { words, svg } = printedWords([
      [sure('Balance'), sure('2019.58'), sure('3906.48')],
      [sure('York')],
      [
        { text: 'YOl', confidence: 70 },
        { text: 'SNE', drawn: '9NE', confidence: 80 },
      ],
    ]);
    const ocr = new SecondReader([]);
    const reread = await rereadUnsure(ocr, { png: await printedPage(svg), ...PAGE }, words);
    expect(ocr.crops).to.have.length(0);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'YOl SNE', second: 'YOl 9NE', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width).split('\n').at(-1)).to.equal('YOl 9NE');
  });

  it("when a house number ends in an 8, however sure OCR was, then its glyph is read as B where it resembles the page's Bs, and an 8 stays an 8", async () => {
    const sure = (text: string) => ({ text, confidence: 96 });
    const addressLine = async (drawn: string, confidence: number, thin = false) => {
      const { words, svg } = printedWords([
        [sure('Balance'), sure('2019.58'), sure('BACS'), sure('3906.48')],
        [sure('Unit'), { text: '178', drawn, thin, confidence }, sure('The'), sure('Old'), sure('Mill')],
      ]);
      const reread = await rereadUnsure(new SecondReader([]), { png: await printedPage(svg), ...PAGE }, words);
      return ocrLines(reread.words, PAGE.width).split('\n').at(-1);
    };
    expect(await addressLine('17B', 80)).to.equal('Unit 17B The Old Mill');
    expect(await addressLine('178', 80)).to.equal('Unit 178 The Old Mill');
    expect(await addressLine('17B', 96), 'OCR sure of its 8').to.equal('Unit 17B The Old Mill');
    // Its strokes thinned, the B is only some 0.83 like the page's Bs, and 0.58 like its 8s: still a B.
    expect(await addressLine('17B', 92, true), 'faint ink').to.equal('Unit 17B The Old Mill');
    expect(await addressLine('178', 92, true), 'faint ink').to.equal('Unit 178 The Old Mill');
    const { words, svg } = printedWords([
      [sure('Balance'), sure('2019.58'), sure('BACS'), sure('3906.48')],
      [sure('Paid'), { text: '18', drawn: '1B', confidence: 80 }, sure('August')],
    ]);
    const dated = await rereadUnsure(new SecondReader([]), { png: await printedPage(svg), ...PAGE }, words);
    expect(ocrLines(dated.words, PAGE.width).split('\n').at(-1), 'a day before its month').to.equal('Paid 18 August');
  });

  /** A word of glyphs at the given left and right edges, as OCR boxed them. */
  const boxed = (glyphs: Array<[string, number, number]>): OcrWord => ({
    text: glyphs.map(([c]) => c).join(''),
    box: [glyphs[0]![1], 400, glyphs.at(-1)![2], 430],
    line: 5,
    confidence: 45,
    symbols: glyphs.map(([text, left, right]) => ({ text, box: [left, 400, right, 430] as Box })),
  });
  /** A company number's word as the page reads it after its label. */
  const readNumber = async (word: OcrWord) =>
    (await rereadUnsure(new SecondReader([]), { png: await blankPage(), ...PAGE }, [...lineOf(['Company', 'number'], 5), word])).words.at(
      -1,
    )!.text;
  /** Digits `pitch` pixels apart, each `ink` pixels wide. */
  const digits = (text: string, left: number, pitch = 20, ink = 17): Array<[string, number, number]> =>
    [...text].map((c, i) => [c, left + i * pitch, left + i * pitch + ink]);

  it('when a company number is a doubled glyph too long, then the look-alike pair whose boxes span less than one character is read as one glyph, and printed pairs stay', async () => {
    const squeezed = boxed([['N', 400, 422], ['I', 427, 431], ['1', 432, 439], ...digits('781855', 442)]);
    expect(await readNumber(squeezed), 'its I and 1 no wider than one digit').to.equal('NI781855');
    const printed = boxed([['N', 400, 422], ['I', 427, 444], ...digits('1781855', 447)]);
    expect(await readNumber(printed), 'every glyph a character wide: the text cannot tell').to.equal('NI1781855');
    const trailing = boxed([['N', 400, 422], ['I', 427, 432], ...digits('14648', 438), ['S', 536, 545], ['5', 544, 552], [',', 547, 575]]);
    expect(await readNumber(trailing), 'its S and 5 one digit wide, kept as printed').to.equal('NI146485,');
  });

  it("when a company number holds two look-alike pairs and one spans wider than a digit's ink but less than the digits' pitch (a serif type's NI1249233), then that pair is read as one glyph", async () => {
    const serif = boxed([['N', 858, 881], ['I', 875, 887], ['1', 884, 892], ...digits('249233', 896, 19, 15)]);
    expect(await readNumber(serif), 'its I and 1 span 17 pixels, its 3s 34, at a pitch of 19').to.equal('NI249233');
  });

  it("when OCR printed an outward code's 1s as a run of l and 1 (CFl1), then the run is read as as many 1s as its ink holds stems, with no OCR", async () => {
    /** "CFl1 8LZ" as OCR read it over `drawn`'s glyphs: its l and 1 each on a glyph of their own, or split over one. */
    const read = async (drawn: string) => {
      const glyph = (i: number, from = -2, to = 28): Box => [100 + i * GLYPH_STEP + from, 166, 100 + i * GLYPH_STEP + to, 202];
      const run = drawn.length === 4 ? [glyph(2), glyph(3)] : [glyph(2, -2, 12), glyph(2, 13, 28)];
      const boxes = [glyph(0), glyph(1), ...run];
      const code: OcrWord = {
        text: 'CFl1',
        box: [boxes[0]![0], 166, boxes[3]![2], 202],
        line: 0,
        confidence: 40,
        symbols: [...'CFl1'].map((text, i) => ({ text, box: boxes[i]! })),
      };
      const inward: OcrWord = {
        text: '8LZ',
        box: [glyph(drawn.length + 1)[0], 166, glyph(drawn.length + 3)[2], 202],
        line: 0,
        confidence: 80,
        symbols: [...'8LZ'].map((text, i) => ({ text, box: glyph(drawn.length + 1 + i) })),
      };
      const glyphs = (text: string, from: number) =>
        [...text].map(
          (c, i) => `<text x="${100 + (from + i) * GLYPH_STEP}" y="200" font-family="DejaVu Sans Mono" font-size="40">${c}</text>`,
        );
      const svg = [...glyphs(drawn, 0), ...glyphs('8LZ', drawn.length + 1)].join('');
      const ocr = new SecondReader([]);
      const reread = await rereadUnsure(ocr, { png: await printedPage(svg), ...PAGE }, [code, inward]);
      expect(ocr.crops, drawn).to.have.length(0);
      return reread.reads;
    };
    expect(await read('CF11')).to.deep.equal([{ field: 'postcode', first: 'CFl1 8LZ', second: 'CF11 8LZ', kept: 'second' }]);
    expect(await read('CF1')).to.deep.equal([{ field: 'postcode', first: 'CFl1 8LZ', second: 'CF1 8LZ', kept: 'second' }]);
  });

  it("when the page prints none of the digits an inward code's doubtful glyph may be, then its line is read again by OCR", async () => {
    const { words, svg } = printedWords([
      [{ text: 'York', confidence: 96 }],
      [
        { text: 'YOl', confidence: 70 },
        { text: 'SNE', drawn: '9NE', confidence: 80 },
      ],
    ]);
    const ocr = new SecondReader([['YOl', '9NE']]);
    const reread = await rereadUnsure(ocr, { png: await printedPage(svg), ...PAGE }, words);
    expect(ocr.crops).to.have.length(1);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'YOl SNE', second: 'YOl 9NE', kept: 'second' }]);
  });

  it('when a postcode needed a repair and the closer reading reads a real one as printed, then the page keeps the second reading and records both', async () => {
    const words = [...lineOf(['Northway', 'House'], 0), ...lineOf(['Manchester', 'RM4O', '5NU'], 1, 70)];
    const ocr = new SecondReader([['Manchester', 'M4', '9NU']]);
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'RM4O 5NU', second: 'M4 9NU', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width).split('\n')).to.deep.equal(['Northway House', 'Manchester M4 9NU']);
    const crop = await sharp(ocr.crops[0]).metadata();
    expect(crop.height).to.be.above(60);
  });

  it('when the closer reading finds no postcode, then the first reading stands and the try is recorded', async () => {
    const words = lineOf(['Leeds', 'LSI1', '2AB'], 0, 60);
    const reread = await rereadUnsure(new SecondReader([['Leeds']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'LSI1 2AB', kept: 'first' }]);
    expect(reread.words).to.deep.equal(words);
  });

  it('when no repair reads a postcode-shaped pair of words, or the closer reading narrows the repairs, then the second reading is kept', async () => {
    const words = [...lineOf(['BRISTOL', 'BS2', '41S'], 0, 80), ...lineOf(['York', 'YO1l', 'S5WG'], 1, 80)];
    const reread = await rereadUnsure(
      new SecondReader([
        ['York', 'YOl', '5WG'],
        ['BRISTOL', 'BS2', '4JS'],
      ]),
      { png: await blankPage(), ...PAGE },
      words,
    );
    expect(reread.reads).to.deep.equal([
      { field: 'postcode', first: 'YO1l S5WG', second: 'YOl 5WG', kept: 'second' },
      { field: 'postcode', first: 'BS2 41S', second: 'BS2 4JS', kept: 'second' },
    ]);
    expect(ocrLines(reread.words, PAGE.width).split('\n')).to.deep.equal(['BRISTOL BS2 4JS', 'York YOl 5WG']);
  });

  it("when OCR lost a postcode's inward digit (M4 NU), then the closer reading is asked for it and kept when it reads a real postcode", async () => {
    const words = [...lineOf(['191', 'Park', 'Avenue'], 0), ...lineOf(['Manchester', 'M4', 'NU'], 1)];
    const reread = await rereadUnsure(new SecondReader([['Manchester', 'M4', '9NU']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'M4 NU', second: 'M4 9NU', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width).split('\n')).to.deep.equal(['191 Park Avenue', 'Manchester M4 9NU']);
  });

  it('when OCR barely read capitals shaped like a postcode (EST SYZ for LS1 5YZ), then the closer reading is asked for them and kept when it reads a real postcode as printed', async () => {
    const words = [...lineOf(['117', 'Church', 'Lane'], 0), ...lineOf(['Leeds'], 1), ...lineOf(['EST', 'SYZ'], 2, 11)];
    const ocr = new SecondReader([['LS15YZ']]);
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'EST SYZ', second: 'LS15YZ', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width).split('\n')).to.deep.equal(['117 Church Lane', 'Leeds', 'LS15YZ']);
  });

  it('when OCR was sure of capitals shaped like a postcode (ACME LTD), then they are not read again', async () => {
    const ocr = new SecondReader([]);
    await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, lineOf(['ACME', 'LTD'], 0, 93));
    expect(ocr.crops).to.have.length(0);
  });

  it('when both readings needed repairs and the closer one needed fewer, then the closer reading is kept', async () => {
    const words = lineOf(['York', 'YOIS', '5WG'], 0, 80);
    const reread = await rereadUnsure(new SecondReader([['York', 'YOl', '5WG']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'YOIS 5WG', second: 'YOl 5WG', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width)).to.equal('York YOl 5WG');
  });

  it('when the closer reading needed as many repairs as the first, then the first reading stands', async () => {
    const words = lineOf(['York', 'Y015', '5WG'], 0, 80);
    const reread = await rereadUnsure(new SecondReader([['York', 'YOl', '5WG']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'postcode', first: 'Y015 5WG', second: 'YOl 5WG', kept: 'first' }]);
    expect(reread.words).to.deep.equal(words);
  });

  it("when an unsure postcode stands on the issuer's line, then it is not read again", async () => {
    const ocr = new SecondReader([]);
    await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, lineOf(['Registered', 'office:', 'Leeds', 'LSI1', '2AB'], 0, 60));
    expect(ocr.crops).to.have.length(0);
  });

  it('when OCR was sure of a postcode read as printed, then nothing is read again', async () => {
    const ocr = new SecondReader([]);
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, lineOf(['Leeds', 'LS1', '4DY'], 0, 96));
    expect(ocr.crops).to.have.length(0);
    expect(reread.reads).to.deep.equal([]);
  });

  it('when a page holds more unsure postcodes than the limit, then only three lines are read again, the most doubtful first', async () => {
    const words = [1, 2, 3, 4, 5].flatMap((n) => lineOf(['Leeds', `LS${n}`, '4DY'], n, 50 + n));
    const ocr = new SecondReader([]);
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, words);
    expect(ocr.crops).to.have.length(3);
    expect(reread.reads.map((r) => r.first)).to.deep.equal(['LS1 4DY', 'LS2 4DY', 'LS3 4DY']);
  });
});

describe('reading: a second, closer reading of a labelled number that read nothing valid', () => {
  /** A form's row: its label at the left, its value in a column of its own, as OCR read them. */
  const row = (label: string[], value: string[], confidence: number) => [...lineOf(label, 2), ...lineOf(value, 2, confidence, 800)];

  it('when a VAT number beside its label read no run of digits whose check digits hold, then its cell is read again in black and white and kept when they hold', async () => {
    const svg = '<rect x="760" y="200" width="400" height="60" fill="#c8c8c8"/>';
    const words = row(['Registration', 'number'], ['79:7:', '22501747,'], 20);
    const ocr = new SecondReader([['797', '2571', '77']]);
    const reread = await rereadUnsure(ocr, { png: await printedPage(svg), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'vat_number', first: '79:7: 22501747,', second: '797 2571 77', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width)).to.include('797 2571 77');
    const { data } = await sharp(ocr.crops[0]).raw().toBuffer({ resolveWithObject: true });
    expect(
      [...new Set(data)].sort((a, b) => a - b),
      'only ink and paper',
    ).to.deep.equal([0, 255]);
  });

  it('when the second reading reads nothing valid either, then the first reading stands and the try is recorded', async () => {
    const words = row(['Registration', 'number'], ['79:7:', '22501747,'], 20);
    const reread = await rereadUnsure(new SecondReader([['io', 'SA', 'Uetly']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'vat_number', first: '79:7: 22501747,', kept: 'first' }]);
    expect(reread.words).to.deep.equal(words);
  });

  it('when a sort code after its label is a digit short, then its line is read again and the second kept where it has the shape', async () => {
    const words = lineOf(['Sort', 'code:', '04-30-5'], 0, 60);
    const reread = await rereadUnsure(new SecondReader([['Sort', 'code:', '04-30-52']]), { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'sort_code', first: '04-30-5', second: '04-30-52', kept: 'second' }]);
    expect(ocrLines(reread.words, PAGE.width)).to.equal('Sort code: 04-30-52');
  });

  it('when a company number printed under its label has no valid shape, then the cell under the label is read again', async () => {
    const words = [...lineOf(['Company', 'number'], 0), ...lineOf(['SC1Z34X67'], 1, 40)];
    const ocr = new SecondReader([['SC123467']]);
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, words);
    expect(reread.reads).to.deep.equal([{ field: 'company_number', first: 'SC1Z34X67', second: 'SC123467', kept: 'second' }]);
  });

  it("when OCR was sure of a number of the field's shape whose check digits fail (an issuer's own), or read a valid one, then nothing is read again", async () => {
    const ocr = new SecondReader([]);
    const words = [
      ...lineOf(['Leeds', 'LS1', '4DY.', 'VAT', 'No.', '550', '5374', '36'], 0, 96),
      ...row(['VAT', 'number'], ['797', '2571', '77'], 60),
    ];
    const reread = await rereadUnsure(ocr, { png: await blankPage(), ...PAGE }, words);
    expect(ocr.crops).to.have.length(0);
    expect(reread.reads).to.deep.equal([]);
  });
});
