/**
 * The 8x8 DCT's basis as JPEG defines it (orthonormal, DCT-II): frequency u's weight on pixel x at
 * DCT_BASIS[u][x]. Shared by the JPEG history and one more save, which must agree with each other
 * and with a JPEG codec on what a block's coefficients are.
 */
export const DCT_BASIS: readonly Float64Array[] = Array.from({ length: 8 }, (_, u) =>
  Float64Array.from({ length: 8 }, (_, x) => (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16)),
);
