import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  generateForgery,
  type Box,
  type ForgedDocument,
  type ForgeryOptions,
  type ForgeryRendering,
  type Technique,
} from '../../fixtures/forgeries';
import type { FixtureType } from '../../fixtures/layouts';
import { ocrPage } from '../../worker/pipeline/read-page';
import type { OcrEngine } from '../../worker/ocr/port';
import { openPdf } from '../../worker/pdf/document';
import { pageImage } from '../../worker/pipeline/text';
import type { PageScan } from '../../worker/forensics/pixels/page-scan';
import { pixelChecks, type PixelThresholds } from '../../worker/forensics/pixels/checks';
import type { PixelPage } from '../../worker/forensics/pixels/types';
import { NotCached } from './ocr-cache';

const MAX_PIXELS = 60_000_000;
/** The worker's default rendering resolution for pages without text. */
const RENDER_DPI = 200;

/**
 * Reads a generated page as the text stage does, keeping its pixel measures: an image-only PDF's page
 * through the stage's own `pageImage` (its embedded scan when that is the page at the rendering's
 * resolution, else rendered for OCR with its scan for the pixel checks), so the numbers are a user's.
 */
export async function readForgery(ocr: OcrEngine, doc: ForgedDocument): Promise<PixelPage & { ms: number }> {
  let input: Parameters<typeof ocrPage>[1] = doc.bytes;
  let scan: PageScan | undefined;
  let quantisation: number[] | undefined;
  if (doc.mime === 'application/pdf') {
    const pdf = await openPdf(doc.bytes, 1);
    try {
      ({ image: input, scan, quantisation } = await pageImage(pdf, 1, { renderDpi: RENDER_DPI, maxImagePixels: MAX_PIXELS }));
    } finally {
      await pdf.loadingTask.destroy();
    }
  }
  const page = await ocrPage(ocr, input, { maxPixels: MAX_PIXELS, scan, quantisation });
  return { number: 1, pixels: page.pixels, crops: page.crops, ms: page.pixels_ms ?? 0 };
}

/** Thresholds are chosen on the tuning seeds only; the held-out seeds show whether they carry over. */
export type Split = 'tuning' | 'held_out';

export interface CorpusItem {
  type: FixtureType;
  rendering: ForgeryRendering;
  technique: Technique;
  seed: number;
  split: Split;
  /** Its place within its rendering and technique. */
  index: number;
}

const TYPES: FixtureType[] = ['bank_statement', 'utility_bill', 'certificate_of_incorporation', 'vat_registration_certificate'];

/**
 * `perCell` documents for each rendering and technique, types and seeds spread from `seed`; every
 * other one on a tuning seed, the rest held out (so a cut-short run holds both).
 */
export function corpusPlan(
  renderings: readonly ForgeryRendering[],
  techniques: readonly Technique[],
  perCell: number,
  seed: number,
): CorpusItem[] {
  const plan: CorpusItem[] = [];
  let n = 0;
  for (const rendering of renderings)
    for (const technique of techniques)
      for (let i = 0; i < perCell; i++)
        plan.push({
          type: TYPES[n % TYPES.length]!,
          rendering,
          technique,
          seed: seed + n++,
          split: i % 2 === 0 ? 'tuning' : 'held_out',
          index: i,
        });
  return plan;
}

const FIXTURES = path.join(__dirname, '../../fixtures');
const CORPUS_CACHE_DIR = path.join(__dirname, '../../test-output/forensics-corpus');
let fixturesDigest: string | undefined;

/** The generator's own source: a cached page is reused only while the code that drew it is unchanged. */
function generatorDigest(): string {
  if (fixturesDigest) return fixturesDigest;
  const hash = createHash('sha256');
  for (const file of readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.ts'))
    .sort())
    hash.update(readFileSync(path.join(FIXTURES, file)));
  fixturesDigest = hash.digest('hex');
  return fixturesDigest;
}

/**
 * A generated page, from disk when the same options were drawn by the same generator before:
 * drawing, degrading and encoding a 300 dpi page costs about as much as reading it.
 */
export async function cachedForgery(options: ForgeryOptions, cachedOnly = false): Promise<ForgedDocument> {
  mkdirSync(CORPUS_CACHE_DIR, { recursive: true });
  const key = createHash('sha256').update(generatorDigest()).update(JSON.stringify(options)).digest('hex').slice(0, 32);
  const file = path.join(CORPUS_CACHE_DIR, key);
  try {
    const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Omit<ForgedDocument, 'bytes'>;
    return { ...meta, bytes: readFileSync(`${file}.bin`) };
  } catch {
    if (cachedOnly) throw new NotCached(file);
    const { bytes, ...meta } = await generateForgery(options);
    writeFileSync(`${file}.bin`, bytes);
    writeFileSync(`${file}.json`, JSON.stringify(meta));
    return { ...meta, bytes };
  }
}

export interface Outcome {
  rendering: ForgeryRendering;
  technique: Technique;
  field?: string;
  seed: number;
  /** Pixel checks that warned, with the region they named. */
  alarms: string[];
  /** The page's pixels were measured at all. */
  measured: boolean;
  /** A pixel check warned and its region overlaps the forged one. */
  caught: boolean;
  /** Each signal's worst region: its value over its threshold, and whether it lies on the forged region (`*`). */
  worst: string[];
  pixelMs: number;
}

const overlaps = (a: Box, b: { left: number; top: number; right: number; bottom: number }) =>
  a[0] <= b.right && b.left <= a[2] && a[1] <= b.bottom && b.top <= a[3];

/** Pixel boxes are in the analysed image's pixels (a PDF's embedded scan, at the generator's size), so the forged box is scaled to it. */
const scaled = (b: Box, k: number): Box => [Math.floor(b[0] * k), Math.floor(b[1] * k), Math.ceil(b[2] * k), Math.ceil(b[3] * k)];

/** What the checks made of one page: the alarms, and whether one named the forged region. */
export function judge(doc: Omit<ForgedDocument, 'bytes'>, page: PixelPage & { ms: number }, thresholds: PixelThresholds): Outcome {
  const forged = doc.box && scaled(doc.box, (page.pixels?.width ?? doc.size[0]) / doc.size[0]);
  const onForged = (b: Box) => forged !== undefined && overlaps(forged, { left: b[0], top: b[1], right: b[2], bottom: b[3] });
  const warned = pixelChecks([page], thresholds).filter((c) => c.status === 'warn');
  const regions = warned.flatMap(
    (c) => [c.evidence.box, c.evidence.copy_of].filter(Boolean) as { left: number; top: number; right: number; bottom: number }[],
  );
  return {
    rendering: doc.rendering,
    technique: doc.technique,
    field: doc.field,
    seed: doc.seed,
    measured: page.pixels !== undefined,
    alarms: warned.map((c) => `${c.id} ${String(c.evidence.measure)}=${String(c.evidence.value)} ${JSON.stringify(c.evidence.box)}`),
    caught: forged !== undefined && regions.some((r) => overlaps(forged, r)),
    worst: (page.pixels?.findings ?? []).map(
      (f) => `${f.signal}=${f.value}/${thresholds[f.signal]}${onForged(f.box) || (f.twin && onForged(f.twin)) ? '*' : ''}(${f.measure})`,
    ),
    pixelMs: page.ms,
  };
}
