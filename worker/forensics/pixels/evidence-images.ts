import type { Check } from '../../domain';
import { PIXEL_CHECKS, pixelChecks, type PixelThresholds } from './checks';
import type { PagePixels, PixelPage, PixelSignal } from './types';

/** Keeps one picture under a document (the composition root puts it in the DocumentStore beside the original). */
export type SaveEvidenceImage = (document: { id: string; tenant_id: string }, name: string, png: Buffer) => Promise<void>;

/** The only names evidence pictures have, so a name asked for over HTTP can be checked before it reaches storage. */
export const EVIDENCE_IMAGE_NAME = /^page-\d{1,4}-(?:text_consistency|background|compression|copy_move|region)\.png$/;

const imageName = (page: number, signal: PixelSignal) => `page-${page}-${signal}.png`;

const signalOf = (checkId: string) => (Object.entries(PIXEL_CHECKS) as [PixelSignal, string][]).find(([, id]) => id === checkId)?.[0];

/** The signal whose picture a raised check shows: its own, or for the fused check the one that led it. */
const shownSignal = (c: Check) => signalOf(c.id) ?? (c.evidence.signal as PixelSignal | undefined);

/**
 * The signals whose pictures a page must have drawn: those of the checks the page raises on its own.
 * A check over all pages is raised by its worst page's region, which raises it on that page alone too,
 * so every picture `saveEvidenceImages` can save is drawn, and only those a check raised here may need.
 */
export function signalsToPicture(pixels: PagePixels, thresholds: PixelThresholds): PixelSignal[] {
  const raised = pixelChecks([{ number: 1, pixels }], thresholds).filter((c) => c.status === 'warn');
  return raised.map(shownSignal).filter((s): s is PixelSignal => s !== undefined);
}

/**
 * Saves the picture of each warned pixel check's region, so a reviewer sees the region rather than
 * coordinates. Returns the saved pictures' names by check id, to be kept with the evidence.
 */
export async function saveEvidenceImages(
  checks: Check[],
  pages: PixelPage[],
  save: (name: string, png: Buffer) => Promise<void>,
): Promise<Record<string, string>> {
  const saved: Record<string, string> = {};
  for (const c of checks.filter((x) => x.status === 'warn')) {
    const signal = shownSignal(c);
    const page = c.evidence.page as number;
    const png = pages.find((p) => p.number === page)?.crops.find((x) => x.signal === signal)?.png;
    if (!signal || !png) continue;
    const name = imageName(page, signal);
    await save(name, png);
    saved[c.id] = name;
  }
  return saved;
}

/** Every picture name a document's pixel checks may have saved: one per signal on each page read from an image. */
export function possibleEvidenceImages(pageInfo: { number: number; source?: string }[] | null): string[] {
  const signals = Object.keys(PIXEL_CHECKS) as PixelSignal[];
  return (pageInfo ?? []).filter((p) => p.source === 'ocr').flatMap((p) => signals.map((signal) => imageName(p.number, signal)));
}
