import type { Box, OcrWord } from '../../ocr/port';
import { blobsIn } from './ink-blobs';
import { boxAround, spanOf, type PlacedWord } from './field-spans';
import type { Grey } from './grey';
import { grow } from './measures';
import { JPEG_BLOCK, paperFloor } from './region-scan';
import { medianOf, robustSpread } from './robust';
import { strongest, type PixelFinding } from './types';

/** Words with this many digits, or a postcode half, read like the fields a forger pastes over. */
const MIN_DIGITS = 2;
const POSTCODE_PART = /^(?:[A-Z]{1,2}\d[A-Z\d]?|\d[A-Z]{2})$/;
/**
 * A pasted field often reads badly (its remnants and the paste read as one word), yet its paper is
 * paper whatever OCR made of the print: a field-like word is judged from this confidence up.
 */
const MIN_CONFIDENCE = 30;
/** Paper nearer print than this (city-block pixels) has no four paper neighbours to read grain from. */
const NEAREST = 2;
/** Paper this far from print or further is counted as one band: grain no longer changes with distance. */
const FARTHEST = 7;
/**
 * ...unless it lies in an 8x8 block of the image's own grid (where a JPEG saved it) that holds no print: that
 * paper holds none of the print's ringing, which a JPEG keeps within the print's blocks, and is a band of its
 * own. A word alone on its row, with no print in its ring, is compared on that band only, where its own paper
 * 7 px or more from its glyphs but in their blocks still rings.
 */
const CLEAR_BAND = FARTHEST - NEAREST + 1;
const BANDS = CLEAR_BAND + 1;
/**
 * Residuals are clipped here (quarter grey levels), so one speck cannot lift a band's grain: well above
 * a grainy scan's typical residual (about 40), which a lower clip would flatten.
 */
const MAX_RESIDUAL = 192;
/** A pasted patch reaches a few pixels past its glyphs, and below them to the donor's descender line. */
const PATCH_PAD = 3;
const PATCH_BELOW = 0.25;
/**
 * Two surroundings, and a field must be unlike both: a ring all around it (from past the patch to a
 * line's height beyond) and the paper of its own row on either side (to a few line heights). A table's
 * shaded row differs from the white around it but not from its row; a bold value rings more under a
 * JPEG than the regular print of its row but little more than the print above and below it.
 */
const RING_FROM = 0.6;
const RING_TO = 1.6;
const ROW_TO = 3;
/**
 * A table's rules: a blob of print at least this many word heights long and thinner than this share
 * of a word's height on average. Paper near a rule rings under a JPEG as a straight edge rings, not as
 * glyphs do, and a value just above a closing rule would otherwise be compared, band for band, with
 * paper whose only print near it is the rule (its row on either side, its ring below).
 */
const RULE_LENGTH = 3;
const RULE_THICKNESS = 0.2;
/** Paper this near a rule (pixels) is left out of every side: a JPEG's ringing reaches across its 8x8 block. */
const RULE_CLEARANCE = 8;
/** Paper pixels a band needs on each side to be compared, and a word in all. */
const MIN_BAND_PATCH = 6;
const MIN_BAND_RING = 12;
const MIN_PATCH = 40;
/** Words a page needs for a norm of how alike a word's paper and its surroundings' are. */
const MIN_NORM_WORDS = 8;
/** At most this many words form the norm (evenly taken): enough for a median, cheap on a dense page. */
const NORM_WORDS = 80;
/**
 * Spread floors: grain as a log ratio, level in units of the paper's own spread per pixel (robust
 * units below these would turn a page of unusually alike words into a page of alarms).
 */
const MIN_SPREAD = { grain: 0.05, level: 0.08 };
/**
 * The unit of the value (a field's distance in robust units against its page, the nearer of ring and
 * row): 3.9, the most a sound field reached on the first 9 sound pages of the tuning seeds read. Over
 * the 27 read since, the most was 5.2 (an image-only PDF's), 1.34 in this unit, under the region
 * threshold (1.5).
 */
const SOUND_REACH = 3.9;

interface Sums {
  n: Float64Array;
  residual: Float64Array;
  level: Float64Array;
  square: Float64Array;
}

const sums = (): Sums => ({
  n: new Float64Array(BANDS),
  residual: new Float64Array(BANDS),
  level: new Float64Array(BANDS),
  square: new Float64Array(BANDS),
});

