import type { Box, OcrWord } from '../../ocr/port';
import type { Glyph } from './copy-move';
import { boxAround, fieldSpan } from './field-spans';
import { FootOffsets, hangsBelowLine, type Point } from './glyph-feet';
import { boxLevels, type Grey } from './grey';
import { medianOf, robustSpread, theilSenSlope } from './robust';
import { strongest, type PixelFinding } from './types';

/**
 * Print at another angle than its neighbours'. A page is printed, then scanned or photographed at one
 * slant, so all of its print leans alike (a photo's perspective bends that slowly across the page). A
 * field pasted from another capture carries its donor's slant inside a level rectangle: its print
 * leans against the print around it, whatever its paper, grain or typeface.
 *
 * Each word's slant is read off the feet of its glyphs (each glyph's lowest edge, placed to a fraction
 * of a pixel where its ink crosses half the contrast): the line they stand on, robustly fitted, so a
 * descender or a round glyph's overshoot does not tilt it. Summing a word's ink along slanted rows
 * and taking the sharpest profile does not do: a printed edge at a slight slant is a staircase of
 * level runs on the pixel grid, and the level slant looked sharpest on most pages. A field's slant is
 * compared with the median of its nearest words', and the difference is counted as the drift it makes
 * across the word's width (pixels): a slant is read to within a fraction of a pixel of drift at the
 * word's ends whatever its length, so a short field's angle is as unsure as its drift says. The unit
 * is the page's own (the spread of its words' drifts against their neighbours') and the field's own
 * (its fit's standard error as drift across its width), taken together: a field of few feet, or feet
 * that scatter about their line (round and flat feet mixed, a blurred print), leans by chance further
 * than the page's typical word does. A field is also read with each glyph's foot taken up by its
 * character's offset on the page (`glyph-feet.ts`: a round glyph overshoots the line a flat one stands
 * on), and along its flat feet alone (small print's round glyphs may end in a hairline too faint to
 * read, their feet where their curves fade), and judged by the reading that leans least.
 */

/** Words with this many digits, or a postcode half, read like the fields a forger pastes over. */
const MIN_DIGITS = 2;
const POSTCODE_PART = /^(?:[A-Z]{1,2}\d[A-Z\d]?|\d[A-Z]{2})$/;
/** A pasted field often reads badly (its remnants and the paste read as one word): judged from this confidence up. */
const MIN_FIELD_CONFIDENCE = 30;
/** Words that form the page's slant are read at least this well. */
const MIN_CONFIDENCE = 70;
/** Contrast (grey levels) between a word's paper and ink below which it holds no print to read. */
const MIN_CONTRAST = 40;
/** A word this many times as wide as it is tall at least: a shorter one's slant is a guess. */
const MIN_ASPECT = 2;
/** Words shorter than this (pixels) hold glyphs too coarse for their feet to be placed. */
const MIN_HEIGHT = 10;
/** A run of ink columns shorter than this (pixels) is a speck or a dot, not a glyph. */
const MIN_GLYPH = 4;
/** Glyph feet a word needs for its slant to be read: of three, one descender or round foot tilts the line. */
const MIN_FEET = 4;
/** Share of a word's feet that must stand on its line. */
const ON_SHARE = 0.75;
/** A foot further than this share of the glyph height from the line is a descender or an overshoot. */
const ON_LINE = 0.08;
/** How many of the nearest words give a field's expected slant (a photo's perspective changes it slowly). */
const NEIGHBOURS = 8;
/**
 * A slant further than this (degrees) from its neighbours' is no line of print but feet OCR boxed from
 * two rows. A paste's remnant and its print, set at another size, can stand 8 degrees apart in one box.
 */
const MAX_OFF = 10;
const MIN_NEIGHBOURS = 4;
/** At most this many words form the page's spread (evenly taken): enough for a median, cheap on a dense page. */
const NORM_WORDS = 80;
/** The spread's floor (pixels of drift): on a page of identical words the spread would be a pixel's rounding. */
const MIN_SPREAD = 0.15;
/**
 * The drift, in units of the page's spread, that lands at the region threshold: the most a sound field
 * reached on the tuning and sound-only seeds (5.02, a sound scan's date written out) and 15% (see README).
 */
const REACH = 5.8;
const REGION_THRESHOLD = 1.5;

export interface SlantedWord {
  word: OcrWord;
  box: Box;
  /** OCR's characters, boxed on the page: whose feet sit where is learnt from them. */
  glyphs?: Glyph[];
}

const DIGIT = /\d/g;
const fieldLike = (w: OcrWord) =>
  w.confidence >= MIN_FIELD_CONFIDENCE && ((w.text.match(DIGIT)?.length ?? 0) >= MIN_DIGITS || POSTCODE_PART.test(w.text));

