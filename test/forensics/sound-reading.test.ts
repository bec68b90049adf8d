import { expect } from 'chai';
import sharp from 'sharp';
import { pixelChecks } from '../../worker/forensics/pixels/checks';
import type { PagePixels } from '../../worker/forensics/pixels/types';
import type { Box } from '../../worker/ocr/port';
import { ocrPage } from '../../worker/pipeline/read-page';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { eachSoundPage, MAX_PIXELS, overlaps, type ReadingCase } from './reading-pages';

/**
 * Sound pages of the reading corpus (`fixtures/layouts*.ts`, seed 14) that raised `pixel_text` before
 * the text check compared a value with print it is comparable to: a company number in body text after
 * a bold label; a VAT number and date printed bold, each alone on its line; a scan's two-digit day
 * whose few inner ink pixels were all flat; a photo's date whose baseline was judged on the tilted photo.
 */
const CASES: ReadingCase[] = [
  { type: 'certificate_of_incorporation', layout: 'classic', rendering: 'scan_image', seed: 14100044 },
  { type: 'vat_registration_certificate', layout: 'vatLetter', rendering: 'scan_image', seed: 14101045 },
  { type: 'bank_statement', layout: 'letterheadGrid', rendering: 'scan_image', seed: 14102045 },
  { type: 'certificate_of_incorporation', layout: 'classic', rendering: 'photo_jpeg', seed: 14200044 },
];

/**
 * The word's box painted paper and its print drawn again as a text tool draws: the pixels darker
 * than half-way to paper flat black, the rest flat paper. Saved as a PNG, so the rest of the page is untouched.
 */
async function retyped(image: Buffer, box: Box): Promise<Buffer> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => y * info.width + x;
  const inside: number[] = [];
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++) inside.push(data[at(x, y)]!);
  inside.sort((a, b) => a - b);
  const paper = inside[Math.floor(inside.length * 0.85)]!;
  const mid = (paper + inside[Math.floor(inside.length * 0.03)]!) / 2;
  for (let y = box[1]; y < box[3]; y++) for (let x = box[0]; x < box[2]; x++) data[at(x, y)] = data[at(x, y)]! < mid ? 0 : paper;
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png()
    .toBuffer();
}

interface Read {
  name: string;
  sound: PagePixels;
  forged: PagePixels;
  box: Box;
}

describe('forensics: pixel checks on sound scans and photos of the reading corpus', () => {
  const reads: Read[] = [];

  before(async function () {
    this.timeout(600_000);
    await eachSoundPage(CASES, async (c, { bytes, pixels: sound }, sameReading) => {
      const text = sound.findings.find((f) => f.signal === 'text_consistency')!;
      // The value the page's text check looked at hardest, retyped where it stands.
      const forgedBytes = await retyped(bytes, text.box);
      const forged = (await ocrPage(sameReading, forgedBytes, { maxPixels: MAX_PIXELS })).pixels!;
      reads.push({ name: `${c.layout} ${c.rendering} ${c.seed}`, sound, forged, box: text.box });
    });
  });

  it('when a sound scan or photo whose lone or bold values differ from the page body is read, then no pixel check raises anything', () => {
    expect(reads).to.have.length(CASES.length);
    for (const r of reads) {
      const alarms = pixelChecks([{ number: 1, pixels: r.sound }], pixelForensicsThresholds).filter((c) => c.status === 'warn');
      expect(
        alarms.map((c) => `${c.id} ${String(c.evidence.word)} ${String(c.evidence.measure)}=${String(c.evidence.value)}`),
        r.name,
      ).to.deep.equal([]);
    }
  });

  it('when a value on the same page is retyped with a text tool, then the text check warns naming its box', () => {
    for (const r of reads) {
      const text = pixelChecks([{ number: 1, pixels: r.forged }], pixelForensicsThresholds).find((c) => c.id === 'forensics.pixel_text')!;
      expect(text.status, `${r.name}: ${JSON.stringify(text.evidence)}`).to.equal('warn');
      expect(overlaps(r.box, text.evidence.box as { left: number; top: number; right: number; bottom: number }), r.name).to.equal(true);
    }
  });
});
