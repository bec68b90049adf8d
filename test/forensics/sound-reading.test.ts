import { expect } from 'chai';
import sharp from 'sharp';
import { pixelChecks } from '../../worker/forensics/pixels/checks';
import type { PagePixels } from '../../worker/forensics/pixels/types';
import type { ImageInput } from '../../worker/images/clean';
import type { Box } from '../../worker/ocr/port';
import { pixelForensicsThresholds } from '../../worker/verification/policy';
import { editable, eachSoundPage, overlaps, readEdited, type ReadingCase } from './reading-pages';

/**
 * Sound pages of the reading corpus (`fixtures/layouts*.ts`, seed 14) that raised `pixel_text` before
 * the text check compared a value with print it is comparable to: a company number in body text after
 * a bold label; a VAT number and date printed bold, each alone on its line; a scan's two-digit day
 * whose few inner ink pixels were all flat; a photo's date whose baseline was judged on the tilted photo.
 * Then (`make verified-rate`, seed 23) a bill's date set bold under its label, the page's only bold
 * print at its size, darker than the body text, on a scan and an image-only PDF. Then (`make
 * forensics-sound`, seed 31) the window scan on a photo's page corner: paper near white beside the
 * desk, its grain clipped at 255 and then flattened by the JPEG.
 */
const CASES: ReadingCase[] = [
  { type: 'certificate_of_incorporation', layout: 'classic', rendering: 'scan_image', seed: 14100044 },
  { type: 'vat_registration_certificate', layout: 'vatLetter', rendering: 'scan_image', seed: 14101045 },
  { type: 'bank_statement', layout: 'letterheadGrid', rendering: 'scan_image', seed: 14102045 },
  { type: 'certificate_of_incorporation', layout: 'classic', rendering: 'photo_jpeg', seed: 14200044 },
  { type: 'utility_bill', layout: 'sideBySideAddresses', rendering: 'scan_image', seed: 23203072 },
  { type: 'utility_bill', layout: 'sideBySideAddresses', rendering: 'image_pdf', seed: 23103072 },
  { type: 'certificate_of_incorporation', layout: 'bilingual', rendering: 'photo_jpeg', seed: 31200095 },
];

/** The pages the window scan raised on: a field painted over there is still its to name. */
const WINDOW_SCAN_SEEDS = [31200095];

const sharpOf = (image: ImageInput) =>
  Buffer.isBuffer(image)
    ? sharp(image)
    : sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });

/**
 * The word's box painted paper and its print drawn again as a text tool draws: the pixels darker
 * than half-way to paper flat black, the rest flat paper. Saved as a PNG, so the rest of the page is untouched.
 */
async function retyped(image: ImageInput, box: Box): Promise<Buffer> {
  const { data, info } = await sharpOf(image).greyscale().raw().toBuffer({ resolveWithObject: true });
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

/** The word's box and a margin painted flat with its paper's colour, as a field is erased: a PNG, so only the patch changes. */
async function painted(image: ImageInput, box: Box): Promise<Buffer> {
  const { data, info } = await sharpOf(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const patch: Box = [box[0] - PAINT_MARGIN, box[1] - PAINT_MARGIN, box[2] + PAINT_MARGIN, box[3] + PAINT_MARGIN];
  const around: number[] = [];
  for (let y = patch[1]; y < patch[3]; y++) for (let x = patch[0]; x < patch[2]; x++) around.push(data[y * info.width + x]!);
  const paper = around.sort((a, b) => a - b)[Math.floor(around.length * 0.75)]!;
  for (let y = patch[1]; y < patch[3]; y++) data.fill(paper, y * info.width + patch[0], y * info.width + patch[2]);
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png()
    .toBuffer();
}

/** How far past the word a forger's paint reaches (pixels). */
const PAINT_MARGIN = 6;

interface Read {
  name: string;
  sound: PagePixels;
  forged: PagePixels;
  /** The value painted over, on the pages the window scan raised on before. */
  erased?: PagePixels;
  box: Box;
}

describe('forensics: pixel checks on sound scans, photos and image-only PDFs of the reading corpus', () => {
  const reads: Read[] = [];

  before(async function () {
    this.timeout(600_000);
    await eachSoundPage(CASES, async (c, page, sameReading) => {
      const sound = page.pixels;
      const text = sound.findings.find((f) => f.signal === 'text_consistency')!;
      // The value the page's text check looked at hardest, retyped where it stands (on a PDF, in its scan).
      const forged = await readEdited(sameReading, page, await retyped(editable(page), text.box));
      const erased = WINDOW_SCAN_SEEDS.includes(c.seed)
        ? await readEdited(sameReading, page, await painted(editable(page), text.box))
        : undefined;
      reads.push({ name: `${c.layout} ${c.rendering} ${c.seed}`, sound, forged, erased, box: text.box });
    });
  });

  it('when a sound scan, photo or image-only PDF whose lone or bold values differ from the page body is read, then no pixel check raises anything', () => {
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

  it('when a value is painted over with the colour of its paper on a page the window scan raised on before, then it warns naming its box', () => {
    const erased = reads.filter((r) => r.erased);
    expect(erased).to.have.length(WINDOW_SCAN_SEEDS.length);
    for (const r of erased) {
      const region = pixelChecks([{ number: 1, pixels: r.erased }], pixelForensicsThresholds).find(
        (c) => c.id === 'forensics.pixel_region',
      )!;
      expect(region.status, `${r.name}: ${JSON.stringify(region.evidence)}`).to.equal('warn');
      expect(overlaps(r.box, region.evidence.box as { left: number; top: number; right: number; bottom: number }), r.name).to.equal(true);
    }
  });
});