/** A glyph's lowest point: where its ink's foot lies, to a fraction of a pixel. */
interface Foot {
  x: number;
  y: number;
  /** The glyph's height (its foot less its highest ink), pixels. */
  height: number;
}

/** OCR boxes a glyph to a pixel or two short of its ink's fading edge: its feet are looked for this far (pixels) past the box. */
const REACH_PAST = 2;
/** Ink darkness where paper is 0 and the box's ink is 1; half of it is the glyph's edge. */
const EDGE = 0.5;

/** A word's print as its slant is read: its glyphs' feet, and the lower edge of its ink in every column. */
interface Print {
  feet: Foot[];
  edge: Point[];
}

/**
 * The feet of a word's glyphs: its columns of ink split where a column holds none, each run's lowest
 * edge crossing (interpolated between the last ink pixel and the paper below it) and its highest.
 */
function printOf(page: Grey, box: Box): Print | undefined {
  const b: Box = [
    Math.max(0, box[0]),
    Math.max(0, box[1] - REACH_PAST),
    Math.min(page.width, box[2]),
    Math.min(page.height - 1, box[3] + REACH_PAST),
  ];
  const height = box[3] - box[1];
  if (height < MIN_HEIGHT || box[2] - box[0] < MIN_ASPECT * height) return undefined;
  const { paper, ink } = boxLevels(page, b);
  const contrast = paper - ink;
  if (contrast < MIN_CONTRAST) return undefined;
  const dark = (x: number, y: number) => (paper - page.data[y * page.width + x]!) / contrast;
  const feet: Foot[] = [];
  const edge: Point[] = [];
  let run: { x: number; y: number; top: number } | undefined;
  const close = () => {
    if (run && run.y - run.top >= MIN_GLYPH) feet.push({ x: run.x, y: run.y, height: run.y - run.top });
    run = undefined;
  };
  for (let x = b[0]; x < b[2]; x++) {
    let bottom = -1;
    for (let y = b[3] - 1; y >= b[1] && bottom < 0; y--) if (dark(x, y) >= EDGE) bottom = y;
    if (bottom < 0) {
      close();
      continue;
    }
    let top = b[1];
    while (dark(x, top) < EDGE) top++;
    const here = dark(x, bottom);
    const below = dark(x, bottom + 1);
    // Ink running on past the box: its foot is somewhere below, not here.
    if (below >= EDGE) continue;
    const foot = bottom + (here - EDGE) / (here - below);
    edge.push({ x, y: foot });
    if (!run) run = { x, y: foot, top };
    else {
      if (foot > run.y) [run.x, run.y] = [x, foot];
      run.top = Math.min(run.top, top);
    }
  }
  close();
  return { feet, edge };
}

/** Pairs of feet closer than this share of the word's glyph height are too near for a slope. */
const MIN_PAIR_SPAN = 1;
/** Columns whose lower edge lies within this share of the glyph height of the feet's line stand on it too. */
const ON_EDGE = 0.04;
/** Times the line is fitted again through the columns standing on it. */
const EDGE_FITS = 2;
/**
 * A column whose lower edge lies within this many pixels of both its neighbours' is part of a flat foot
 * (a slope of 11 degrees: print leans a few, a blurred edge wavers a tenth of a pixel); a round or
 * curled foot's lowest columns turn more steeply.
 */
const LEVEL_STEP = 0.2;

/**
 * The columns of flat feet: where a word's lower edge runs level. Small print whose round glyphs end in
 * a hairline (Times) shows where their curves fade, a bowl's side or a tail's curl, at heights that
 * are the glyphs' shapes: a line through them leans by shape, while a flat foot stands on the line.
 */
function levelColumns(edge: Point[]): Point[] {
  const level = (a: Point | undefined, b: Point) => a !== undefined && Math.abs(a.x - b.x) === 1 && Math.abs(a.y - b.y) <= LEVEL_STEP;
  return edge.filter((p, i) => level(edge[i - 1], p) && level(edge[i + 1], p));
}

/** A least-squares line: its slope, a point on it, and how surely its slope is read. */
interface Line {
  slope: number;
  at: Point;
  /** The slope's standard error: the points' scatter about the line over their spread along it. */
  slopeError: number;
}

/** The least-squares line through points. */
function lineThrough(points: Point[]): Line {
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const scatter = points.reduce((a, p) => a + (p.y - my - slope * (p.x - mx)) ** 2, 0) / Math.max(1, points.length - 2);
  return { slope, at: { x: mx, y: my }, slopeError: Math.sqrt(scatter / sxx) };
}

