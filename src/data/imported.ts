/**
 * What an importer or fetcher produces before anything touches the store: a data set of one or more
 * series in unwind's canonical metrics and units, with the provenance a stored series must keep
 * (source, licence, and for CBECI its methodology and download date).
 * @module
 */
import { dropMissing } from "./series.ts";

/** How a series is sampled, which decides how its gaps may be filled. */
export type Sampling =
  /** One observation per day (a missing day is a gap). */
  | "daily"
  /** Observations at irregular intervals of a smooth quantity (e.g. 7-day averages every 4 days): interpolate. */
  | "irregular"
  /** A step function observed where it changes (difficulty adjustments): carry forward. */
  | "step";

/** One series of a data set: sorted days without missing values. */
export interface ImportedSeries {
  /** Canonical metric id, e.g. `btc.hashrate` or `cbeci.power_gw.best@0.05` (see metrics.ts). */
  readonly metric: string;
  /** Unit of the values, e.g. `TH/s`, `USD`, `GW`. */
  readonly unit: string;
  readonly sampling: Sampling;
  /** Day numbers, strictly increasing. */
  readonly days: Int32Array;
  readonly values: Float64Array;
  /** What else a user must know about the values (e.g. "7-day average"). */
  readonly note?: string;
}

/** A data set as parsed from a file or API response. */
export interface ImportedDataset {
  /** Format id (see formats.ts). */
  readonly format: string;
  /** File path or URL it came from. */
  readonly source: string;
  /** Licence or terms of the data, when known. */
  readonly licence: string | null;
  /** CBECI methodology (`old` equal-weight before Aug 2023, `new` after), null for other data. */
  readonly methodology: string | null;
  /** Date (YYYY-MM-DD) the data was downloaded from its publisher, when known (CBECI restates its history). */
  readonly downloadDate: string | null;
  readonly series: readonly ImportedSeries[];
  /** Format-specific facts worth keeping (e.g. a hardware list's models). */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Builds an {@link ImportedSeries} from parallel day/value arrays, dropping NaN values. */
export function importedSeries(
  metric: string,
  unit: string,
  sampling: Sampling,
  days: ArrayLike<number>,
  values: ArrayLike<number>,
  note?: string,
): ImportedSeries {
  return { metric, unit, sampling, ...dropMissing(days, values), ...(note ? { note } : {}) };
}

/** `daily` when consecutive days are one apart, else `irregular`. */
export function samplingOf(days: ArrayLike<number>): Sampling {
  for (let i = 1; i < days.length; i++) if (days[i]! - days[i - 1]! !== 1) return "irregular";
  return "daily";
}
