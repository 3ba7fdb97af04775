/**
 * Simulated price paths against observed daily prices. Path index k is matched with the observed
 * level at 00:00 UTC of `asOf + k·stepDays` (see {@link StepCalendar}); both paths are taken
 * relative to their level at index 0, so the comparison is about moves, not about the price source.
 * @module
 */
import {
  addDays,
  closeDayOfIndex,
  type DailyValues,
  dateOfStep,
  type StepCalendar,
  valueOn,
} from "./series.ts";

/** How a simulated path compares with what was observed. */
export interface PathComparison {
  /** Path indices matched with an observation (index 0 included). */
  readonly points: number;
  /** Day whose close is the last matched index (see {@link closeDayOfIndex}). */
  readonly lastDay: string;
  /** Simulated and observed change from index 0 to the last matched index. */
  readonly predictedChange: number;
  readonly actualChange: number;
  /** Lowest simulated and observed level relative to index 0, minus 1, and the day whose close it was. */
  readonly predictedTrough: number;
  readonly predictedTroughDay: string;
  readonly actualTrough: number;
  readonly actualTroughDay: string;
  /** predictedTrough − actualTrough (fraction points; negative = simulated fall too deep). */
  readonly troughError: number;
  /**
   * Root-mean-square difference of the cumulative log returns, √(mean_k (ln(p_k/p_0) − ln(a_k/a_0))²)
   * over matched indices k ≥ 1: 0.1 means the paths are typically 10 log points apart.
   */
  readonly logPathRmse: number;
}

/**
 * Floor on a simulated relative price before taking logs: a path that the impact model drove to
 * zero counts as a 99.9999999% fall (ln 1e-9 ≈ −20.7), not −∞.
 */
export const RELATIVE_PRICE_FLOOR = 1e-9;

/**
 * Compares `predicted` (levels per path index, index 0 = `calendar.asOf`) with `actual` up to index
 * `lastIndex` (default: the whole path). Undefined when index 0 has no observation or fewer than
 * two indices match.
 */
export function comparePath(
  predicted: ArrayLike<number>,
  actual: DailyValues,
  calendar: StepCalendar,
  lastIndex = predicted.length - 1,
): PathComparison | undefined {
  const p0 = predicted[0]!;
  const a0 = valueOn(actual, calendar.asOf);
  if (!(p0 > 0) || !(a0 > 0)) return undefined;
  let points = 1;
  let lastDate = calendar.asOf;
  let lastP = 1;
  let lastA = 1;
  let troughP = 1;
  let troughPDate = calendar.asOf;
  let troughA = 1;
  let troughADate = calendar.asOf;
  let squares = 0;
  const end = Math.min(lastIndex, predicted.length - 1);
  for (let k = 1; k <= end; k++) {
    const date = dateOfStep(calendar, k);
    const a = valueOn(actual, date) / a0;
    const p = Math.max(predicted[k]! / p0, RELATIVE_PRICE_FLOOR);
    if (!(a > 0) || !Number.isFinite(p)) continue;
    points++;
    lastDate = date;
    lastP = p;
    lastA = a;
    if (p < troughP) {
      troughP = p;
      troughPDate = date;
    }
    if (a < troughA) {
      troughA = a;
      troughADate = date;
    }
    const d = Math.log(p) - Math.log(a);
    squares += d * d;
  }
  if (points < 2) return undefined;
  return {
    points,
    lastDay: addDays(lastDate, -1),
    predictedChange: lastP - 1,
    actualChange: lastA - 1,
    predictedTrough: troughP - 1,
    predictedTroughDay: addDays(troughPDate, -1),
    actualTrough: troughA - 1,
    actualTroughDay: addDays(troughADate, -1),
    troughError: troughP - troughA,
    logPathRmse: Math.sqrt(squares / (points - 1)),
  };
}
