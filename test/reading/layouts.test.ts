import { expect } from 'chai';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { randomCompany } from '../../fixtures/companies';
import { placeRuns, textPdf } from '../../fixtures/render';
import { LAYOUTS, layoutDocument, type DocumentSpec, type FixtureType } from '../../fixtures/layouts';
import { Rng } from '../../fixtures/random';
import { readTextLayer } from '../../worker/pdf/text-layer';

/** A statement's grid whose last cell, set in Courier, is longer than the room left to its right. */
function gridWithLongLastCell(): DocumentSpec {
  const at = (x: number, text: string) => ({ text, x, y: 700, size: 10 });
  return {
    family: 'courier',
    pages: [{ runs: [at(40, '35-06-18'), at(211, '33986031'), at(383, '1 September 2026 to 30 September 2026')], rules: [] }],
    truth: { document_type: 'bank_statement', fields: {} },
  };
}

const FONTS = {
  helvetica: [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  times: [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  courier: [StandardFonts.Courier, StandardFonts.CourierBold],
} as const;

describe('reading corpus: how layouts are printed', () => {
  it('when a layout puts text too long for the room to its right, then the PDF still prints all of it on the page', async () => {
    const { pages } = await readTextLayer(await textPdf(gridWithLongLastCell(), 'test'), 1);
    expect(pages[0]).to.include('30 September 2026');
    expect(pages[0]).to.include('33986031');
  });

  it('when any layout is printed in any font for any company, then no text on a line runs into the next and none is set below 5 points', async () => {
    const doc = await PDFDocument.create();
    const fonts = Object.fromEntries(
      await Promise.all(
        Object.entries(FONTS).map(async ([family, pair]) => [family, await Promise.all(pair.map((f) => doc.embedFont(f)))]),
      ),
    );
    const clashes: string[] = [];
    for (const type of Object.keys(LAYOUTS) as FixtureType[]) {
      for (const layout of Object.keys(LAYOUTS[type])) {
        for (let seed = 0; seed < 60; seed++) {
          const rng = new Rng(seed);
          const spec = layoutDocument(type, randomCompany(rng), rng, seed % 2 === 0, layout, '2026-11-30');
          for (const { runs } of spec.pages) {
            const placed = placeRuns(runs, (run) => fonts[spec.family]![run.bold ? 1 : 0]!);
            runs.forEach((a, i) => {
              const pa = placed[i]!;
              if (pa.size < 5) clashes.push(`${type}/${layout}: "${a.text}" set at ${pa.size.toFixed(1)} pt`);
              runs.forEach((b, j) => {
                const pb = placed[j]!;
                const sameLine = Math.abs(a.y - b.y) < Math.min(pa.size, pb.size) * 0.8;
                if (i !== j && sameLine && pa.x <= pb.x && pa.x + pa.width > pb.x)
                  clashes.push(`${type}/${layout}/${spec.family}: "${a.text}" runs into "${b.text}"`);
              });
            });
          }
        }
      }
    }
    expect([...new Set(clashes)]).to.deep.equal([]);
  });
});
