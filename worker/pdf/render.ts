import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import type { PageViewport } from 'pdfjs-dist/types/src/display/page_viewport';
import type { PDFDocumentProxy } from './document';

export interface RenderOptions {
  dpi: number;
  /** Upper bound on width x height; the resolution drops to stay within it. */
  maxPixels: number;
  /** Told the page's pixel count before anything is drawn; throwing stops the render. */
  reserve?: (pixels: number) => void;
}

/** A rendered page as raw RGBA pixels, ready for sharp without an encode/decode round trip. */
export interface RenderedPage {
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
  dpi: number;
}

/** The resolution to render at: the asked-for dpi unless that would exceed the pixel bound. */
export function renderScale(widthPt: number, heightPt: number, { dpi, maxPixels }: RenderOptions): number {
  const wanted = dpi / 72;
  const bounded = Math.sqrt(maxPixels / Math.max(1, widthPt * heightPt));
  return Math.min(wanted, bounded);
}

/** The page's size in pixels when rendered with `options`, and the viewport that draws it so. */
export function renderSize(page: PDFPageProxy, options: RenderOptions): { viewport: PageViewport; width: number; height: number } {
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: renderScale(base.width, base.height, options) });
  return { viewport, width: Math.max(1, Math.floor(viewport.width)), height: Math.max(1, Math.floor(viewport.height)) };
}

/** Renders one page onto a white canvas (PDF pages are transparent; OCR wants paper). */
export async function renderPage(pdf: PDFDocumentProxy, pageNumber: number, options: RenderOptions): Promise<RenderedPage> {
  const page = await pdf.getPage(pageNumber);
  try {
    const { viewport, width, height } = renderSize(page, options);
    options.reserve?.(width * height);
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    const pixels = context.getImageData(0, 0, width, height).data;
    // The canvas's native surface is invisible to V8's heap accounting, so GC comes late for it;
    // shrinking it frees the page's bitmap now rather than pages later.
    canvas.width = 1;
    canvas.height = 1;
    return { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height, channels: 4, dpi: viewport.scale * 72 };
  } finally {
    page.cleanup();
  }
}
