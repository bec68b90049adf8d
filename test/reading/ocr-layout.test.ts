import { expect } from 'chai';
import sharp from 'sharp';
import { cleanImage } from '../../worker/images/clean';
import { findPage, type Quad } from '../../worker/images/perspective';
import { ocrLines } from '../../worker/ocr/lines';
import type { OcrWord } from '../../worker/ocr/port';

const word = (text: string, line: number, x0: number, x1: number): OcrWord => ({
  text,
  line,
  box: [x0, line * 40, x1, line * 40 + 24],
  confidence: 90,
  symbols: [],
});

/** A line's words, each piece's from where it starts, 16 pixels a letter and a 12-pixel space apart. */
function cells(line: number, ...pieces: Array<[string, number]>): OcrWord[] {
  return pieces.flatMap(([text, x]) => {
    let left = x;
    return text.split(' ').map((t) => {
      const w = word(t, line, left, left + t.length * 16);
      left = w.box[2] + 12;
      return w;
    });
  });
}

/** A light page (with a dark block of "text") drawn in perspective on a dark table. */
async function photographedPage(corners: Quad): Promise<Buffer> {
  const points = corners.map(([x, y]) => `${x},${y}`).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1300">
    <rect width="1000" height="1300" fill="#3a3a3a"/>
    <polygon points="${points}" fill="#ece6d8"/>
    <rect x="300" y="400" width="400" height="30" fill="#222"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

describe('reading: page layout from OCR and photos', () => {
  it('when OCR words on one line are far apart, then a tab separates them as in a text layer, and right-hand lines start with one', () => {
    const text = ocrLines(
      [
        word('ORCHARD', 0, 100, 260),
        word('PLC', 0, 270, 330),
        word('Bill', 0, 1100, 1160),
        word('date', 0, 1170, 1250),
        word('Trade', 1, 1100, 1200),
        word('class', 1, 1210, 1300),
      ],
      2000,
    );
    expect(text).to.equal('ORCHARD PLC\tBill date\n\tTrade class');
  });

  it("when OCR reads a line's last characters as a line of another block, then they are joined back to it, and a column beside it stays apart", () => {
    const at = (text: string, line: number, row: number, x0: number, x1: number): OcrWord => ({
      ...word(text, line, x0, x1),
      box: [x0, row * 40, x1, row * 40 + 24],
    });
    const text = ocrLines(
      [
        at('MEADOW', 0, 0, 100, 240),
        at('LIMITED', 0, 0, 260, 370),
        at('Bill', 1, 0, 1100, 1160),
        at('date', 1, 0, 1180, 1260),
        at('November', 1, 0, 1300, 1420),
        at('202', 1, 0, 1445, 1488),
        at('Period', 2, 1, 1100, 1200),
        at('6', 3, 0, 1493, 1504),
      ],
      2000,
    );
    expect(text).to.equal('MEADOW LIMITED\n\tBill date November 2026\n\tPeriod');
  });

  it("when a left column's long line runs closer to the right column than a column's gap, then it is still cut where the right column starts on the rows beside it", () => {
    const text = ocrLines(
      [
        ...cells(0, ['PENNINE VALLEY DENTAL CARE LIMITED', 100], ['VAT reg. no. 611904217', 670]),
        ...cells(1, ['211 Albion Way', 100], ['Date of issue', 670]),
        ...cells(2, ['Manchester', 100], ['Effective date', 673]),
      ],
      2000,
    );
    expect(text.split('\n')).to.deep.equal([
      'PENNINE VALLEY DENTAL CARE LIMITED\tVAT reg. no. 611904217',
      '211 Albion Way\tDate of issue',
      'Manchester\tEffective date',
    ]);
  });

  it('when one line of prose has a wider space than its others, but no line beside it has a gap there, then it stays one line', () => {
    const text = ocrLines([...cells(0, ['You must', 100], ['show your', 264]), ...cells(1, ['number on all invoices.', 100])], 2000);
    expect(text).to.equal('You must show your\nnumber on all invoices.');
  });

  it('when a photo shows a page in perspective on a darker table, then its four corners are found', async () => {
    const corners: Quad = [
      [80, 60],
      [930, 110],
      [900, 1240],
      [60, 1200],
    ];
    const { data, info } = await sharp(await photographedPage(corners))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const found = findPage({ data, width: info.width, height: info.height });
    expect(found).to.not.equal(undefined);
    found!.forEach(([x, y], i) => {
      expect(Math.hypot(x - corners[i]![0], y - corners[i]![1]), `corner ${i}`).to.be.below(12);
    });
  });

  it('when a photographed page is cleaned, then it is made upright at the page size and its corners are kept', async () => {
    const cleaned = await cleanImage(
      await photographedPage([
        [80, 60],
        [930, 110],
        [900, 1240],
        [60, 1200],
      ]),
      { maxPixels: 10_000_000 },
    );
    expect(cleaned.perspective?.width).to.be.within(830, 870);
    expect(cleaned.perspective?.height).to.be.within(1120, 1160);
  });

  it('when a scan fills the frame with paper, then no page is looked for and the image is left in place', async () => {
    const scan = await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#f4f2ee' } })
      .jpeg()
      .toBuffer();
    expect((await cleanImage(scan, { maxPixels: 10_000_000 })).perspective).to.equal(undefined);
  });
});
