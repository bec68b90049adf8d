import type { GreyImage } from './deskew';

/**
 * A grey page as a binary PGM (P5): its raw pixels behind a one-line header. Tesseract's image
 * reader (Leptonica) takes these bytes as they are, byte for byte the pixels a PNG of the page
 * decodes to, so the page is neither compressed here nor decompressed in the OCR worker.
 */
export function toPgm(image: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  return Buffer.concat([header, image.data], header.length + image.data.length);
}
