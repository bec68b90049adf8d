import type { Check } from '../../domain';
import { PIXEL_CHECKS } from './checks';
import type { PixelPage, PixelSignal } from './types';

export type SaveEvidenceImage = (key: string, png: Buffer) => Promise<void>;

/**
 * Saves the picture of each warned check's region and names its key in the check's evidence, so a
 * reviewer sees the region rather than coordinates.
 */
export async function saveEvidenceImages(checks: Check[], pages: PixelPage[], documentId: string, save: SaveEvidenceImage): Promise<void> {
  const signals = Object.entries(PIXEL_CHECKS) as [PixelSignal, string][];
  for (const c of checks.filter((x) => x.status === 'warn')) {
    const signal = signals.find(([, id]) => id === c.id)?.[0];
    const page = c.evidence.page as number;
    const png = pages.find((p) => p.number === page)?.crops.find((x) => x.signal === signal)?.png;
    if (!signal || !png) continue;
    const key = `evidence/${documentId}/page-${page}-${signal}.png`;
    await save(key, png);
    c.evidence.evidence_image = key;
  }
}
