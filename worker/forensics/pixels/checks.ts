import type { Check } from '../../domain';
import type { Box } from '../../ocr/port';
import { check } from '../../verification/check';
import type { PagePixels, PixelFinding, PixelPage, PixelSignal } from './types';

export const PIXEL_CHECKS: Record<PixelSignal, string> = {
  text_consistency: 'forensics.pixel_text',
  background: 'forensics.pixel_background',
  compression: 'forensics.pixel_compression',
  copy_move: 'forensics.pixel_copy_move',
  region: 'forensics.pixel_region',
};

/** The check that adds up the signals that fall on one region. */
export const FUSED_CHECK = 'forensics.pixel_fused';

/**
 * Above these a region is more unlike its page than scanning explains (see the policy); `fused` is for
 * the sum of the signals on one region, each in units of its own threshold.
 */
export type PixelThresholds = Record<PixelSignal, number> & { fused?: number };

/** What the forensic evidence keeps of the pixel checks: enough to judge them again under another policy. */
export interface PixelEvidence {
  checks: Check[];
  pixel_pages?: { number: number; pixels?: PagePixels }[];
  pixel_images?: Record<string, string>;
}

const WHAT: Record<PixelSignal, { flagged: string; clean: string }> = {
  text_consistency: {
    flagged: 'is printed unlike the rest of the page (ink, edges, stroke, size or baseline), as retyped text is',
    clean: 'Every number on the page is printed like its neighbours.',
  },
  background: {
    flagged: 'sits on paper whose grain differs from the rest of the page, as a painted or pasted patch does',
    clean: 'The paper around every number has the grain of the page.',
  },
  compression: {
    flagged: 'carries a JPEG block grid out of step with the page, as a region pasted from another image does',
    clean: 'No region carries a JPEG history of its own.',
  },
  copy_move: {
    flagged: 'is a pixel-for-pixel copy of another character on the page, as a cloned digit is',
    clean: 'No character on the page is a copy of another.',
  },
  region: {
    flagged: 'is paper unlike the rest of the page (its grain lost, flattened or foreign), as a painted or pasted patch is',
    clean: 'The paper of every part of the page has the grain of the page.',
  },
};

/**
 * Measures of a signal that see something other than its usual sign, said in their own words: the
 * region check's glyph cuts see print cut off along a straight edge, its typeface measure another
 * face's glyphs and its print leaning another capture's slant, not the paper's grain; the compression check's one more save sees print with a shorter
 * JPEG history than the page's, not a grid.
 */
const FLAGGED_BY_MEASURE: Record<string, string> = {
  glyphs_cut_on_one_line: "cuts the print's glyphs off along one straight edge, as the border of a pasted or painted patch does",
  glyphs_unlike_the_page:
    'is printed in glyphs unlike the prints of the same characters at its size and weight elsewhere on the page, as a field pasted from a document set in another typeface is',
  print_leans_unlike_its_neighbours:
    'is printed at another slant than the print around it, as a field pasted from another scan or photo of a document is',
  changed_most_by_one_more_save:
    "changes more than the page's print of its size and weight when the page is saved once more with its own JPEG table, as print saved fewer times than the page, added after its earlier save, does",
};

interface Located extends PixelFinding {
  page: number;
}

/** A box as a check's evidence names it, and as a raised check's picture reads it back (`evidence-images.ts`). */
export interface EvidenceBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const toEvidenceBox = (b: Box): EvidenceBox => ({ left: b[0], top: b[1], right: b[2], bottom: b[3] });
export const fromEvidenceBox = (b: EvidenceBox): Box => [b.left, b.top, b.right, b.bottom];

function evidenceOf(f: Located, threshold: number): Record<string, unknown> {
  return {
    page: f.page,
    box: toEvidenceBox(f.box),
    ...(f.twin ? { copy_of: toEvidenceBox(f.twin) } : {}),
    word: f.word,
    measure: f.measure,
    value: f.value,
    threshold,
    detail: f.detail ?? {},
  };
}

/** The word read in the region, or where the region lies when no word was read there. */
const where = (f: Located) => (f.word ? `"${f.word}"` : `the region from (${f.box[0]}, ${f.box[1]}) to (${f.box[2]}, ${f.box[3]}) pixels`);

/**
 * One check per pixel signal, the worst region over all pages against the policy's threshold, and the
 * fused check over the signals that share a region.
 */
export function pixelChecks(pages: Pick<PixelPage, 'number' | 'pixels'>[] | undefined, thresholds: PixelThresholds): Check[] {
  const measured = (pages ?? []).filter((p) => p.pixels);
  return [...signalChecks(measured, thresholds), fusedCheck(measured, thresholds)];
}

