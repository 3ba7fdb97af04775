/**
 * Daily series as struct of arrays: ISO dates plus one Float64Array per column, NaN where a value is
 * missing. This is what every parser returns, so models and other modules can use a file without
 * the store. Also: putting a sparse or irregular series onto a contiguous daily grid, with the fill
 * method (none, carry-forward, linear interpolation) stated rather than implied.
 * @module
 */
import { dayNumber } from "./days.ts";

/** A daily series: `dates[i]` is the UTC day of `columns[name][i]`. Dates strictly increase. */
export interface DailySeries {
  /** ISO dates `YYYY-MM-DD`, strictly increasing (gaps allowed). */
  readonly dates: readonly string[];
  /** Numeric columns by name, each as long as `dates`; NaN marks a missing value. */
  readonly columns: Readonly<Record<string, Float64Array>>;
}

/** One column of a series on its own: day numbers and values, same length, days strictly increasing. */
export interface SparseSeries {
  readonly days: Int32Array;
  readonly values: Float64Array;
}

/** How missing days are filled when a series is put on a daily grid. */
export type FillMethod = "none" | "carry-forward" | "linear";

/** A series on a contiguous daily grid. */
export interface GridSeries {
  /** Day number of index 0. */
  readonly startDay: number;
  /** One value per day; NaN where unknown. */
  readonly values: Float64Array;
  /** The fill method used. */
  readonly fill: FillMethod;
  /** How many grid days got a filled (not observed) value. */
  readonly filledDays: number;
  /** 1 on each grid day whose value was filled. */
  readonly filled: Uint8Array;
}

/** Options for {@link toGrid}. */
export interface GridOptions {
  readonly fill: FillMethod;
  /**
   * Largest gap (days between two observations, or after the last one for carry-forward) that is
   * filled; longer gaps stay NaN so a hole in the data never turns into a made-up figure. Default 8.
   */
  readonly maxGapDays?: number;
}

/** Parallel day numbers and values as a {@link SparseSeries}, dropping missing (NaN) values. */
export function dropMissing(days: ArrayLike<number>, values: ArrayLike<number>): SparseSeries {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) n++;
  const outDays = new Int32Array(n);
  const outValues = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) continue;
    outDays[k] = days[i]!;
    outValues[k++] = value;
  }
  return { days: outDays, values: outValues };
}

/** One column of a {@link DailySeries} as a {@link SparseSeries}, dropping missing values. */
export function sparseColumn(series: DailySeries, column: string): SparseSeries {
  const values = series.columns[column];
  if (!values) throw new RangeError(`no column '${column}'`);
  return dropMissing(series.dates.map(dayNumber), values);
}

/**
 * Puts a sparse series on the grid `[startDay, startDay + length)`. Observed days keep their value;
 * a missing day is filled by `fill` when the gap around it is at most `maxGapDays`:
 * `linear` interpolates between the observations either side (nothing before the first or after the
 * last), `carry-forward` repeats the last observation, `none` leaves NaN.
 */
export function toGrid(
  series: SparseSeries,
  startDay: number,
  length: number,
  options: GridOptions,
): GridSeries {
  const { days, values } = series;
  const maxGap = options.maxGapDays ?? 8;
  const out = new Float64Array(length).fill(Number.NaN);
  const mask = new Uint8Array(length);
  const n = days.length;
  let filled = 0;
  // Index of the first observation at or after the grid start, minus one: the last one before it.
  let k = 0;
  while (k < n && days[k]! < startDay) k++;
  for (let i = 0; i < length; i++) {
    const day = startDay + i;
    while (k < n && days[k]! < day) k++;
    if (k < n && days[k] === day) {
      out[i] = values[k]!;
      continue;
    }
    if (options.fill === "none") continue;
    const before = k - 1;
    if (before < 0) continue;
    const d0 = days[before]!;
    if (options.fill === "carry-forward") {
      if (day - d0 <= maxGap) {
        out[i] = values[before]!;
        mask[i] = 1;
        filled++;
      }
      continue;
    }
    if (k >= n) continue;
    const d1 = days[k]!;
    if (d1 - d0 > maxGap) continue;
    const v0 = values[before]!;
    out[i] = v0 + ((values[k]! - v0) * (day - d0)) / (d1 - d0);
    mask[i] = 1;
    filled++;
  }
  return { startDay, values: out, fill: options.fill, filledDays: filled, filled: mask };
}