/**
 * The slope (degrees) of the line a word's glyphs stand on: of the lines through two feet a glyph
 * height apart or more, the one most feet stand on (within a share of the glyph height), then a
 * least-squares line through those feet, so a descender ("p") or a round glyph's overshoot does not
 * tilt it. Undefined when too few of the feet stand on one line (two rows in one box, a misread).
 * The line is then fitted again through every column whose lower edge stands on it (a flat foot's
 * whole width, a round one's lowest columns): each foot is one column's edge, read to about a fifth
 * of a pixel, and a word's few feet leave its slant unsure by a pixel of drift; its many columns do not.
 * `flatFeet` fits the line through flat feet's columns only (`levelColumns`), none when too few stand on it.
 */
function slantOf({ feet, edge }: Print, flatFeet = false): Line | undefined {
  if (feet.length < MIN_FEET) return undefined;
  const height = medianOf(feet.map((f) => f.height));
  const tolerance = ON_LINE * height;
  let on: Foot[] = [];
  for (let i = 0; i < feet.length; i++)
    for (let j = i + 1; j < feet.length; j++) {
      const [a, b] = [feet[i]!, feet[j]!];
      if (b.x - a.x < MIN_PAIR_SPAN * height) continue;
      const slope = (b.y - a.y) / (b.x - a.x);
      const standing = feet.filter((f) => Math.abs(f.y - a.y - slope * (f.x - a.x)) <= tolerance);
      if (standing.length > on.length) on = standing;
    }
  if (on.length < MIN_FEET || on.length < ON_SHARE * feet.length) return undefined;
  let line = lineThrough(on);
  const columns = flatFeet ? levelColumns(edge) : edge;
  for (let fit = 0; fit < EDGE_FITS; fit++) {
    const { slope, at } = line;
    const standing = columns.filter((p) => Math.abs(p.y - at.y - slope * (p.x - at.x)) <= ON_EDGE * height);
    // Too few columns on the line (thin or round feet only) read the slant no better than the feet do: their line is kept.
    if (standing.length < 2 * MIN_FEET) {
      if (flatFeet && fit === 0) return undefined;
      break;
    }
    line = lineThrough(standing);
  }
  return line;
}

interface Slant {
  word: SlantedWord;
  degrees: number;
  width: number;
  /** How unsure its drift across its width is (pixels): one standard error of its slope, across its width. */
  noise: number;
  centre: [number, number];
}

/** Word pairs the page's slant gradient is read from: this share of the page's height apart at least, and this many. */
const GRADIENT_SPAN = 0.1;
const MIN_GRADIENT_PAIRS = 10;

/**
 * A photo's perspective: each row leans a little more than the one above it (its rows converge on a
 * vanishing point), by this many degrees a pixel down the page. Read off the page's words (Theil-Sen
 * over pairs a tenth of the page's height apart at least, where a row's own noise is small against the
 * change); nothing when too few such pairs.
 */
function slantGradient(reference: Slant[], pageHeight: number): number {
  const points = reference.map((s) => ({ x: s.centre[1], y: s.degrees }));
  return theilSenSlope(points, GRADIENT_SPAN * pageHeight, MIN_GRADIENT_PAIRS) ?? 0;
}

/**
 * The drift (pixels across the word's width) between its slant and the median of its nearest words',
 * each taken to the word's height on the page along the page's `gradient` (a field whose nearest words
 * all lie below it, on a photo whose rows lean ever more, would otherwise lean by their distance alone).
 */
