/**
 * Average ranks (1 = highest value), ties share the mean of the positions they occupy:
 * [90, 80, 80, 70] → [1, 2.5, 2.5, 4]. Values are compared as given (callers round9 first).
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value);
  const ranks = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
    const shared = (i + 1 + j + 1) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!.index] = shared;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation of paired values: the Pearson correlation of their average
 * ranks (exact with ties). 1 = the same order, −1 = reversed. Null with fewer than two pairs
 * or when either side has no spread (every value equal): the order is then undefined.
 */
export function spearmanCorrelation(pairs: ReadonlyArray<readonly [number, number]>): number | null {
  if (pairs.length < 2) return null;
  const rx = averageRanks(pairs.map((p) => p[0]));
  const ry = averageRanks(pairs.map((p) => p[1]));
  const n = pairs.length;
  const mean = (n + 1) / 2; // mean of ranks 1..n, ties included
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}
