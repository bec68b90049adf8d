import { loadPdfJs, type PDFDocumentProxy } from '../../pdf/document';
import { coversPage, IDENTITY, times, type Matrix } from '../../pdf/placement';

/** A page's scanned image in its own pixels, as the scanner or phone saved it into the PDF. */
export interface PageScan {
  data: Buffer;
  width: number;
  height: number;
  /** 1 when the scan was decoded straight to grey (`embeddedScan`). */
  channels: 1 | 3 | 4;
}

/** pdf.js's decoded image kinds: 2 is 24-bit RGB, 3 is 32-bit RGBA (1, packed 1-bit grey, carries no grain). */
const CHANNELS: Record<number, 3 | 4> = { 2: 3, 3: 4 };

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The one image an image-only page is made of, decoded at its own resolution: rendering would resample
 * it, smoothing away the grain, the JPEG blocks and the crispness that tell an edit from the scan. Undefined
 * when the page is not a single upright full-page image, or the image is too large to decode safely.
 * Call before rendering the page: pdf.js then decodes the image once for both.
 */
export async function pageScan(pdf: PDFDocumentProxy, pageNumber: number, maxPixels: number): Promise<PageScan | undefined> {
  const { OPS } = await loadPdfJs();
  const page = await pdf.getPage(pageNumber);
  if (page.rotate % 360 !== 0) return undefined;
  const list = await page.getOperatorList();
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  const painted: { name: string; ctm: Matrix }[] = [];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = times(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject) painted.push({ name: args[0] as string, ctm });
  });
  if (painted.length !== 1) return undefined;
  const { name, ctm: at } = painted[0]!;
  if (!coversPage(at, page.view)) return undefined;
  const image = (name.startsWith('g_') ? page.commonObjs.get(name) : page.objs.get(name)) as DecodedImage | undefined;
  const channels = CHANNELS[image?.kind ?? 0];
  if (!image?.data || !channels || image.width * image.height > maxPixels) return undefined;
  if (image.data.length !== image.width * image.height * channels) return undefined;
  return {
    data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    width: image.width,
    height: image.height,
    channels,
  };
}
