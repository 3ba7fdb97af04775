/**
 * Trailing moving averages for daily series, as pandas' `rolling(window, min_periods=1).mean()`
 * (what CBECI uses): the mean of the non-missing values among the last `window` days, NaN only when
 * all of them are missing.
 * @module
 */

/**
 * Trailing mean over `window` days, skipping NaN; O(n) with a running sum.
 * @param out preallocated output; must not be `values` itself (values leaving the window are re-read)
 */
export function trailingMean(
  values: Float64Array,
  window: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const added = values[i]!;
    if (!Number.isNaN(added)) {
      sum += added;
      count++;
    }
    if (i >= window) {
      const dropped = values[i - window]!;
      if (!Number.isNaN(dropped)) {
        sum -= dropped;
        count--;
      }
    }
    if (count === 0) sum = 0;
    out[i] = count > 0 ? sum / count : Number.NaN;
  }
  return out;
}