/** City-block distance from print within the box, capped at FARTHEST; print (below `floor`) is 0. */
function distanceFromInk(page: Grey, box: Box, floor: number): Uint8Array {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const { data, width } = page;
  const d = new Uint8Array(w * h);
  // The pixel before along the row is carried in a local rather than read back, and off the box counts as FARTHEST.
  for (let y = 0; y < h; y++) {
    const line = (y0 + y) * width + x0;
    const row = y * w;
    let before = FARTHEST;
    for (let x = 0; x < w; x++) {
      if (data[line + x]! < floor) {
        before = 0;
        continue;
      }
      const up = y > 0 ? d[row - w + x]! : FARTHEST;
      before = Math.min(FARTHEST, up + 1, before + 1);
      d[row + x] = before;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    const row = y * w;
    let after = FARTHEST;
    for (let x = w - 1; x >= 0; x--) {
      const i = row + x;
      if (d[i] === 0) {
        after = 0;
        continue;
      }
      const down = y < h - 1 ? d[i + w]! : FARTHEST;
      after = Math.min(d[i]!, down + 1, after + 1);
      d[i] = after;
    }
  }
  return d;
}

const inside = (b: Box, x: number, y: number) => x >= b[0] && x < b[2] && y >= b[1] && y < b[3];

/**
 * A plain loop, not `some` with a closure: this is asked for every paper pixel read, and a closure over
 * the loop's own variables has a fresh context made for every pixel.
 */
function insideAny(boxes: Box[], x: number, y: number): boolean {
  for (let k = 0; k < boxes.length; k++) if (inside(boxes[k]!, x, y)) return true;
  return false;
}

const add = (into: Sums, band: number, v: number, r: number) => {
  into.n[band]! += 1;
  into.residual[band]! += r;
  into.level[band]! += v;
  into.square[band]! += v * v;
};

/** Which 8x8 blocks of the image's own grid (a JPEG's) hold print, over the blocks `view` touches. */
function printedBlocks(page: Grey, view: Box, floor: number): { has: (x: number, y: number) => boolean } {
  // Read once: under tsx an imported constant is fetched through the module's getter at every use (a tenth of the paper match).
  const block = JPEG_BLOCK;
  const [bx0, by0] = [Math.floor(view[0] / block), Math.floor(view[1] / block)];
  const [bx1, by1] = [Math.ceil(view[2] / block), Math.ceil(view[3] / block)];
  const columns = bx1 - bx0;
  const marks = new Uint8Array(columns * (by1 - by0));
  const { data, width, height } = page;
  for (let y = by0 * block; y < Math.min(height, by1 * block); y++)
    for (let x = bx0 * block; x < Math.min(width, bx1 * block); x++)
      if (data[y * width + x]! < floor) marks[(Math.floor(y / block) - by0) * columns + Math.floor(x / block) - bx0] = 1;
  return { has: (x, y) => marks[(Math.floor(y / block) - by0) * columns + Math.floor(x / block) - bx0] === 1 };
}

/** Where a table's rules lie within `view` (see RULE_LENGTH), each grown by RULE_CLEARANCE: paper there is left out. */
function rulesIn(page: Grey, view: Box, floor: number, wordHeight: number): Box[] {
  const long = RULE_LENGTH * wordHeight;
  const thin = RULE_THICKNESS * wordHeight;
  return blobsIn(page, view, floor)
    .filter(({ box: [x0, y0, x1, y1], ink }) => {
      const length = Math.max(x1 - x0, y1 - y0);
      return length >= long && ink <= length * thin;
    })
    .map(({ box }) => grow(box, RULE_CLEARANCE, page));
}

/** The two surroundings a field's paper is compared with (see RING_FROM). */
type Surroundings = 'ring' | 'row';
const SURROUNDINGS: Surroundings[] = ['ring', 'row'];

/** Grain (residual against the 4 neighbours) and level of the paper in the patch and in its surroundings, per distance from print. */
function readPaper(page: Grey, box: Box, floor: number): { patch: Sums } & Record<Surroundings, Sums> {
  const h = box[3] - box[1];
  const patchBox: Box = [
    box[0] - PATCH_PAD,
    box[1] - PATCH_PAD,
    box[2] + PATCH_PAD,
    box[3] + Math.max(PATCH_PAD, Math.round(h * PATCH_BELOW)),
  ];
  const gap = Math.round(h * RING_FROM) + PATCH_PAD;
  const ringInner = grow(box, gap, page);
  const ringOuter = grow(box, Math.round(h * RING_TO) + PATCH_PAD, page);
  const rowReach = gap + Math.round(h * ROW_TO);
  const outer: Box = [Math.max(0, box[0] - rowReach), ringOuter[1], Math.min(page.width, box[2] + rowReach), ringOuter[3]];
  // Distances are read with the print just beyond the surroundings in view.
  const view: Box = [outer[0], Math.max(0, outer[1] - FARTHEST), outer[2], Math.min(page.height, outer[3] + FARTHEST)];
  const near = distanceFromInk(page, view, floor);
  const printed = printedBlocks(page, view, floor);
  const nearRule = rulesIn(page, view, floor, h);
  const out = { patch: sums(), ring: sums(), row: sums() };
  const w = view[2] - view[0];
  const { data, width, height } = page;
  for (let y = Math.max(1, outer[1]); y < Math.min(height - 1, outer[3]); y++) {
    const inRow = y >= patchBox[1] && y < patchBox[3];
    // Off the patch's rows only the ring is read: the row's paper beyond it is not.
    const [from, to] = inRow ? [outer[0], outer[2]] : [Math.max(outer[0], ringOuter[0]), Math.min(outer[2], ringOuter[2])];
    // What each box holds of this row, read once per row rather than tested at every pixel.
    const inRing = y >= ringOuter[1] && y < ringOuter[3];
    const inHole = y >= ringInner[1] && y < ringInner[3];
    const rules = nearRule.filter((b) => y >= b[1] && y < b[3]);
    for (let x = Math.max(1, from); x < Math.min(width - 1, to); x++) {
      const d = near[(y - view[1]) * w + x - view[0]]!;
      if (d < NEAREST) continue;
      const patch = inRow && x >= patchBox[0] && x < patchBox[2];
      const row = inRow && (x < box[0] - gap || x >= box[2] + gap);
      const ring = inRing && x >= ringOuter[0] && x < ringOuter[2] && !(inHole && x >= ringInner[0] && x < ringInner[2]);
      if ((!patch && !row && !ring) || (rules.length > 0 && insideAny(rules, x, y))) continue;
      const i = y * width + x;
      const v = data[i]!;
      const r = Math.min(MAX_RESIDUAL, Math.abs(4 * v - (data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]!)));
      const band = d >= FARTHEST && !printed.has(x, y) ? CLEAR_BAND : d - NEAREST;
      if (patch) add(out.patch, band, v, r);
      if (row) add(out.row, band, v, r);
      if (ring) add(out.ring, band, v, r);
    }
  }
  return out;
}

