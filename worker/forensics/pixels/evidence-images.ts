import type { Check } from '../../domain';
import { PIXEL_CHECKS } from './checks';
import type { PixelPage, PixelSignal } from './types';

/** Keeps one picture under a document (the composition root puts it in the DocumentStore beside the original). */
export type SaveEvidenceImage = (document: { id: string; tenant_id: string }, name: string, png: Buffer) => Promise<void>;

/** The only names evidence pictures have, so a name asked for over HTTP can be checked before it reaches storage. */
export const EVIDENCE_IMAGE_NAME = /^page-\d{1,4}-(?:text_consistency|background|compression|copy_move|region)\.png$/;

const imageName = (page: number, signal: PixelSignal) => `page-${page}-${signal}.png`;

const signalOf = (checkId: string) => (Object.entries(PIXEL_CHECKS) as [PixelSignal, string][]).find(([, id]) => id === checkId)?.[0];

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
    // The fused check shows the picture of the signal that led it.
    const signal = signalOf(c.id) ?? (c.evidence.signal as PixelSignal | undefined);
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
