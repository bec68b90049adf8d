/** From this many values on, the median is selected rather than sorted for. */
const SELECT_FROM = 64;

/** The middle value: a norm that a few forged words cannot move. */
export function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const copy = Float64Array.from(values);
  const mid = copy.length >> 1;
  // Selection orders values as a sort does except NaN and -0 (a sort puts NaN last and -0 before 0): those are sorted.
  if (copy.length < SELECT_FROM || !plain(copy)) {
    // A typed array sorts numbers natively, several times faster than a comparator over a copied array.
    const sorted = copy.sort();
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  select(copy, mid);
  if (copy.length % 2) return copy[mid]!;
  // Below the middle lie only values no larger: the largest of them is the one a sort puts just before it.
  let below = copy[0]!;
  for (let i = 1; i < mid; i++) if (copy[i]! > below) below = copy[i]!;
  return (below + copy[mid]!) / 2;
}

/** The value at which half the total weight lies below; 0 with no weight. */
export function weightedMedian(items: { value: number; weight: number }[]): number {
  const sorted = items.filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, i) => s + i.weight, 0);
  let seen = 0;
  for (const i of sorted) {
    seen += i.weight;
    if (seen >= total / 2) return i.value;
  }
  return 0;
}

/** The spread of values about their centre that a few forged words cannot move: the median absolute deviation, scaled to a normal's standard deviation. */
export function robustSpread(values: number[], centre: number): number {
  return 1.4826 * medianOf(values.map((v) => Math.abs(v - centre)));
}

/**
 * Theil-Sen: the median of the slopes between every two points at least `minSpan` apart along x, so a
 * few points off the line (a badly boxed character, a descender) cannot tilt it; undefined when fewer
 * than `minPairs` pairs are that far apart. Points of different `group`s are not paired: each group
 * lies on a line of the same slope, at a height of its own.
 */
export function theilSenSlope(
  points: readonly { x: number; y: number; group?: number }[],
  minSpan: number,
  minPairs: number,
): number | undefined {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (Math.abs(dx) >= minSpan && points[i]!.group === points[j]!.group) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  return slopes.length >= minPairs ? medianOf(slopes) : undefined;
}

/** No NaN and no negative zero. */
function plain(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * Reorders `a` so that `a[k]` holds the value a sort would put there, no larger values before it and
 * no smaller after (quickselect on the median of three).
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const m = (lo + hi) >> 1;
    if (a[m]! < a[lo]!) swap(a, m, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[m]!) swap(a, hi, m);
    const pivot = a[m]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
