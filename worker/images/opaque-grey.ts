import { endianness } from 'node:os';
import sharp from 'sharp';
import type { GreyImage } from './deskew';

/** The raw pixels a PDF page is rendered to. */
export interface RgbaPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
}

/** Each grey level as libvips flattens and greys an opaque pixel of it, worked out once. */
let levels: Promise<Buffer> | undefined;

function levelsThroughLibvips(): Promise<Buffer> {
  const probe = Buffer.alloc(256 * 4, 255);
  for (let level = 0; level < 256; level++) probe.fill(level, level * 4, level * 4 + 3);
  return sharp(probe, { raw: { width: 256, height: 1, channels: 4 } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer();
}

const greyLevels = () => (levels ??= levelsThroughLibvips());

/** An opaque grey pixel read as one little-endian word: alpha 255 over three equal bytes. */
const opaque = (level: number) => (0xff000000 | (level * 0x010101)) >>> 0;

/**
 * A rendered page's grey, when every pixel is an opaque grey (a grey scan drawn on the canvas), as
 * libvips' flatten and grey conversion give it: both work pixel by pixel, so the 256 greys put
 * through them once answer for every pixel, where converting the page itself went through floating
 * point per pixel (some 60 ms of CPU for a page at 200 dpi against a few here). Undefined for a page
 * with colour or transparency in it, which libvips converts as before.
 */
export async function opaqueGrey(page: RgbaPixels): Promise<GreyImage | undefined> {
  const { data, width, height } = page;
  if (endianness() !== 'LE' || data.byteOffset % 4 !== 0) return undefined;
  const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const grey = Buffer.allocUnsafeSlow(words.length);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const level = word & 0xff;
    if (word !== opaque(level)) return undefined;
    grey[i] = level;
  }
  const map = await greyLevels();
  for (let i = 0; i < grey.length; i++) grey[i] = map[grey[i]!]!;
  return { data: grey, width, height };
}