interface PaperDifference {
  /** Grain of the patch's paper over its ring's, at the same distances from print (log ratio). */
  grain: number;
  /** Level of the patch's paper less its ring's, in units of the ring's spread per pixel. */
  level: number;
  /** Paper pixels the difference is known by: each band's as both its sides allow (`knownBy`). */
  pixels: number;
}

/**
 * How many pixels a band's difference of two means is known by, n of the patch and m of its surroundings:
 * a difference's variance is the sum of its sides' (1/n + 1/m). A field in a ruled cell, its rules' paper
 * left out, can have a ring whose only paper near print is a score of pixels at the foot of the row above:
 * the field's hundreds of pixels beside its own print are then compared with those few, and known no better.
 */
const knownBy = (n: number, m: number) => (n * m) / (n + m);

/**
 * The paper right around a word against its surroundings, band by band of distance from print, so
 * the halo and ink bleed of print, alike on both sides, cancel: a pasted patch carries another
 * document's paper (its grain, its tint) where the ring carries the page's. Each band weighs as much
 * of the patch as it covers; how well the whole is known counts both sides (`knownBy`).
 */
function paperDifference(patch: Sums, ring: Sums): PaperDifference | undefined {
  let weight = 0;
  let known = 0;
  let grain = 0;
  let level = 0;
  for (let b = 0; b < BANDS; b++) {
    const n = patch.n[b]!;
    const m = ring.n[b]!;
    if (n < MIN_BAND_PATCH || m < MIN_BAND_RING) continue;
    const ringLevel = ring.level[b]! / m;
    const spread = Math.sqrt(Math.max(1, ring.square[b]! / m - ringLevel * ringLevel));
    grain += n * Math.log((patch.residual[b]! / n + 2) / (ring.residual[b]! / m + 2));
    level += (n * (patch.level[b]! / n - ringLevel)) / spread;
    weight += n;
    known += knownBy(n, m);
  }
  if (weight < MIN_PATCH) return undefined;
  return { grain: grain / weight, level: level / weight, pixels: known };
}

