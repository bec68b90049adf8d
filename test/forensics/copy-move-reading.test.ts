import { expect } from 'chai';
import sharp from 'sharp';
import { pixelChecks } from '../../worker/forensics/pixels/checks';
import type { PagePixels, PixelFinding } from '../../worker/forensics/pixels/types';
import type { Box } from '../../worker/ocr/port';
import { ocrPage } from '../../worker/pipeline/read-page';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { eachSoundPage, MAX_PIXELS, overlaps, type ReadingCase } from './reading-pages';

/**
 * Sound VAT certificates of the reading corpus (`make verified-rate`, seed 23) on which copy-move
 * once warned: two prints of one digit by the same printer (side by side in a table cell of a grain-poor
 * scan; one above the other in a photo's frame) share the halo and JPEG ringing of the glyph's shape,
 * which the grain measure took for shared paper; and two photos whose side-by-side digits of one word
 * (the 2s of "2026", the 5s of "55.67p") share grain 0.63 and 0.39 while no nearer than prints typically are.
 */
const CASES: ReadingCase[] = [
  { type: 'vat_registration_certificate', layout: 'vatGrid', rendering: 'scan_image', seed: 23201072 },
  { type: 'vat_registration_certificate', layout: 'vatIssuerFrame', rendering: 'photo_jpeg', seed: 23301069 },
  { type: 'bank_statement', layout: 'twoColumn', rendering: 'photo_jpeg', seed: 23302073 },
  { type: 'utility_bill', layout: 'twoColumn', rendering: 'photo_jpeg', seed: 23303074 },
];

/** The glyph at `to` replaced by a copy of the one at `from` with a little paper round it, the page saved again as a JPEG. */
async function cloned(image: Buffer, from: Box, to: Box): Promise<Buffer> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const m = 3;
  const copy = Buffer.from(data);
  for (let y = -m; y < from[3] - from[1] + m; y++)
    for (let x = -m; x < from[2] - from[0] + m; x++)
      copy[(to[1] + y) * info.width + to[0] + x] = data[(from[1] + y) * info.width + from[0] + x]!;
  return sharp(copy, { raw: { width: info.width, height: info.height, channels: 1 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const copyMoveOf = (pixels: PagePixels) =>
  pixelChecks([{ number: 1, pixels }], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_copy_move')!;

describe('forensics: copy-move on sound pages of the reading corpus', () => {
  const reads: { name: string; sound: PagePixels; clone: PagePixels; pair: PixelFinding }[] = [];

  before(async function () {
    this.timeout(600_000);
    await eachSoundPage(CASES, async (c, { bytes, pixels: sound }, sameReading) => {
      const pair = sound.findings.find((f) => f.signal === 'copy_move')!;
      if (c.rendering !== 'scan_image') {
        reads.push({ name: `${c.layout} ${c.rendering}`, sound, clone: sound, pair });
        return;
      }
      const forged = await cloned(bytes, pair.twin!, pair.box);
      const clone = (await ocrPage(sameReading, forged, { maxPixels: MAX_PIXELS })).pixels!;
      reads.push({ name: `${c.layout} ${c.rendering}`, sound, clone, pair });
    });
  });

  it('when two prints of the same digit by the same printer share their glyph shape, then copy-move raises nothing', () => {
    expect(reads).to.have.length(CASES.length);
    for (const r of reads) {
      const check = copyMoveOf(r.sound);
      expect(check.status, `${r.name}: ${JSON.stringify(check.evidence)}`).to.equal('pass');
    }
  });

  it('when the most alike digit of the scan is replaced by a copy of its twin and the page saved as a JPEG, then copy-move names the copy', () => {
    const r = reads.find((x) => x.name.includes('scan_image'))!;
    const check = copyMoveOf(r.clone);
    expect(check.status, JSON.stringify(check.evidence)).to.equal('warn');
    const named = [check.evidence.box, check.evidence.copy_of] as { left: number; top: number; right: number; bottom: number }[];
    expect(named.some((b) => overlaps(r.pair.box, b))).to.equal(true);
  });
});
