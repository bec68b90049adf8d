/**
 * Skew estimation by projection profiles: rotate the dark pixels by candidate angles and keep the
 * angle whose row histogram is most peaked (text lines line up with rows). Works on a small
 * greyscale copy of the page, so it costs a few milliseconds.
 */

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

function darkPoints(image: GreyImage): { xs: Float64Array; ys: Float64Array } {
  const { data, width, height } = image;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  const threshold = Math.min(160, (sum / data.length) * 0.7);
  // Counted first, so the points go straight into typed arrays rather than growing lists.
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! < threshold) count += 1;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < threshold) {
        xs[n] = x - width / 2;
        ys[n] = y - height / 2;
        n += 1;
      }
    }
  }
  return { xs, ys };
}

function profileScore(xs: Float64Array, ys: Float64Array, degrees: number, rows: number): number {
  const a = (degrees * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const bins = new Float64Array(rows * 2 + 1);
  for (let i = 0; i < xs.length; i++) {
    const y = Math.round(xs[i]! * sin + ys[i]! * cos) + rows;
    if (y >= 0 && y < bins.length) bins[y]! += 1;
  }
  let score = 0;
  for (const b of bins) score += b * b;
  return score;
}

function bestAngle(xs: Float64Array, ys: Float64Array, rows: number, from: number, to: number, step: number): number {
  let best = 0;
  let bestScore = -1;
  for (let angle = from; angle <= to + 1e-9; angle += step) {
    const score = profileScore(xs, ys, angle, rows);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return best;
}

/**
 * The rotation, in degrees clockwise, that straightens the text, searched within ±maxDegrees.
 * Blank pages or pages with too little ink give 0.
 */
export function estimateSkew(image: GreyImage, maxDegrees = 5): number {
  const { xs, ys } = darkPoints(image);
  if (xs.length < 200 || xs.length > image.data.length * 0.5) return 0;
  const rows = Math.ceil(Math.hypot(image.width, image.height));
  const coarse = bestAngle(xs, ys, rows, -maxDegrees, maxDegrees, 0.5);
  const fine = bestAngle(xs, ys, rows, coarse - 0.5, coarse + 0.5, 0.1);
  return Math.round(fine * 10) / 10;
}
