import { expect } from 'chai';
import sharp from 'sharp';
import { analysePage } from '../../worker/forensics/pixels/analyse';
import { toPageBox } from '../../worker/forensics/pixels/grey';
import type { PagePixels, PixelSignal } from '../../worker/forensics/pixels/types';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { asPng, cloneGlyph, namesPair, pasteJpegPatch, retype, soundPage, wordOf, type SyntheticPage } from './synthetic-page';

const MAX_PIXELS = 10_000_000;

async function measure(page: SyntheticPage): Promise<PagePixels> {
  const { pixels } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
  return pixels;
}

const finding = (p: PagePixels, signal: PixelSignal) => p.findings.find((f) => f.signal === signal)!;
const flagged = (p: PagePixels, signal: PixelSignal) => finding(p, signal).value > pixelForensicsThresholds[signal];

describe('forensics: pixel signals on synthetic pages', () => {
  it('when a page is printed and scanned evenly, then no signal passes its threshold', async () => {
    const pixels = await measure(await soundPage());
    for (const signal of ['text_consistency', 'background', 'copy_move', 'compression', 'region'] as const)
      expect(flagged(pixels, signal), signal).to.equal(false);
    expect(pixels.grain).to.be.greaterThan(2);
  });

  it('when a lossless page shows no JPEG block grid, then no JPEG history is read from it; when the same page arrives as a JPEG, it is', async () => {
    const page = await soundPage();
    const png = await asPng(page);
    const lossless = finding((await analysePage(png, page.words, { degrees: 0, width: page.width }, MAX_PIXELS)).pixels, 'compression');
    expect(lossless.detail?.coefficients).to.equal(0);
    expect(lossless.detail?.double_quantisation).to.equal(0);
    const jpeg = await sharp(png).jpeg({ quality: 90 }).toBuffer();
    const saved = finding((await analysePage(jpeg, page.words, { degrees: 0, width: page.width }, MAX_PIXELS)).pixels, 'compression');
    expect(saved.detail?.coefficients).to.be.greaterThan(0);
  });

  it('when OCR joins two printed rows into one line (columns side by side), then no word is judged against the other row', async () => {
    const page = await soundPage();
    const lower = [wordOf(page, 10, 1), wordOf(page, 10, 2)];
    const joined = { ...page, words: page.words.map((w) => (lower.includes(w) ? { ...w, line: 9 } : w)) };
    expect(flagged(await measure(joined), 'text_consistency')).to.equal(false);
  });

  it('when a field is painted over and retyped, then the background flags its box and the print singles it out', async () => {
    const sound = await measure(await soundPage());
    const page = await soundPage();
    const word = wordOf(page, 9, 1);
    retype(page, word, 5);
    const pixels = await measure(page);
    expect(flagged(pixels, 'background')).to.equal(true);
    expect(finding(pixels, 'background').box).to.deep.equal(word.box);
    expect(finding(pixels, 'text_consistency').box).to.deep.equal(word.box);
    expect(finding(pixels, 'text_consistency').value).to.be.greaterThan(2 * finding(sound, 'text_consistency').value);
  });

  it('when two fields are painted over and retyped, then the page keeps the one not its worst as a runner-up of the text and background signals', async () => {
    const page = await soundPage();
    const retyped = [wordOf(page, 9, 1), wordOf(page, 15, 2)];
    retype(page, retyped[0]!, 5);
    retype(page, retyped[1]!, 4, 25);
    const pixels = await measure(page);
    for (const signal of ['text_consistency', 'background'] as const) {
      const worst = finding(pixels, signal);
      const kept = (pixels.runners_up ?? []).filter((f) => f.signal === signal);
      expect(
        [worst, ...kept].map((f) => f.box),
        signal,
      ).to.deep.include.members(retyped.map((w) => w.box));
      expect(
        kept.every((f) => f.value <= worst.value && f.detail === undefined),
        signal,
      ).to.equal(true);
    }
  });

  it('when a patch of paper is painted where OCR read no word, then the window scan names a region on it', async () => {
    const page = await soundPage();
    // Between the second and third columns, below the last line: no word box comes near it.
    const patch: [number, number, number, number] = [600, 920, 760, 970];
    for (let y = patch[1]; y < patch[3]; y++) page.grey.fill(228, y * page.width + patch[0], y * page.width + patch[2]);
    const pixels = await measure(page);
    const region = finding(pixels, 'region');
    expect(flagged(pixels, 'region')).to.equal(true);
    expect(region.box[0] < patch[2] && patch[0] < region.box[2] && region.box[1] < patch[3] && patch[1] < region.box[3]).to.equal(true);
  });

  it('when a page has too few words to form a norm, then its paper is still judged', async () => {
    const page = await soundPage();
    const patch: [number, number, number, number] = [300, 300, 460, 350];
    for (let y = patch[1]; y < patch[3]; y++) page.grey.fill(228, y * page.width + patch[0], y * page.width + patch[2]);
    const { pixels } = await analysePage(await asPng(page), page.words.slice(0, 5), { degrees: 0, width: page.width }, MAX_PIXELS);
    expect(pixels.findings.map((f) => f.signal)).to.deep.equal(['region']);
    expect(flagged(pixels, 'region')).to.equal(true);
  });

  it('when a digit is cloned from elsewhere on the page, then the copy and its source are named', async () => {
    const page = await soundPage();
    const from = wordOf(page, 3, 0).symbols[1]!.box;
    const to = wordOf(page, 15, 2).symbols[2]!.box;
    cloneGlyph(page, from, to);
    const pixels = await measure(page);
    const copy = finding(pixels, 'copy_move');
    expect(flagged(pixels, 'copy_move')).to.equal(true);
    expect(namesPair(copy, from, to), JSON.stringify(copy)).to.equal(true);
  });

  it('when a region carries a JPEG grid the rest of the page lacks, then compression singles it out', async () => {
    const sound = await measure(await soundPage());
    const page = await soundPage();
    const word = wordOf(page, 12, 0);
    await pasteJpegPatch(page, [word.box[0] - 21, word.box[1] - 19, word.box[2] + 19, word.box[3] + 21], 30);
    const pixels = await measure(page);
    expect(finding(pixels, 'compression').box).to.deep.equal(word.box);
    expect(finding(pixels, 'compression').value).to.be.greaterThan(1.5 * finding(sound, 'compression').value);
  });

  it('when a region is pictured, then its picture shows it outlined in red, small enough to show beside the check', async () => {
    const page = await soundPage();
    retype(page, wordOf(page, 4, 2), 5);
    const { pixels, crops } = await analysePage(await asPng(page), page.words, { degrees: 0, width: page.width }, MAX_PIXELS);
    const [crop] = await crops([{ of: 'background', box: finding(pixels, 'background').box }]);
    const { data, info } = await sharp(crop!.png).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).to.be.at.most(480);
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 200 && data[i + 1]! < 60 && data[i + 2]! < 60) red++;
    expect(red).to.be.greaterThan(100);
  });

  it('when the OCR image was straightened and scaled, then its boxes map back onto the original page', () => {
    const page = { data: new Uint8Array(0), width: 400, height: 300 };
    // A point at (304.5, 54.5) on the page lands at (324.45, 80.75) after sharp rotates it 5 degrees.
    const [x0, y0] = toPageBox([324.45, 80.75, 324.45, 80.75], { degrees: 5, width: 425.1 }, page);
    expect(x0).to.be.within(303, 306);
    expect(y0).to.be.within(53, 56);
    const [sx0, sy0] = toPageBox([200, 100, 210, 110], { degrees: 0, width: 800 }, page);
    expect([sx0, sy0]).to.deep.equal([100, 50]);
  });
});