const DIGIT = /\d/g;
const fieldLike = (w: OcrWord) =>
  w.confidence >= MIN_CONFIDENCE && ((w.text.match(DIGIT)?.length ?? 0) >= MIN_DIGITS || POSTCODE_PART.test(w.text));
/**
 * A paste of another document's print over a field (at another size, the field's remnants beside and
 * under it) often reads as nothing OCR knows, at confidence 0 ("PgERTEY", "45-966p"): a word read that
 * badly is judged whatever it reads as, if it is a line of print, wider than tall and at most this many
 * times the page's typical word height (a donor at half again the page's resolution prints half again
 * as tall). A logo or seal OCR read as "&" is a square of shaded paper, unlike its surroundings by design.
 */
const MAX_UNREAD_HEIGHT = 2;
const height = (w: PlacedWord) => w.box[3] - w.box[1];
const unread = (w: PlacedWord, typicalHeight: number) =>
  w.word.confidence < MIN_CONFIDENCE && w.box[2] - w.box[0] >= height(w) && height(w) <= MAX_UNREAD_HEIGHT * typicalHeight;

/** The words a paste may lie on: those reading like a field, and lines of print read too badly to tell. */
export function pasteSuspects(words: PlacedWord[]): PlacedWord[] {
  const typicalHeight = medianOf(words.map(height));
  return words.filter((w) => fieldLike(w.word) || unread(w, typicalHeight));
}

/** Every `step`-th word, so the norm spans the page. */
const evenly = <T>(items: T[], count: number) => items.filter((_, i) => i % Math.max(1, Math.ceil(items.length / count)) === 0);

/** A robust centre and spread (median, scaled MAD, at least `floor`). */
function robust(values: number[], floor: number): { mid: number; spread: number } {
  const mid = medianOf(values);
  return { mid, spread: Math.max(floor, robustSpread(values, mid)) };
}

/** Grain and level move together more than this (either way) only where one cause drives both. */
const MAX_CORRELATION = 0.9;

/**
 * How a page's words' grain and level differences go together: JPEG ringing beside print makes paper
 * both grainier and darker, so on a heavily compressed page a word can be far off in both along that
 * line and still be print like the rest. The robust correlation of the two, in their own units (from
 * the spreads of their sum and difference).
 */
function correlation(units: [number, number][]): number {
  const sum = robust(
    units.map(([g, l]) => g + l),
    1e-6,
  ).spread;
  const difference = robust(
    units.map(([g, l]) => g - l),
    1e-6,
  ).spread;
  const r = (sum * sum - difference * difference) / (sum * sum + difference * difference);
  return Math.max(-MAX_CORRELATION, Math.min(MAX_CORRELATION, r));
}

/**
 * Most a patch's paper may count as better known than the page's typical word's: its pixels, as a
 * multiple of the typical word's, up to this many.
 */
const MAX_PRECISION = 4;
/**
 * ...but a span's more paper is not a better reading of one field's: it lies further along the row, where the
 * page's paper itself varies, and the norm it is judged against is single words'. A page holds too few spans
 * for a norm of their own, so a span's paper counts as known no better than the typical word's (fewer still
 * count worse).
 */
const MAX_SPAN_PRECISION = 1;

/** How far each word's paper is from the page's words' norm against one kind of surroundings. */
function distances(
  read: Map<PlacedWord, PaperDifference>,
  spans: ReadonlySet<PlacedWord>,
): Map<PlacedWord, { distance: number; units: [number, number]; correlation: number }> {
  // The norm is the page's words': a span is judged against it, not part of it.
  const all = [...read].filter(([w]) => !spans.has(w)).map(([, d]) => d);
  const typicalPixels = medianOf(all.map((d) => d.pixels));
  const grain = robust(
    all.map((d) => d.grain),
    MIN_SPREAD.grain,
  );
  const level = robust(
    all.map((d) => d.level),
    MIN_SPREAD.level,
  );
  const unitsOf = (d: PaperDifference): [number, number] => [(d.grain - grain.mid) / grain.spread, (d.level - level.mid) / level.spread];
  const r = correlation(all.map(unitsOf));
  const out = new Map<PlacedWord, { distance: number; units: [number, number]; correlation: number }>();
  for (const [w, d] of read) {
    const [g, l] = unitsOf(d);
    const mahalanobis = Math.sqrt(Math.max(0, (g * g - 2 * r * g * l + l * l) / (1 - r * r)));
    // A patch read on more paper than the page's typical word is known better, one on fewer worse.
    const precision = Math.sqrt(Math.min(spans.has(w) ? MAX_SPAN_PRECISION : MAX_PRECISION, d.pixels / typicalPixels));
    out.set(w, { distance: mahalanobis * precision, units: [g, l], correlation: r });
  }
  return out;
}

