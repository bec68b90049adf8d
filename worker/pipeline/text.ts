import type { PageInfo } from '../domain';
import { PermanentError } from '../errors';
import { imagePages } from './image-pages';
import { ocrPage } from './read-page';
import type { OcrEngine } from '../ocr/port';
import { metrics } from '../telemetry/metrics';
import { asPdfError, openPdf, type PDFDocumentProxy } from '../pdf/document';
import { checkPdfLimits, pdfTooComplex, type PdfLimits } from '../pdf/limits';
import { embeddedScan } from '../pdf/embedded-scan';
import { renderPage } from '../pdf/render';
import { isUsableText, pageText } from '../pdf/text-layer';
import type { PixelThresholds } from '../forensics/pixels/checks';
import type { PixelPage } from '../forensics/pixels/types';
import { pageScan, type PageScan } from '../forensics/pixels/page-scan';
import type { ImageInput } from '../images/clean';
import type { PipelineState, Stage } from './types';

export interface TextStageOptions {
  maxPages: number;
  /** Resolution for rendering pages that have no usable text layer. */
  renderDpi: number;
  /** Pixel bound for decoded images and rendered pages. */
  maxImagePixels: number;
  ocr: OcrEngine;
  /** Bounds on what a PDF may make pdf.js do; none when absent (trusted input: tests, benchmarks). */
  limits?: PdfLimits;
  /** Characters kept of each line read, so every match on the text later is bounded. */
  maxLineChars?: number;
  /** The policy's pixel thresholds: only the regions of the checks they raise get a picture. */
  pixelThresholds?: PixelThresholds;
}

/** What reading one document reports as it goes: its progress, and pages it must render and OCR. */
interface Reporting {
  progress: (fraction: number) => Promise<void>;
  pagesToRead?: (count: number) => void;
}

interface PageResult {
  text: string;
  info: PageInfo;
  pixels?: PixelPage;
}

