import type { Check } from '../../domain';
import { FUSED_CHECK, PIXEL_CHECKS, fromEvidenceBox, pixelChecks, type EvidenceBox, type PixelThresholds } from './checks';
import type { PagePixels, PictureOf, PictureRegion, PixelPage, PixelSignal } from './types';

/** Keeps one picture under a document (the composition root puts it in the DocumentStore beside the original). */
export type SaveEvidenceImage = (document: { id: string; tenant_id: string }, name: string, png: Buffer) => Promise<void>;

/** The only names evidence pictures have, so a name asked for over HTTP can be checked before it reaches storage. */
export const EVIDENCE_IMAGE_NAME = /^page-\d{1,4}-(?:text_consistency|background|compression|copy_move|region|fused)\.png$/;

const imageName = (page: number, of: PictureOf) => `page-${page}-${of}.png`;

const signalOf = (checkId: string) => (Object.entries(PIXEL_CHECKS) as [PixelSignal, string][]).find(([, id]) => id === checkId)?.[0];

/**
 * What a raised check's picture is kept as: its own signal's; for the fused check, the signal whose
 * page-worst region led it (the same region, so one picture), or its own when a runner-up led it.
 */
function shownPicture(c: Check): PictureOf | undefined {
  if (c.id === FUSED_CHECK) return (c.evidence.signal as PixelSignal | undefined) ?? 'fused';
  return signalOf(c.id);
}

/**
 * The regions a page must have drawn: those of the checks the page raises on its own, each as its
 * check names it. A check over all pages is raised by its worst page's region, which raises it on that
 * page alone too, so every picture `saveEvidenceImages` can save is drawn, and only those it may need.
 */
export function regionsToPicture(pixels: PagePixels, thresholds: PixelThresholds): PictureRegion[] {
  const regions = new Map<PictureOf, PictureRegion>();
  for (const c of pixelChecks([{ number: 1, pixels }], thresholds).filter((x) => x.status === 'warn')) {
    const of = shownPicture(c);
    const { box, copy_of } = c.evidence as { box?: EvidenceBox; copy_of?: EvidenceBox };
    if (of && box && !regions.has(of))
      regions.set(of, { of, box: fromEvidenceBox(box), ...(copy_of ? { twin: fromEvidenceBox(copy_of) } : {}) });
  }
  return [...regions.values()];
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
    const of = shownPicture(c);
    const page = c.evidence.page as number;
    const png = pages.find((p) => p.number === page)?.crops.find((x) => x.signal === of)?.png;
    if (!of || !png) continue;
    const name = imageName(page, of);
    await save(name, png);
    saved[c.id] = name;
  }
  return saved;
}

/** Every picture name a document's pixel checks may have saved: one per signal, and the fused check's own, on each page read from an image. */
export function possibleEvidenceImages(pageInfo: { number: number; source?: string }[] | null): string[] {
  const pictures: PictureOf[] = [...(Object.keys(PIXEL_CHECKS) as PixelSignal[]), 'fused'];
  return (pageInfo ?? []).filter((p) => p.source === 'ocr').flatMap((p) => pictures.map((of) => imageName(p.number, of)));
}
