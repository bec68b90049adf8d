import { expect } from 'chai';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import type { Grey } from '../../worker/forensics/pixels/grey';
import { resaveFinding, type ResaveWord } from '../../worker/forensics/pixels/resave';
import type { PixelFinding } from '../../worker/forensics/pixels/types';
import { lumaTable } from '../../worker/pdf/embedded-scan';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { printingBold, retype, saveAsScanner, soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

/** The compression check's finding on the page as an image-only PDF's embedded JPEG hands it over: its pixels and its table. */
async function compressionOf(page: SyntheticPage, jpeg: Buffer): Promise<PixelFinding> {
  const input = { data: page.grey, width: page.width, height: page.height, channels: 1 as const };
  const geometry = { degrees: 0, width: page.width };
  const { pixels } = await analysePage(input, page.words, geometry, MAX_PIXELS, true, page.words, undefined, lumaTable(jpeg));
  return pixels.findings.find((f) => f.signal === 'compression')!;
}

/** A value set bold after its regular label on every other row's end: bold print rings more under a JPEG than body text. */
const BOLD_VALUES = new Set(Array.from({ length: 11 }, (_, i) => 2 * i * 3 + 2));

describe("forensics: one more JPEG save at the page's own table", () => {
  it('when the JPEG table is read off the file, then it is the luma table the file was saved with', async () => {
    const page = await soundPage();
    const table = lumaTable(await saveAsScanner(page));
    expect(table).to.have.length(64);
    // Annex K's luma DC step 16, scaled by libjpeg's quality 75 (factor 0.5).
    expect(table![0]).to.equal(8);
    expect(lumaTable(Buffer.from('not a jpeg'))).to.equal(undefined);
  });

  it("when a JPEG's table claims more steps than its segment holds (a crafted file), then no table is read", async () => {
    const jpeg = Buffer.from(await saveAsScanner(await soundPage()));
    const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    // The first table says its steps take two bytes each: 128 bytes, where its segment holds 64 for each table.
    jpeg[dqt + 4] = jpeg[dqt + 4]! | 0x10;
    expect(lumaTable(jpeg)).to.equal(undefined);
  });

  it("when a field is retyped between a page's two saves, then the compression check names its box", async () => {
    const page = await soundPage();
    await saveAsScanner(page);
    const word = wordOf(page, 9, 1);
    retype(page, word, 3);
    const jpeg = await saveAsScanner(page);
    const finding = await compressionOf(page, jpeg);
    expect(finding.measure).to.equal('changed_most_by_one_more_save');
    expect(finding.box).to.deep.equal(word.box);
    expect(finding.value).to.be.greaterThan(pixelForensicsThresholds.compression);
  });

  it('when a sound page sets some values bold and is saved twice, then the compression check stays quiet', async () => {
    const page = await soundPage(1, printingBold(BOLD_VALUES));
    await saveAsScanner(page);
    const finding = await compressionOf(page, await saveAsScanner(page));
    expect(finding.value).to.be.at.most(pixelForensicsThresholds.compression);
  });

  it('when the page carries no JPEG table (an upload, a rendered page), then the one-more-save measure is not taken', async () => {
    const page = await soundPage();
    await saveAsScanner(page);
    retype(page, wordOf(page, 9, 1), 3);
    await saveAsScanner(page);
    const input = { data: page.grey, width: page.width, height: page.height, channels: 1 as const };
    const { pixels } = await analysePage(input, page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
    expect(pixels.findings.map((f) => f.measure)).not.to.include('changed_most_by_one_more_save');
  });
});

/** A row of words, each 8 blocks of 8x8 pixels on one block row: `busy` of them noise about mid grey, the rest flat mid grey (unmoved by any save). */
function blockWords(busy: readonly number[]): Grey {
  const width = 8 * 8 * busy.length;
  const data = new Uint8Array(width * 8).fill(128);
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % 97;
  };
  busy.forEach((n, w) => {
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8 * n; x++) data[y * width + w * 64 + x] = 80 + noise();
  });
  return { data, width, height: 8 };
}

describe('forensics: one more save, a field against few peers', () => {
  it("when a field's only four peers of its size move unlike one another, then it is measured in their spread, not the page's narrower one", () => {
    // Twelve words alike (a tight page), four fields moving from little to much, and one field a little past their middle.
    const busy = [...Array<number>(12).fill(4), 1, 2, 5, 8, 6];
    const page = blockWords(busy);
    const words: ResaveWord[] = busy.map((_, i) => ({
      box: [i * 64, 0, i * 64 + 64, 8],
      word: i < 12 ? 'word' : '1234',
      size: 20,
      weight: 0.2,
      matters: i >= 12,
      field: i >= 12,
    }));
    const finding = resaveFinding(page, new Array<number>(64).fill(24), words);
    expect(finding?.value ?? 0).to.be.at.most(pixelForensicsThresholds.compression);
  });
});
