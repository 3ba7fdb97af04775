/**
 * Spearman's rank correlation with ties, for comparing the predicted order of failures with the
 * order in which entities actually failed.
 * @module
 */

/**
 * Ranks 1…n of `values`, tied values sharing the mean of the ranks they span (fractional ranking,
 * as in Kendall & Gibbons, "Rank Correlation Methods", 5th ed., §3.8).
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // Positions start…end−1 hold one tie group: ranks start+1 … end, mean (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's ρ: the Pearson correlation of the average ranks of `x` and `y` (the tie-corrected form;
 * the shortcut 1 − 6Σd²/(n(n²−1)) is exact only without ties). NaN when fewer than two pairs or when
 * either side is constant (the order carries no information).
 * @throws {RangeError} if `x` and `y` differ in length
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`spearman: ${n} x values but ${y.length} y values`);
  if (n < 2) return Number.NaN;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2;
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
  if (sxx === 0 || syy === 0) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}
