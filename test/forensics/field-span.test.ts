import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { OcrWord } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { asPng, INK, ring, soundPage, syntheticWords, wordAt } from './synthetic-page';

const MAX_PIXELS = 10_000_000;
const ROW = 9;

/**
 * The page's words with row ROW's second and third words replaced by one field OCR split into `parts`
 * words of two digits each, a glyph's width apart: a postcode's halves, a date's parts. Without its
 * `label` (the row's first word) the field fills the row.
 */
function wordsWithSplitField({ label = true, parts = 2 } = {}): OcrWord[] {
  const { x, y } = wordAt(ROW, 1);
  const half = (text: string, at: number): OcrWord => {
    const symbols = [0, 1].map((i) => ({ text: '0', box: [at + i * 20, y, at + i * 20 + 14, y + 24] as [number, number, number, number] }));
    return { text, box: [at, y, at + 34, y + 24], line: ROW, confidence: 95, symbols };
  };
  const words = syntheticWords();
  const before = words.filter((w) => w.line < ROW || (label && w.line === ROW && w.box[0] < x));
  const split = Array.from({ length: parts }, (_, i) => half('00', x + i * 54));
  return [...before, ...split, ...words.filter((w) => w.line > ROW)];
}

async function textConsistency(draw: (data: Uint8Array, w: OcrWord) => void, words = wordsWithSplitField()): Promise<number> {
  const page = await soundPage(1, draw, words);
  const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
  return pixels.findings.find((f) => f.signal === 'text_consistency')!.value;
}

describe('forensics: a field OCR split into words', () => {
  it('when a field printed heavier than its row is read as two words beside each other, then neither half is judged against the other', async () => {
    const pasted = (w: OcrWord) => w.line === ROW && w.text === '00';
    const value = await textConsistency((data, w) => {
      for (const s of w.symbols) ring(data, s.box[0], s.box[1], pasted(w) ? 6 : 3);
    });
    expect(value, String(value)).to.be.greaterThan(pixelForensicsThresholds.text_consistency);
  });

  it("when a field read as two words beside a label is printed as dark as the page's darkest heading, then it is not excused as a lone bold value", async () => {
    const pasted = (w: OcrWord) => w.line === ROW && w.text === '00';
    const value = await textConsistency((data, w) => {
      for (const s of w.symbols) ring(data, s.box[0], s.box[1], 3, pasted(w) || w.line === 0 ? 0 : 2 * INK);
    });
    expect(value, String(value)).to.be.greaterThan(pixelForensicsThresholds.text_consistency);
  });

  it("when a field read as three words fills a row of its own, printed as dark as the page's darkest heading, then it is excused as a lone bold value", async () => {
    // A date written out under its label ("12th November 2026"): each word's row mates are the date's own parts.
    const pasted = (w: OcrWord) => w.line === ROW && w.text === '00';
    const value = await textConsistency(
      (data, w) => {
        for (const s of w.symbols) ring(data, s.box[0], s.box[1], 3, pasted(w) || w.line === 0 ? 0 : 2 * INK);
      },
      wordsWithSplitField({ label: false, parts: 3 }),
    );
    expect(value, String(value)).to.be.below(pixelForensicsThresholds.text_consistency);
  });

  it('when a field read as two words beside each other is printed like its row, then its print is not flagged', async () => {
    const value = await textConsistency((data, w) => {
      for (const s of w.symbols) ring(data, s.box[0], s.box[1], 3);
    });
    expect(value).to.be.below(pixelForensicsThresholds.text_consistency / 2);
  });
});
