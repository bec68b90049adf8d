import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';
import { coversPage, IDENTITY, times, type Matrix } from './placement';

/** A page's one image, as the scanner or phone compressed it: the JPEG's own bytes, not yet decoded. */
export interface PageJpeg {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** The colour spaces whose JPEG decodes to what pdf.js would paint. */
const PLAIN_COLOUR = new Set(['/DeviceGray', '/DeviceRGB']);

/** Names and numbers (operands), operators, and any other character (strings, arrays, comments: not a scanner's page). */
const TOKEN = /\/[^\s/<>[\]()%{}]*|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z]+|\S/g;
const OPERAND = /^[-+.\d/]/;

/**
 * The one image a page's content paints and where: a page that only saves, restores, transforms and
 * paints one XObject, as scanners write theirs. Anything else on the page (text, paths, a second
 * image) leaves it to the renderer.
 */
function paintedImage(content: string): { name: string; ctm: Matrix } | undefined {
  let ctm = IDENTITY;
  const saved: Matrix[] = [];
  const operands: string[] = [];
  let painted: { name: string; ctm: Matrix } | undefined;
  for (const [token] of content.matchAll(TOKEN)) {
    if (OPERAND.test(token)) {
      operands.push(token);
      continue;
    }
    if (token === 'q') saved.push(ctm);
    else if (token === 'Q') ctm = saved.pop() ?? ctm;
    else if (token === 'cm' && operands.length === 6) ctm = times(ctm, operands.map(Number) as Matrix);
    else if (token === 'Do' && operands.length === 1 && !painted) painted = { name: operands[0]!.slice(1), ctm };
    else return undefined;
    operands.length = 0;
  }
  return painted;
}

/** The page's content streams decoded and joined; undefined when one is not a plain stream. */
function contentOf(page: PDFPage): string | undefined {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  let text = '';
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return undefined;
    text += `${Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')}\n`;
  }
  return text;
}

/** A baseline JPEG of 8 bits a component in grey or RGB, with nothing (mask, decode map, colour transform) laid over it. */
function jpegOf(stream: PDFRawStream): PageJpeg | undefined {
  const { dict } = stream;
  const entry = (key: string) => dict.lookup(PDFName.of(key));
  const filter = entry('Filter');
  const filters = filter instanceof PDFArray ? filter.asArray().map(String) : [String(filter)];
  const plain = ['Mask', 'SMask', 'Decode', 'DecodeParms', 'ImageMask'].every((key) => !dict.has(PDFName.of(key)));
  const [width, height] = [entry('Width'), entry('Height')];
  if (String(entry('Subtype')) !== '/Image' || filters.join() !== '/DCTDecode' || !plain) return undefined;
  if (!PLAIN_COLOUR.has(String(entry('ColorSpace'))) || String(entry('BitsPerComponent')) !== '8') return undefined;
  if (!(width instanceof PDFNumber) || !(height instanceof PDFNumber)) return undefined;
  return { bytes: stream.contents, width: width.asNumber(), height: height.asNumber() };
}

/**
 * The JPEG an image-only page is made of, when the page is that one image drawn upright over the
 * whole of it: decoding it natively costs a fraction of pdf.js decoding it in JavaScript and painting
 * it. `view` is the page's visible box as pdf.js reads it; `index` is 0-based.
 */
export function pageJpeg(doc: PDFDocument, index: number, view: number[]): PageJpeg | undefined {
  const page = doc.getPage(index);
  if (page.getRotation().angle % 360 !== 0 || (page.node.Annots()?.size() ?? 0) > 0) return undefined;
  const content = contentOf(page);
  const drawn = content === undefined ? undefined : paintedImage(content);
  if (!drawn || !coversPage(drawn.ctm, view)) return undefined;
  const stream = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.lookup(PDFName.of(drawn.name));
  return stream instanceof PDFRawStream ? jpegOf(stream) : undefined;
}

/** Parses a PDF's objects (no stream is decoded) for `pageJpeg`; undefined when pdf-lib cannot read it or it is encrypted. */
export async function jpegSource(bytes: Uint8Array): Promise<PDFDocument | undefined> {
  return PDFDocument.load(bytes, { updateMetadata: false }).catch(() => undefined);
}
