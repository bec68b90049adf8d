import type { Box } from '../../ocr/port';
import type { Glyph } from './copy-move';
import { medianOf } from './robust';

/**
 * Where each character's foot sits against the line its word stands on, learnt from the page's own
 * print. A round glyph (0, 3, 5, 6, 8, 9, o, e) overshoots the baseline by a few percent of its
 * height, a flat one (1, 2, 4, 7) sits on it: a short field's few feet scatter by glyph shape rather
 * than by where the print lies, and a line through them leans by chance. Each character's offset,
 * read off its other prints at the field's size on the page, is taken out before the field's line is
 * fitted: sound print then stands on one line, while a paste keeps its donor's slant.
 */

/** A point of a word's lower edge: a column's, or a glyph's foot. */
export interface Point {
  x: number;
  y: number;
}

/** A print's foot against its word's line, in shares of its glyph height. */
interface FootPrint {
  text: string;
  /** Its lowest point's offset. */
  foot: number;
  /** Its columns' on the line, if any stand on it. */
  columns: number | undefined;
  height: number;
  centre: [number, number];
}

/** One print's offset only tells a character's foot with others: fewer and it is left as it lies. */
const MIN_PRINTS = 3;
/** Prints of one type size: glyph heights within this log ratio (15%). */
const SIZE_BAND = Math.log(1.15);
/** A character's prints kept at most (the first, in reading order: enough for a median). */
const MAX_PRINTS = 40;
/** Characters whose feet are learnt: letters and digits (punctuation sits anywhere). */
const SHAPED = /^[A-Za-z0-9]$/;

/**
 * A character with too few prints of its own takes its kind's: type designers let round bottoms
 * overshoot the baseline and set flat ones on it, in every Latin face, by the face's own amount.
 */
const ROUND = /^[035689CGOSUaceosu]$/;
/**
 * Characters whose foot hangs below the line the others stand on in common faces: descenders, the tails
 * of Q and J (Times sets both well below the line), brackets and commas.
 */
const HANGING = /^[gjpqyJQ(),;]$/;
export const hangsBelowLine = (text: string) => HANGING.test(text);
const kindOf = (text: string) => (ROUND.test(text) ? 'round' : HANGING.test(text) ? 'descending' : 'flat');

const inside = (x: number, b: Box) => x >= b[0] && x < b[2];

function add(to: Map<string, FootPrint[]>, key: string, print: FootPrint, most: number): void {
  const list = to.get(key) ?? [];
  if (list.length < most) list.push(print);
  to.set(key, list);
}

/** The page's prints of each character, with where each one's foot sits against its word's line. */
export class FootOffsets {
  private readonly prints = new Map<string, FootPrint[]>();
  private readonly kinds = new Map<string, FootPrint[]>();

  /**
   * Learns where each of a word's glyphs stands against the word's fitted line (`lineAt(x)`), in
   * shares of `height`: its foot (its lowest point), and the mean offset of its columns whose lower
   * edge lies on the line (within `onLine` pixels) as the line's fit reads them (a flat foot's whole
   * width, a round one's lowest columns), if any do (a "9" whose tail curls above the line has none).
   */
  learn(
    glyphs: readonly Glyph[],
    feet: readonly Point[],
    edge: readonly Point[],
    lineAt: (x: number) => number,
    height: number,
    onLine: number,
  ): void {
    for (const g of glyphs) {
      if (!SHAPED.test(g.text)) continue;
      const own = feet.filter((f) => inside(f.x, g.box));
      // A glyph box over two runs of ink (a misread, two glyphs joined) tells no one foot.
      if (own.length !== 1) continue;
      const standing = edge
        .filter((p) => inside(p.x, g.box))
        .map((p) => p.y - lineAt(p.x))
        .filter((r) => Math.abs(r) <= onLine);
      const print = {
        text: g.text,
        foot: (own[0]!.y - lineAt(own[0]!.x)) / height,
        columns: standing.length ? standing.reduce((a, r) => a + r, 0) / standing.length / height : undefined,
        height,
        centre: [(g.box[0] + g.box[2]) / 2, (g.box[1] + g.box[3]) / 2] as [number, number],
      };
      add(this.prints, g.text, print, MAX_PRINTS);
      add(this.kinds, kindOf(g.text), print, MAX_PRINTS * 4);
    }
  }

  /**
   * The character's typical offset (pixels, at `height`) from its prints outside `away`: where its
   * columns stand on the line if most of its prints have some that do, else where its foot lies (a
   * curled tail, a descender); from its kind's prints if it has too few of its own, else 0.
   */
  offsetOf(text: string, height: number, away: Box): number {
    const fair = (p: FootPrint) =>
      Math.abs(Math.log(p.height / height)) <= SIZE_BAND && !(inside(p.centre[0], away) && p.centre[1] >= away[1] && p.centre[1] < away[3]);
    const own = (this.prints.get(text) ?? []).filter(fair);
    if (own.length >= MIN_PRINTS) {
      const columns = own.flatMap((p) => (p.columns === undefined ? [] : [p.columns]));
      return medianOf(2 * columns.length > own.length ? columns : own.map((p) => p.foot)) * height;
    }
    const kind = (this.kinds.get(kindOf(text)) ?? []).filter(fair).flatMap((p) => (p.columns === undefined ? [] : [p.columns]));
    return kind.length >= MIN_PRINTS ? medianOf(kind) * height : 0;
  }

  /** Points moved by the offset of the glyph they lie under, so each glyph stands where a flat one would. */
  corrected<P extends Point>(points: readonly P[], glyphs: readonly Glyph[], height: number, away: Box): P[] {
    const shifts = glyphs.map((g) => ({ box: g.box, by: SHAPED.test(g.text) ? this.offsetOf(g.text, height, away) : 0 }));
    return points.map((p) => {
      const shift = shifts.find((s) => inside(p.x, s.box));
      return shift && shift.by !== 0 ? { ...p, y: p.y - shift.by } : p;
    });
  }
}