function signalChecks(measured: Pick<PixelPage, 'number' | 'pixels'>[], thresholds: PixelThresholds): Check[] {
  return (Object.keys(PIXEL_CHECKS) as PixelSignal[]).map((signal) => {
    const id = PIXEL_CHECKS[signal];
    if (measured.length === 0)
      return check(id, 'not_applicable', 'not_measured', 'No page was read from an image, so there were no pixels to judge.');
    const findings = measured.flatMap((p) => p.pixels!.findings.filter((f) => f.signal === signal).map((f) => ({ ...f, page: p.number })));
    const worst = findings.reduce<Located | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
    if (!worst) return check(id, 'not_applicable', 'not_measurable', 'The pages have too little text or grain to compare.');
    const threshold = thresholds[signal];
    if (worst.value > threshold)
      return check(
        id,
        'warn',
        `pixel_${signal}`,
        `On page ${worst.page}, ${where(worst)} ${FLAGGED_BY_MEASURE[worst.measure] ?? WHAT[signal].flagged}.`,
        evidenceOf(worst, threshold),
      );
    return check(id, 'pass', `pixel_${signal}_consistent`, WHAT[signal].clean, evidenceOf(worst, threshold));
  });
}

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const touches = (f: PixelFinding, box: Box) => overlaps(f.box, box) || (f.twin !== undefined && overlaps(f.twin, box));

const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
/** Two boxes of one field: they share at least half of what they cover together (the per-field measures box a field alike). */
const sameBox = (a: Box, b: Box) => {
  const shared = area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);
  return shared >= 0.5 * (area(a) + area(b) - shared);
};
const onField = (f: PixelFinding, box: Box) => sameBox(f.box, box) || (f.twin !== undefined && sameBox(f.twin, box));

/**
 * Measures that read how a word's print rings on the JPEG's 8x8 blocks: the paper match (its paper
 * against its surroundings), copy-move's shared grain (the paper around two glyphs) and the compression
 * check's block grid out of step with the page's (on a short word the print's own edges are most of
 * what it reads: sound lossless scans, with no grid at all, reach 0.53 there). On one box they see one
 * cause, and a sound one: bold print on grainless paper rings grainier than the paper around it, alike
 * round every print of a glyph, and draws a grid at its own phase (a sound image-only PDF's "11": its
 * two 1s share grain, 0.93 of copy-move's threshold, and the word's grid stands 0.36 of compression's
 * out of step, summed with the text check's 0.39 to 1.69 of 1.6). Counted once, the larger.
 */
const RINGING_ROUND_PRINT = new Set(['paper_unlike_its_surroundings', 'alike_and_shared_grain', 'misaligned_grid_strength']);
/**
 * Besides the paper, the region check's measures read two things of the print, each a cause of its own:
 * where its glyphs stand (leaning off their neighbours' line, at another scale than their row, cut along
 * one line), and their shapes against the page's prints of them. A paste in the page's own face shows
 * a little of several on one box (73062, in units of the threshold: its window's paper 0.82, its paper
 * against its ring 0.71, its print leaning 0.73), and its leaning, counted with the window's paper as
 * one cause, summed to 1.53 of 1.6.
 */
const GLYPH_PLACEMENT = new Set(['print_leans_unlike_its_neighbours', 'print_scaled_unlike_its_row', 'glyphs_cut_on_one_line']);
const GLYPH_SHAPE = 'glyphs_unlike_the_page';
function causeOf(measure: string, signal: PixelSignal): string {
  if (RINGING_ROUND_PRINT.has(measure)) return 'ringing_round_print';
  if (GLYPH_PLACEMENT.has(measure)) return 'glyph_placement';
  return measure === GLYPH_SHAPE ? 'glyph_shape' : signal;
}

/**
 * Copy-move's foretold-by-one-save measure judges alone: two prints of a glyph already hold it at 1
 * to 2 (their difference over what one more save foretells, times how alike they are), not near 0
 * as the other measures, so summed it would lift every image-only PDF's fused value (a sound page's
 * company number and a "7th" sharing its digit, 1.82 of 1.6). In the fused sum the pair counts by
 * copy-move's other measures.
 */
const JUDGED_ALONE = 'alike_and_foretold_by_one_save';
const COPY_MOVE_FUSED = ['grain_over_difference', 'alike_and_shared_grain', 'alike_and_below_grain'];

/** The measure and value a finding adds to a fused region. */
function fusedPart(f: PixelFinding): { measure: string; value: number } {
  if (f.measure !== JUDGED_ALONE) return f;
  return COPY_MOVE_FUSED.map((measure) => ({ measure, value: f.detail?.[measure] ?? 0 })).reduce((a, b) => (b.value > a.value ? b : a));
}