function driftOf(s: Slant, others: Slant[], gradient: number): number | undefined {
  const near = others
    .filter((o) => o.word !== s.word)
    .map((o) => ({ o, d: Math.hypot(o.centre[0] - s.centre[0], o.centre[1] - s.centre[1]) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, NEIGHBOURS)
    .map((n) => n.o.degrees + gradient * (s.centre[1] - n.o.centre[1]));
  if (near.length < MIN_NEIGHBOURS) return undefined;
  const off = Math.abs(s.degrees - medianOf(near));
  if (off > MAX_OFF) return undefined;
  return s.width * Math.tan((off * Math.PI) / 180);
}

/** The slant of a word's print: its line's, across the word's width. */
function slantAlong(w: SlantedWord, line: Line): Slant {
  const width = w.box[2] - w.box[0];
  return {
    word: w,
    degrees: (Math.atan(line.slope) * 180) / Math.PI,
    width,
    noise: width * line.slopeError,
    centre: [(w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2],
  };
}

/**
 * The print a word's line is read from: without the feet of the glyphs OCR read as characters that
 * hang below the line. Two of them among a few feet outvote the line: a postcode's "1QQ" sets two
 * tails a quarter of a glyph low beside flat feet a glyph apart, and a line steep enough to run from
 * those feet down to the tails stands on five of its six feet, where the print's own stands on four.
 * Their columns stay: only those on the feet's line are fitted again (a "p"'s bowl, not its stem).
 */
function standingPrint(read: Print, glyphs: readonly Glyph[] = []): Print {
  const hanging = glyphs.filter((g) => hangsBelowLine(g.text));
  const under = (f: Foot) => hanging.some((g) => f.x >= g.box[0] && f.x < g.box[2]);
  return { feet: read.feet.filter((f) => !under(f)), edge: read.edge };
}

/**
 * A word's slant as printed, and when `feet` are given with each glyph's foot taken up by its
 * character's offset on the page and along its flat feet alone (one pixel read for all three); its
 * glyphs' feet learnt into `learn`.
 */
function slantsOfWord(page: Grey, w: SlantedWord, feet?: FootOffsets, learn?: FootOffsets): Slant[] {
  const printed = printOf(page, w.box);
  if (!printed) return [];
  const read = standingPrint(printed, w.glyphs);
  if (read.feet.length < MIN_FEET) return [];
  const height = medianOf(read.feet.map((f) => f.height));
  const line = slantOf(read);
  if (line && learn && w.glyphs)
    learn.learn(w.glyphs, read.feet, read.edge, (x) => line.at.y + line.slope * (x - line.at.x), height, ON_EDGE * height);
  const corrected =
    feet && w.glyphs
      ? slantOf({ feet: feet.corrected(read.feet, w.glyphs, height, w.box), edge: feet.corrected(read.edge, w.glyphs, height, w.box) })
      : undefined;
  // A field is read a third time along its flat feet alone: its round and curled feet may lean it by their shapes.
  const flat = feet ? slantOf(read, true) : undefined;
  return [line, corrected, flat].flatMap((l) => (l ? [slantAlong(w, l)] : []));
}

/** Every n-th of the items, so that at most `most` remain, spread over them all. */
const spreadOver = <T>(items: T[], most: number) => items.filter((_, i) => i % Math.max(1, Math.ceil(items.length / most)) === 0);

/**
 * The fields, and each field with the words beside it on its line that may belong to it, as one span:
 * a pasted field is one rectangle whatever OCR split it into, and a longer span's slant is read
 * more surely (a postcode's halves are each too short for their own).
 */
function fieldsAndSpans(words: SlantedWord[]): SlantedWord[] {
  const out: SlantedWord[] = [];
  for (const [i, w] of words.entries()) {
    if (!fieldLike(w.word)) continue;
    out.push(w);
    const span = fieldSpan(words, i, fieldLike);
    if (span.length === 1) continue;
    const box = boxAround(span.map((s) => s.box));
    out.push({ word: { ...w.word, text: span.map((s) => s.word.text).join(' ') }, box, glyphs: span.flatMap((s) => s.glyphs ?? []) });
  }
  return out;
}

/** The field whose print leans most against its neighbours', in units of the page's spread and its own fit's noise. */
export function tiltFinding(page: Grey, words: SlantedWord[]): PixelFinding | undefined {
  return strongest(tiltFindings(page, words));
}

/** Every judged field's lean against its neighbours' (see `tiltFinding`). */
export function tiltFindings(page: Grey, words: SlantedWord[]): PixelFinding[] {
  const feet = new FootOffsets();
  const reference = words.filter((w) => w.word.confidence >= MIN_CONFIDENCE).flatMap((w) => slantsOfWord(page, w, undefined, feet));
  if (reference.length < MIN_NEIGHBOURS + 1) return [];
  const norm = spreadOver(reference, NORM_WORDS);
  const gradient = slantGradient(norm, page.height);
  const drifts = norm.map((s) => driftOf(s, reference, gradient)).filter((d): d is number => d !== undefined);
  if (drifts.length < MIN_NEIGHBOURS) return [];
  // Drifts are distances from zero: their spread is taken about zero, as a signed drift's would be.
  const spread = Math.max(MIN_SPREAD, robustSpread(drifts, 0));
  const found: PixelFinding[] = [];
  for (const w of fieldsAndSpans(words)) {
    // Read as printed, and with each glyph's foot taken up by its character's offset on the page: a lean
    // that glyph shapes make is gone from the second, a paste's shows in both. A character's offset is
    // learnt from few prints (or its kind's), so neither reading alone is trusted to clear a field.
    const readings = slantsOfWord(page, w, feet).flatMap((own) => {
      const drift = driftOf(own, reference, gradient);
      // A field's own fit is as unsure as its feet scatter about its line: that adds to the page's spread.
      return drift === undefined ? [] : [{ own, drift, value: (drift / Math.hypot(spread, own.noise) / REACH) * REGION_THRESHOLD }];
    });
    if (readings.length === 0) continue;
    const { own, drift, value } = readings.reduce((a, b) => (b.value < a.value ? b : a));
    found.push({
      signal: 'region',
      box: w.box,
      word: w.word.text,
      measure: 'print_leans_unlike_its_neighbours',
      value,
      detail: { drift_pixels: drift, page_spread: spread, own_noise: own.noise, degrees: own.degrees },
    });
  }
  return found;
}
