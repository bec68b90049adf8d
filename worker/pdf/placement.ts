/** A PDF transformation matrix [a b c d e f]. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` then `n`, as PDF concatenates a `cm` onto the current transformation matrix. */
export const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** An image drawn upright over (nearly) the whole page, as a scan is. */
const COVER_TOLERANCE = 0.02;

/** Whether an image painted under `ctm` (onto the unit square) fills the page's visible box `view` upright. */
export function coversPage(ctm: Matrix, view: number[]): boolean {
  const [vx0 = 0, vy0 = 0, vx1 = 0, vy1 = 0] = view;
  const near = (a: number, b: number, size: number) => Math.abs(a - b) <= size * COVER_TOLERANCE;
  return (
    ctm[1] === 0 &&
    ctm[2] === 0 &&
    near(ctm[0], vx1 - vx0, vx1 - vx0) &&
    near(ctm[3], vy1 - vy0, vy1 - vy0) &&
    near(ctm[4], vx0, vx1 - vx0) &&
    near(ctm[5], vy0, vy1 - vy0)
  );
}
