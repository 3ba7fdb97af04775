/**
 * Daily market series as struct of arrays, and the calendar that maps simulation steps to dates.
 *
 * Convention: a value dated `D` is the level at **00:00 UTC of day D**. CoinGecko's daily
 * `market_chart` prices are snapshots at 00:00 UTC, so they are used as they are; a daily *close*
 * (TradingView bars, Coin Metrics `PriceUSD`) is the level at 00:00 UTC of the next day, so such a
 * series goes through {@link closesToInstants} first.
 * @module
 */
import { dayNumber, isoDay } from "../data/days.ts";

/** A daily series: `values[i]` is the level at 00:00 UTC of `dates[i]` (`YYYY-MM-DD`, ascending). */
export interface DailyValues {
  readonly dates: readonly string[];
  readonly values: Float64Array;
}

/** `date` plus `days` calendar days (UTC), as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return isoDay(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Index of `date` in `series`, or −1 (binary search: dates are ascending). */
export function indexOfDate(series: DailyValues, date: string): number {
  let low = 0;
  let high = series.dates.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = series.dates[mid]!;
    if (at === date) return mid;
    if (at < date) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Level on `date`, or NaN when the series has no value that day. */
export function valueOn(series: DailyValues, date: string): number {
  const i = indexOfDate(series, date);
  return i < 0 ? Number.NaN : series.values[i]!;
}

/** Re-dates a series of daily closes as levels at 00:00 UTC of the following day. */
export function closesToInstants(closes: DailyValues): DailyValues {
  return { dates: closes.dates.map((date) => addDays(date, 1)), values: closes.values };
}

/** Ratio of two series on the dates both have (e.g. stETH/ETH). */
export function seriesRatio(numerator: DailyValues, denominator: DailyValues): DailyValues {
  const dates: string[] = [];
  const values: number[] = [];
  const n = numerator.dates.length;
  for (let i = 0; i < n; i++) {
    const date = numerator.dates[i]!;
    const below = valueOn(denominator, date);
    if (Number.isNaN(below) || below === 0) continue;
    dates.push(date);
    values.push(numerator.values[i]! / below);
  }
  return { dates, values: Float64Array.from(values) };
}

/**
 * Maps simulation steps to calendar time. Path index `k` (0 … steps) is the state at 00:00 UTC of
 * `asOf + k·stepDays`; step `s` (0 … steps − 1) runs from index `s` to index `s + 1`, so an event
 * at step `s` happens on day `asOf + s·stepDays`.
 */
export interface StepCalendar {
  /** Scenario date: index 0 is 00:00 UTC of this day. */
  readonly asOf: string;
  /** Days per step (default 1). */
  readonly stepDays: number;
}

/** Date of path index `k` (00:00 UTC), or of the day on which step `k` happens. */
export function dateOfStep(calendar: StepCalendar, k: number): string {
  return addDays(calendar.asOf, Math.round(k * calendar.stepDays));
}

/**
 * The day whose close path index `k` is: the state at 00:00 UTC of `asOf + k·stepDays` is the end of
 * the day before. Reports name levels by this day ("the low was the close of 18 Jun").
 */
export function closeDayOfIndex(calendar: StepCalendar, k: number): string {
  return addDays(dateOfStep(calendar, k), -1);
}

/** Step during which `date` falls (may be fractional when `stepDays` is not 1). */
export function stepOfDate(calendar: StepCalendar, date: string): number {
  return daysBetween(calendar.asOf, date) / calendar.stepDays;
}
