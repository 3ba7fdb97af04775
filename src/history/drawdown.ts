/**
 * Changes and troughs of a daily series between dates: the reported side of the market-cap and
 * price comparisons.
 * @module
 */
import { type DailyValues, indexOfDate, valueOn } from "./series.ts";

/** Relative change from the level on `from` to the level on `to` (−0.25 = −25%); NaN if either is missing. */
export function changeBetween(series: DailyValues, from: string, to: string): number {
  return valueOn(series, to) / valueOn(series, from) - 1;
}

/** Lowest level in a window and its change from the window's first level. */
export interface Trough {
  /** Date of the lowest level (the first one, if several are equal). */
  readonly date: string;
  readonly value: number;
  /** value / level on `from` − 1. */
  readonly change: number;
}

/**
 * Lowest level of `series` on `from` … `to` (inclusive) relative to the level on `from`.
 * Days missing from the series are skipped; undefined when `from` itself is missing.
 */
export function troughBetween(series: DailyValues, from: string, to: string): Trough | undefined {
  const start = indexOfDate(series, from);
  if (start < 0) return undefined;
  const base = series.values[start]!;
  let best = start;
  const n = series.dates.length;
  for (let i = start + 1; i < n && series.dates[i]! <= to; i++) {
    if (series.values[i]! < series.values[best]!) best = i;
  }
  const value = series.values[best]!;
  return { date: series.dates[best]!, value, change: value / base - 1 };
}