/**
 * Each run of suspects beside each other on a line (`spanOf`: a postcode's halves, a date's day and year), with
 * the words among them read too badly to tell whatever their shape (a paste OCR split into "85" and "78%"), as
 * one word: a paste covers the whole field in one rectangle, and each part read alone is compared with a
 * row and ring that hold the rest of the paste.
 */
function suspectSpans(suspects: PlacedWord[], words: PlacedWord[]): Set<PlacedWord> {
  const among = new Set(suspects);
  const typicalHeight = medianOf(words.map(height));
  const spans = new Map<string, PlacedWord>();
  for (const w of suspects) {
    const span = spanOf(w, words).filter((s) => among.has(s) || s.word.confidence < MIN_CONFIDENCE);
    if (span.length < 2) continue;
    const box = boxAround(span.map((s) => s.box));
    // A line of print, as an unread word must be (MAX_UNREAD_HEIGHT).
    if (box[2] - box[0] < box[3] - box[1] || box[3] - box[1] > MAX_UNREAD_HEIGHT * typicalHeight) continue;
    const confidence = Math.min(...span.map((s) => s.word.confidence));
    spans.set(box.join(), { box, word: { ...w.word, text: span.map((s) => s.word.text).join(' '), box, confidence } });
  }
  return new Set(spans.values());
}

/**
 * The field whose paper is most unlike its own surroundings, against how unlike their surroundings the
 * page's words' papers typically are: a patch pasted from another document carries that document's
 * paper into the page. Grain and level are each in robust units of the page's words, and the two
 * taken together as a Mahalanobis distance under their correlation on the page; a patch read on more
 * paper pixels than the page's typical word counts as known better (and one on fewer worse), by the
 * square root of how many more. A field must be unlike both its ring and its row (see RING_FROM), or the one
 * of them it shares bands of distance from print with: a word alone on its row is compared with its ring only.
 * Fields beside each other on a line are judged as one span too (`suspectSpans`, see MAX_SPAN_PRECISION).
 */
export function paperMatchFinding(page: Grey, words: PlacedWord[], floor = paperFloor(page)): PixelFinding | undefined {
  return strongest(paperMatchFindings(page, words, floor));
}

/** Every judged field's paper against its surroundings (see `paperMatchFinding`). */
export function paperMatchFindings(page: Grey, words: PlacedWord[], floor = paperFloor(page)): PixelFinding[] {
  const suspects = pasteSuspects(words);
  const spans = suspectSpans(suspects, words);
  const fields = [...suspects, ...spans];
  const read: Record<Surroundings, Map<PlacedWord, PaperDifference>> = { ring: new Map(), row: new Map() };
  for (const w of new Set([...evenly(words, NORM_WORDS), ...fields])) {
    const paper = readPaper(page, w.box, floor);
    for (const kind of SURROUNDINGS) {
      const diff = paperDifference(paper.patch, paper[kind]);
      if (diff) read[kind].set(w, diff);
    }
  }
  // Surroundings with a norm: a page whose rows hold one word each (nothing beside it to compare) has only its ring.
  const judged = SURROUNDINGS.filter((kind) => read[kind].size >= MIN_NORM_WORDS).map((kind) => ({
    kind,
    distances: distances(read[kind], spans),
  }));
  if (judged.length === 0) return [];
  const found: PixelFinding[] = [];
  for (const w of fields) {
    const against = judged.flatMap(({ kind, distances: d }) => {
      const found = d.get(w);
      return found ? [{ kind, ...found }] : [];
    });
    if (against.length === 0) continue;
    const nearer = against.reduce((a, b) => (b.distance < a.distance ? b : a));
    const value = nearer.distance / SOUND_REACH;
    const paper = read[nearer.kind].get(w)!;
    found.push({
      signal: 'region',
      box: w.box,
      word: w.word.text,
      measure: 'paper_unlike_its_surroundings',
      value,
      detail: {
        ...Object.fromEntries(against.map((a) => [`against_${a.kind}`, a.distance / SOUND_REACH])),
        grain_units: nearer.units[0],
        level_units: nearer.units[1],
        correlation: nearer.correlation,
        grain_log_ratio: paper.grain,
        level_difference: paper.level,
        paper_pixels: paper.pixels,
      },
    });
  }
  return found;
}