/** Runs `work` over 1..count with at most `limit` in flight, keeping page order. */
async function mapPages<T>(count: number, limit: number, work: (n: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 1;
  const lanes = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next <= count) {
      const n = next++;
      results[n - 1] = await work(n);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Pixels rendered so far for one document, refused past the document's limit. */
function renderBudget(limit: number) {
  let used = 0;
  return (pixels: number) => {
    used += pixels;
    if (used > limit) throw pdfTooComplex('its pages need more pixels to render than allowed', limit);
  };
}

/**
 * What OCR and the pixel checks read of a page without usable text: a scanner's page (one JPEG drawn
 * over all of it at the rendering's resolution or finer) off its JPEG, decoded natively to grey; any other page rendered, with its embedded
 * full-page scan (if it is one) for the pixel checks, which judge only a scan's own pixels. Reading
 * pdf.js's decoded scan for OCR raised a 20-page scan's peak memory from 505 to 650 MiB: pdf.js keeps
 * a page's decoded images until the page is cleaned up, which only rendering did.
 */
export async function pageImage(
  pdf: PDFDocumentProxy,
  n: number,
  options: Pick<TextStageOptions, 'renderDpi' | 'maxImagePixels'>,
  spend: (pixels: number) => void = () => {},
): Promise<{ image: ImageInput; scan?: PageScan; quantisation?: number[] }> {
  const render = { dpi: options.renderDpi, maxPixels: options.maxImagePixels, reserve: spend };
  const embedded = await embeddedScan(pdf, n, render);
  if (embedded) return { image: embedded, scan: embedded, quantisation: embedded.quantisation };
  const scan = await pageScan(pdf, n, options.maxImagePixels).catch(() => undefined);
  const image = await renderPage(pdf, n, render);
  return { image, scan };
}

async function readPdfPage(
  pdf: PDFDocumentProxy,
  n: number,
  options: TextStageOptions,
  spend: (pixels: number) => void,
  report: Reporting,
): Promise<PageResult> {
  const layer = await pageText(pdf, n, options.limits?.maxTextItems);
  if (isUsableText(layer)) return { text: layer, info: { number: n, source: 'text_layer', chars: layer.length } };
  report.pagesToRead?.(1);
  const { image, scan, quantisation } = await pageImage(pdf, n, options, spend);
  const page = await ocrPage(options.ocr, image, {
    maxPixels: options.maxImagePixels,
    scan,
    quantisation,
    pixelThresholds: options.pixelThresholds,
  });
  return { text: page.text, info: { number: n, ...page.info }, pixels: { number: n, pixels: page.pixels, crops: page.crops } };
}

async function readPdf(bytes: Buffer, state: PipelineState, options: TextStageOptions, report: Reporting): Promise<void> {
  if (options.limits) await checkPdfLimits(bytes, options.limits);
  const pdf = await openPdf(bytes, options.maxPages, options.maxImagePixels);
  try {
    let done = 0;
    const spend = renderBudget(options.limits?.maxRenderPixels ?? Infinity);
    // Rendering holds one page bitmap per lane, so lanes follow the OCR pool rather than the page count.
    const lanes = Math.max(1, options.ocr.size);
    const pages = await mapPages(pdf.numPages, lanes, async (n) => {
      const page = await readPdfPage(pdf, n, options, spend, report);
      await report.progress(++done / pdf.numPages);
      return page;
    });
    state.page_texts = pages.map((p) => p.text);
    state.pages = pages.map((p) => p.info);
    state.pixel_pages = pages.flatMap((p) => (p.pixels ? [p.pixels] : []));
  } catch (error) {
    throw error instanceof PermanentError ? error : asPdfError(error);
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** Reads an uploaded image: each of a multi-page TIFF's pages, as a PDF's pages are read. */
async function readImage(bytes: Buffer, state: PipelineState, options: TextStageOptions, report: Reporting): Promise<void> {
  const limits = { maxPages: options.maxPages, maxPixels: options.maxImagePixels, maxTotalPixels: options.limits?.maxRenderPixels };
  const images = await imagePages(bytes, limits);
  report.pagesToRead?.(images.count);
  let done = 0;
  const pages = await mapPages(images.count, Math.max(1, options.ocr.size), async (n) => {
    const page = await ocrPage(options.ocr, await images.page(n), {
      maxPixels: options.maxImagePixels,
      pixelThresholds: options.pixelThresholds,
    });
    await report.progress(++done / images.count);
    return page;
  });
  state.page_texts = pages.map((p) => p.text);
  state.pages = pages.map((p, i) => ({ number: i + 1, ...p.info }));
  state.pixel_pages = pages.map((p, i) => ({ number: i + 1, pixels: p.pixels, crops: p.crops }));
}

/** Cuts every line to `max` characters: a crafted line of millions of runs stays one short line. */
export function capLines(text: string, max: number): string {
  return text
    .split('\n')
    .map((line) => (line.length > max ? line.slice(0, max) : line))
    .join('\n');
}

/**
 * Reads the words of the document: the PDF text layer where a page has one, otherwise the page
 * rendered, cleaned and OCR'd; uploaded images are cleaned and OCR'd.
 */
export function textStage(options: TextStageOptions): Stage {
  return {
    name: 'text',
    weight: 10,
    async run({ bytes, state, document, progress, pagesToRead }) {
      if (document.previous) {
        state.page_texts = document.previous.page_texts;
        state.pages = document.previous.page_info;
        return;
      }
      const report = { progress, pagesToRead };
      if (state.file?.mime === 'application/pdf') await readPdf(bytes, state, options, report);
      else await readImage(bytes, state, options, report);
      const maxLine = options.maxLineChars;
      if (maxLine) state.page_texts = state.page_texts.map((text) => capLines(text, maxLine));
      metrics().ocrPages(state.pages.filter((p) => p.source === 'ocr').length);
    },
  };
}
