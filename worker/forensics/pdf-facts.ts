import type { PdfFacts } from '../domain';
import { loadPdfJs, openPdf } from '../pdf/document';

/** Annotation kinds that never change what is printed: links and form fields' own popups. */
const BENIGN_ANNOTATIONS = new Set(['Link', 'Popup']);

const STREAM_KEYWORD = /\bstream\r?\n/g;

/**
 * The file with every stream's body left out. Stream bodies are data (compressed images, fonts), where
 * random bytes can spell any keyword: about one image-only PDF in fifty "contained" /JS. A body is
 * skipped by its object's direct /Length, or up to its endstream when the length is a reference.
 */
function outsideStreams(raw: string): string {
  const kept: string[] = [];
  let from = 0;
  STREAM_KEYWORD.lastIndex = 0;
  for (let match = STREAM_KEYWORD.exec(raw); match; match = STREAM_KEYWORD.exec(raw)) {
    const bodyStart = match.index + match[0].length;
    const dictionary = raw.slice(Math.max(from, raw.lastIndexOf('obj', match.index)), match.index);
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary)?.[1];
    const end = length !== undefined ? bodyStart + Number(length) : raw.indexOf('endstream', bodyStart);
    kept.push(raw.slice(from, bodyStart));
    from = end < bodyStart ? raw.length : end;
    STREAM_KEYWORD.lastIndex = from;
  }
  kept.push(raw.slice(from));
  return kept.join('');
}

/**
 * Structure read straight from the bytes, outside stream bodies. Every incremental save appends a
 * new xref section ending in %%EOF; a linearized file carries one extra section by design.
 */
export function scanPdfBytes(bytes: Buffer) {
  const raw = outsideStreams(bytes.toString('latin1'));
  const eofs = raw.match(/%%EOF/g)?.length ?? 0;
  const linearized = /\/Linearized\b/.test(raw.slice(0, 2048));
  return {
    incremental_updates: Math.max(0, eofs - 1 - (linearized && eofs > 1 ? 1 : 0)),
    has_javascript: /\/(JavaScript|JS)\b/.test(raw),
    embedded_files: raw.match(/\/EmbeddedFile\b/g)?.length ?? 0,
    encrypted: /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(raw),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Producer, creator and dates from pdf.js, plus what the raw scan finds. */
export async function readPdfFacts(bytes: Buffer, maxPages: number): Promise<PdfFacts> {
  const scan = scanPdfBytes(bytes);
  const pdfjs = await loadPdfJs();
  const pdf = await openPdf(bytes, maxPages);
  try {
    const meta = await pdf.getMetadata();
    const info = meta.info as Record<string, unknown>;
    const metadata = meta.metadata as { get(name: string): unknown } | null;
    const date = (value: unknown) => {
      const s = text(value);
      return s ? (pdfjs.PDFDateString.toDateObject(s)?.toISOString() ?? undefined) : undefined;
    };
    const attachments = await pdf.getAttachments();
    const scripts = await pdf.getJSActions();
    let annotations = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const annots = (await page.getAnnotations()) as { subtype?: string }[];
      annotations += annots.filter((a) => !BENIGN_ANNOTATIONS.has(a.subtype ?? '')).length;
      page.cleanup();
    }
    return {
      producer: text(info.Producer) ?? text(metadata?.get('pdf:producer')),
      creator: text(info.Creator) ?? text(metadata?.get('xmp:creatortool')),
      created_at: date(info.CreationDate),
      modified_at: date(info.ModDate),
      incremental_updates: scan.incremental_updates,
      has_javascript: scan.has_javascript || Boolean(scripts && Object.keys(scripts).length > 0),
      embedded_files: Math.max(scan.embedded_files, attachments ? Object.keys(attachments).length : 0),
      annotations,
      encrypted: scan.encrypted,
    };
  } finally {
    await pdf.loadingTask.destroy();
  }
}
