import sharp from 'sharp';
import type { Box } from '../../ocr/port';
import type { Grey } from './grey';
import { grow } from './measures';

const MAX_WIDTH = 480;

/** The region around `box` with the box outlined in red, small enough to show beside a check. */
export async function evidenceCrop(page: Grey, box: Box, twin?: Box): Promise<Buffer> {
  const margin = Math.max(24, box[3] - box[1]);
  const around = grow(
    twin ? [Math.min(box[0], twin[0]), Math.min(box[1], twin[1]), Math.max(box[2], twin[2]), Math.max(box[3], twin[3])] : box,
    margin,
    page,
  );
  const [x0, y0, x1, y1] = around;
  const width = x1 - x0;
  const height = y1 - y0;
  const rect = (b: Box, colour: string) =>
    `<rect x="${b[0] - x0}" y="${b[1] - y0}" width="${b[2] - b[0]}" height="${b[3] - b[1]}" fill="none" stroke="${colour}" stroke-width="3"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rect(box, '#e00000')}${twin ? rect(twin, '#f08000') : ''}</svg>`;
  const drawing = sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .extract({ left: x0, top: y0, width, height })
    .toColourspace('srgb')
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }]);
  // A crop narrow enough to show as it is needs no shrinking: drawn and encoded in one pass.
  if (width <= MAX_WIDTH) return drawing.png().toBuffer();
  // sharp resizes before it composites, so the box is drawn first and the result shrunk after. The drawn
  // crop is handed over as raw pixels: encoding it as a PNG only to decode it again cost most of the crop.
  const drawn = await drawing.raw().toBuffer({ resolveWithObject: true });
  return sharp(drawn.data, { raw: { width: drawn.info.width, height: drawn.info.height, channels: drawn.info.channels } })
    .resize({ width: MAX_WIDTH })
    .png()
    .toBuffer();
}
