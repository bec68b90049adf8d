import zlib from 'node:zlib';
import type { Config } from '../config';
import { PermanentError } from '../errors';

/** How much of a PDF is read before it is refused; pdf.js itself has no bound on any of these. */
export interface PdfLimits {
  /** Bytes one stream may inflate to. */
  maxStreamBytes: number;
  /** Bytes all streams together may inflate to (images aside: their pixels are bounded when drawn). */
  maxInflatedBytes: number;
  /** Operators in all content streams together. */
  maxOperators: number;
  /** Text runs read from one page's text layer. */
  maxTextItems: number;
  /** Pixels rendered for OCR over the whole document. */
  maxRenderPixels: number;
}

export function pdfLimitsOf(
  config: Pick<
    Config,
    'PDF_MAX_STREAM_BYTES' | 'PDF_MAX_INFLATED_BYTES' | 'PDF_MAX_OPERATORS' | 'PDF_MAX_TEXT_ITEMS' | 'PDF_MAX_RENDER_PIXELS'
  >,
): PdfLimits {
  return {
    maxStreamBytes: config.PDF_MAX_STREAM_BYTES,
    maxInflatedBytes: config.PDF_MAX_INFLATED_BYTES,
    maxOperators: config.PDF_MAX_OPERATORS,
    maxTextItems: config.PDF_MAX_TEXT_ITEMS,
    maxRenderPixels: config.PDF_MAX_RENDER_PIXELS,
  };
}

export function pdfTooComplex(what: string, limit: number): PermanentError {
  return new PermanentError('pdf_too_complex', `The PDF is too complex to read safely: ${what} (the limit is ${limit}).`, { limit });
}

interface RawStream {
  dict: string;
  data: Buffer;
}

/** Far enough back to hold any stream's dictionary. */
const DICT_WINDOW = 4096;

/**
 * Every `stream … endstream` body with the dictionary written before it, found in the raw bytes.
 * Broken cross-references do not matter here: the bytes are scanned, not parsed.
 */
function* rawStreams(bytes: Buffer): Generator<RawStream> {
  const text = bytes.toString('latin1');
  let at = 0;
  for (;;) {
    const keyword = text.indexOf('stream', at);
    if (keyword < 0) return;
    at = keyword + 6;
    if (text.startsWith('end', keyword - 3)) continue;
    let body = at;
    if (text[body] === '\r') body++;
    if (text[body] === '\n') body++;
    if (body === at) continue;
    const end = text.indexOf('endstream', body);
    if (end < 0) return;
    const before = text.slice(Math.max(0, keyword - DICT_WINDOW), keyword);
    yield { dict: before.slice(before.lastIndexOf('obj') + 1), data: bytes.subarray(body, end) };
    at = end + 9;
  }
}

/** Leading FlateDecode filters of a stream (a chain like [/FlateDecode /FlateDecode] nests bombs). */
function flateLayers(dict: string): number {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1] ?? '';
  const names = filter.match(/\/[A-Za-z0-9]+/g) ?? [];
  let layers = 0;
  while (names[layers] === '/FlateDecode' || names[layers] === '/Fl') layers++;
  return layers;
}

/** Streams pdf.js never reads as content: fonts, metadata, attachments, cross-reference and object streams. */
const NOT_CONTENT = /\/(?:Length[123]|Type\s*\/(?:XRef|ObjStm|Metadata|EmbeddedFile)|Subtype\s*\/(?:Type1C|CIDFontType0C|OpenType|XML))\b/;
/** Image pixels are bounded where they are drawn (`maxImageSize`), so their streams are left alone. */
const IMAGE = /\/Subtype\s*\/Image\b/;

/**
 * Counts operators in content-stream bytes as they stream past: a token that starts with a letter
 * (or a quote) outside strings, names, comments and hex strings is an operator.
 */
class OperatorCounter {
  count = 0;
  private depth = 0;
  private escaped = false;
  private comment = false;
  private hex = false;
  private angle = false;
  private inToken = false;

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.comment) {
        if (b === 0x0a || b === 0x0d) this.comment = false;
      } else if (this.depth > 0) {
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x28) this.depth++;
        else if (b === 0x29) this.depth--;
      } else if (this.hex) {
        if (b === 0x3e) this.hex = false;
      } else {
        this.token(b);
      }
    }
  }

  private token(b: number): void {
    if (this.angle) {
      this.angle = false;
      // `<<` opens a dictionary; `<` followed by anything else opens a hex string.
      if (b !== 0x3c) {
        this.hex = b !== 0x3e;
        return;
      }
    }
    if (b === 0x25) this.comment = true;
    else if (b === 0x28) this.depth = 1;
    else if (b === 0x3c) this.angle = true;
    if (b <= 0x20 || b === 0x25 || b === 0x28 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d) {
      this.inToken = false;
      return;
    }
    if (this.inToken) return;
    this.inToken = true;
    const letter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x27 || b === 0x22;
    if (letter) this.count++;
  }
}

interface Budget {
  limits: PdfLimits;
  inflated: number;
  operators: OperatorCounter;
}

/** Feeds a stream's decoded bytes to `sink`, inflating its Flate layers, and stops at the per-stream limit. */
async function decode(stream: RawStream, budget: Budget, sink: (chunk: Buffer) => void): Promise<void> {
  const layers = flateLayers(stream.dict);
  if (layers === 0) {
    sink(stream.data);
    return;
  }
  // A cut-off stream is read as far as it goes, as pdf.js does; the rest is pdf.js's to judge.
  const inflaters = Array.from({ length: layers }, () => zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  for (let i = 0; i + 1 < inflaters.length; i++) inflaters[i]!.pipe(inflaters[i + 1]!);
  const last = inflaters.at(-1)!;
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const stop = (error?: Error) => {
      for (const z of inflaters) z.destroy();
      if (error) reject(error);
      else resolve();
    };
    last.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget.limits.maxStreamBytes) return stop(pdfTooComplex('a stream inflates past its limit', budget.limits.maxStreamBytes));
      try {
        sink(chunk);
      } catch (error) {
        stop(error as Error);
      }
    });
    last.on('end', () => stop());
    for (const z of inflaters) z.on('error', () => stop());
    inflaters[0]!.end(stream.data);
  });
}

/**
 * Refuses, before pdf.js sees it, a PDF whose streams inflate past their limits or whose content
 * streams hold more operators than allowed: pdf.js would inflate and interpret them all, holding
 * the whole result in memory.
 */
export async function checkPdfLimits(bytes: Buffer, limits: PdfLimits): Promise<void> {
  const budget: Budget = { limits, inflated: 0, operators: new OperatorCounter() };
  for (const stream of rawStreams(bytes)) {
    if (IMAGE.test(stream.dict)) continue;
    const content = !NOT_CONTENT.test(stream.dict);
    await decode(stream, budget, (chunk) => {
      budget.inflated += chunk.length;
      if (budget.inflated > limits.maxInflatedBytes) throw pdfTooComplex('its streams inflate past the limit', limits.maxInflatedBytes);
      if (!content) return;
      budget.operators.feed(chunk);
      if (budget.operators.count > limits.maxOperators)
        throw pdfTooComplex('its pages hold too many drawing and text operators', limits.maxOperators);
    });
  }
}