/**
 * The least share of its threshold a signal must reach to add to a fused region. Every field of a
 * sound page reads something on every measure, and with each measure's runners-up kept a field has
 * more of them to sum: a quarter of the runners-up on sound pages of both corpora read 0.3 of their
 * threshold or more. Below it they sum as noise: a sound photo's "2006" reached 1.64 of 1.6 from its
 * text check's 0.77 with one more save's 0.32, copy-move's 0.22 and the paper match's 0.33.
 */
const FUSED_FLOOR = 0.3;

/**
 * The region where the signals together say most: each finding's value in units of its threshold,
 * summed over the findings of other causes that fall on it, so two signals each short of their
 * threshold on the same box outweigh one. Only regions two causes or more agree on count, each at
 * least FUSED_FLOOR of its threshold. The regions are each signal's page-worst and, where the page
 * kept them, its runners-up: a forged field is seldom the page's worst on two signals at once.
 */
function fusedRegion(measured: Pick<PixelPage, 'number' | 'pixels'>[], thresholds: PixelThresholds) {
  let worst: { lead: Located; value: number; parts: Record<string, number>; pictured: boolean } | undefined;
  for (const p of measured) {
    const { findings } = p.pixels!;
    const regions = [...findings, ...(p.pixels!.runners_up ?? [])];
    // Page-worsts add to every region they touch, as they always have; a runner-up adds to, and is
    // added to by, its own field's findings only: else a region spanning many fields (a window scan's,
    // a line of cut glyphs) would gather each signal's largest value over every field in it.
    const bothWorst = (f: PixelFinding, lead: PixelFinding) => findings.includes(f) && findings.includes(lead);
    const fallsOn = (f: PixelFinding, lead: PixelFinding) =>
      f === lead || (bothWorst(f, lead) ? touches(f, lead.box) : onField(f, lead.box));
    for (const [i, lead] of regions.entries()) {
      const parts: Record<string, number> = {};
      const causes: Record<string, number> = {};
      for (const f of regions)
        if (fallsOn(f, lead)) {
          const part = fusedPart(f);
          const units = part.value / thresholds[f.signal];
          if (units < FUSED_FLOOR) continue;
          const cause = causeOf(part.measure, f.signal);
          parts[f.signal] = Math.max(parts[f.signal] ?? 0, units);
          causes[cause] = Math.max(causes[cause] ?? 0, units);
        }
      if (Object.keys(causes).length < 2) continue;
      const value = Math.round(Object.values(causes).reduce((a, b) => a + b, 0) * 1000) / 1000;
      if (!worst || value > worst.value) worst = { lead: { ...lead, page: p.number }, value, parts, pictured: i < findings.length };
    }
  }
  return worst;
}

function fusedCheck(measured: Pick<PixelPage, 'number' | 'pixels'>[], thresholds: PixelThresholds): Check {
  if (measured.length === 0 || thresholds.fused === undefined)
    return check(FUSED_CHECK, 'not_applicable', 'not_measured', 'No page was read from an image, so there were no pixels to judge.');
  const worst = fusedRegion(measured, thresholds);
  if (!worst) return check(FUSED_CHECK, 'pass', 'pixel_signals_apart', 'No two pixel signals point at the same region.');
  // A page pictures each signal's worst region only: a runner-up's region is named by its box alone.
  const evidence = {
    ...evidenceOf(worst.lead, thresholds.fused),
    ...(worst.pictured ? { signal: worst.lead.signal } : {}),
    measure: 'signals_in_units_of_their_thresholds',
    value: worst.value,
    detail: worst.parts,
  };
  if (worst.value > thresholds.fused)
    return check(
      FUSED_CHECK,
      'warn',
      'pixel_fused',
      `On page ${worst.lead.page}, ${where(worst.lead)} is unlike the page in several ways at once (${Object.keys(worst.parts).join(', ')}), as an edited region is.`,
      evidence,
    );
  return check(FUSED_CHECK, 'pass', 'pixel_fused_consistent', 'No region is unlike the page in several ways at once.', evidence);
}

/** Names each warned check's saved picture in its evidence; the pipeline and a replay name them alike. */
export function nameEvidenceImages(checks: Check[], images: Record<string, string>): void {
  for (const c of checks) if (c.status === 'warn' && images[c.id]) c.evidence.evidence_image = images[c.id];
}

/**
 * The forensic checks a replay decides on: the pixel checks judged again from the kept measures under
 * the policy's thresholds (the same pictures named), or as recorded when either is missing.
 */
export function rejudgedForensicChecks(evidence: PixelEvidence, thresholds: PixelThresholds | undefined): Check[] {
  if (!evidence.pixel_pages || !thresholds) return evidence.checks;
  const fresh = pixelChecks(evidence.pixel_pages, thresholds);
  nameEvidenceImages(fresh, evidence.pixel_images ?? {});
  return evidence.checks.map((c) => fresh.find((f) => f.id === c.id) ?? c);
}
