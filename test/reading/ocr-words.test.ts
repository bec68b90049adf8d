import { expect } from 'chai';
import { wordsFromTsv } from '../../worker/ocr/words';

/** A TSV row as tesseract writes it: level, page, block, paragraph, line, word, left, top, width, height, confidence, text. */
const tsvRow = (level: number, line: number, word: number, box: number[], confidence: number, text = '') =>
  [level, 1, 1, 1, line, word, ...box, confidence.toFixed(6), text].join('\t');

/** A box row: text, left, bottom, right, top (y up from the foot of a page `height` high), page. */
const boxRow = (text: string, [left, top, right, bottom]: number[], height: number) =>
  `${text} ${left} ${height - bottom} ${right} ${height - top} 0`;

const HEIGHT = 1000;

describe('reading: OCR words from TSV and box output', () => {
  const tsv = [
    tsvRow(1, 0, 0, [0, 0, 800, HEIGHT], -1),
    tsvRow(4, 1, 0, [100, 50, 200, 30], -1),
    tsvRow(5, 1, 1, [100, 50, 40, 30], 96.999998, 'HM'),
    tsvRow(5, 1, 2, [160, 52, 140, 28], 0.5, 'Ltd.'),
    tsvRow(4, 2, 0, [100, 120, 30, 30], -1),
    tsvRow(5, 2, 1, [100, 120, 30, 30], 88.25, '£5'),
  ].join('\n');
  const symbols: Array<[string, number[]]> = [
    ['H', [100, 50, 120, 80]],
    ['M', [120, 50, 140, 80]],
    ['L', [160, 52, 180, 80]],
    ['t', [180, 52, 200, 80]],
    ['d', [200, 52, 290, 80]],
    ['.', [290, 70, 300, 80]],
    ['£', [100, 120, 115, 150]],
    ['5', [115, 120, 130, 150]],
  ];
  const box = symbols.map(([text, b]) => boxRow(text, b, HEIGHT)).join('\n');

  it('when the TSV and box outputs describe a page, then each word gets its box, line, whole-number confidence and its symbols top-down', () => {
    const words = wordsFromTsv(tsv, box);
    expect(words?.map((w) => [w.text, w.box, w.line, w.confidence])).to.deep.equal([
      ['HM', [100, 50, 140, 80], 0, 96],
      ['Ltd.', [160, 52, 300, 80], 0, 0],
      ['£5', [100, 120, 130, 150], 1, 88],
    ]);
    expect(words?.flatMap((w) => w.symbols)).to.deep.equal(symbols.map(([text, b]) => ({ text, box: b })));
  });

  it('when a word holds a space, which the box output writes as "~", then its symbol keeps the space', () => {
    const page = [
      tsvRow(1, 0, 0, [0, 0, 800, HEIGHT], -1),
      tsvRow(4, 1, 0, [0, 0, 20, 10], -1),
      tsvRow(5, 1, 1, [0, 0, 20, 10], 50, 'a b'),
    ];
    const spaced = ['a', '~', 'b'].map((t, i) => boxRow(t, [i * 7, 0, i * 7 + 6, 10], HEIGHT)).join('\n');
    expect(wordsFromTsv(page.join('\n'), spaced)?.[0]?.symbols.map((s) => s.text)).to.deep.equal(['a', ' ', 'b']);
  });

  it('when the box output lacks a symbol of a word, then no words are made from it, so the page is read the other way', () => {
    const missing = symbols.filter(([text]) => text !== 't').map(([text, b]) => boxRow(text, b, HEIGHT));
    expect(wordsFromTsv(tsv, missing.join('\n'))).to.equal(null);
  });

  it('when the box output has symbols no word spells, then no words are made from it', () => {
    expect(wordsFromTsv(tsv, `${box}\n${boxRow('x', [400, 400, 410, 410], HEIGHT)}`)).to.equal(null);
  });

  it('when a symbol has no text, so that it could end one word or start the next, then no words are made from it', () => {
    const blank = symbols.map(([text, b]) => boxRow(text, b, HEIGHT));
    blank.splice(2, 0, boxRow('', [140, 50, 150, 80], HEIGHT));
    expect(wordsFromTsv(tsv, blank.join('\n'))).to.equal(null);
  });
});
