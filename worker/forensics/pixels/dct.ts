/**
 * The 8x8 DCT's basis as JPEG defines it (orthonormal, DCT-II): frequency u's weight on pixel x at
 * DCT_BASIS[u][x]. Shared by the JPEG history and one more save, which must agree with each other
 * and with a JPEG codec on what a block's coefficients are.
 */
export const DCT_BASIS: readonly Float64Array[] = Array.from({ length: 8 }, (_, u) =>
  Float64Array.from({ length: 8 }, (_, x) => (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16)),
);

/** The basis as one array, [u * 8 + x], for the block loops of one more save. */
export const DCT_FLAT = Float64Array.from(DCT_BASIS.flatMap((row) => [...row]));

/**
 * One block row's term of a frequency: its eight pixels (level-shifted) against the frequency's eight
 * weights from `basis[at]`, summed from x = 0 up, the order the JPEG history and one more save always
 * summed in (a sum in another order may differ in its last bit).
 */
export function rowTerm(
  basis: Float64Array,
  at: number,
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  p4: number,
  p5: number,
  p6: number,
  p7: number,
): number {
  let sum = 0;
  sum += p0 * basis[at]!;
  sum += p1 * basis[at + 1]!;
  sum += p2 * basis[at + 2]!;
  sum += p3 * basis[at + 3]!;
  sum += p4 * basis[at + 4]!;
  sum += p5 * basis[at + 5]!;
  sum += p6 * basis[at + 6]!;
  sum += p7 * basis[at + 7]!;
  return sum;
}
