import { loadPdfJs, type PDFDocumentProxy } from '../../pdf/document';

/** A page's scanned image in its own pixels, as the scanner or phone saved it into the PDF. */
export interface PageScan {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

type Matrix = [number, number, number, number, number, number];

/** `m` then `n`, as PDF concatenates a `cm` onto the current transformation matrix. */
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** An image drawn upright over (nearly) the whole page, as a scan is. */
const COVER_TOLERANCE = 0.02;

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
  const [vx0, vy0, vx1, vy1] = page.view;
  const list = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
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
  const near = (a: number, b: number, size: number) => Math.abs(a - b) <= size * COVER_TOLERANCE;
  const covers =
    at[1] === 0 &&
    at[2] === 0 &&
    near(at[0], vx1 - vx0, vx1 - vx0) &&
    near(at[3], vy1 - vy0, vy1 - vy0) &&
    near(at[4], vx0, vx1 - vx0) &&
    near(at[5], vy0, vy1 - vy0);
  if (!covers) return undefined;
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
