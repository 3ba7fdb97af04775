/**
 * CBECI (Cambridge Bitcoin Electricity Consumption Index, https://ccaf.io/cbnsi/cbeci) power series:
 * - the by-price table (`date,0.01,…,0.19`: best-guess annualised consumption, TWh/yr, one column per
 *   electricity price in USD/kWh), as kept by https://github.com/dataalways/energy-adjusted-cbeci;
 * - CCAF's own download (`/cbeci/api/<version>/download/data?price=P`): a preamble line with the
 *   price, then Timestamp, Date and Time, power MAX/MIN/GUESS (GW), annualised consumption (TWh).
 * Both become `cbeci.power_gw.<bound>@<price>` series in GW (TWh/yr ÷ 8.766, CBECI's own factor).
 * CBECI restates its history when its hardware list or methodology changes, so every data set keeps
 * its methodology (`old` before the August 2023 revision, `new` after) and its download date.
 * Licence: CC BY-NC-SA 4.0 (CCAF).
 * @module
 */
import { InputError } from "../core/errors.ts";
import type { TextOrigin } from "./csv.ts";
import { parseDailyCsv } from "./daily-csv.ts";
import { dayNumber } from "./days.ts";
import { type ImportedDataset, type ImportedSeries, importedSeries } from "./imported.ts";
import { type CbeciBound, cbeciMetric, TWH_PER_YEAR_PER_GW } from "./metrics.ts";

/** CBECI's licence, as recorded in ../shared/data/cbeci/PROVENANCE.md. */
export const CBECI_LICENCE = "CC BY-NC-SA 4.0 (Cambridge Centre for Alternative Finance)";

/** CBECI methodology: equal-weight without age limit (`old`, to Aug 2023) or 5-year life (`new`). */
export type CbeciMethodology = "old" | "new";

/** Provenance a CBECI import needs; inferred from the file name when not given. */
export interface CbeciImportOptions extends TextOrigin {
  readonly methodology?: CbeciMethodology | undefined;
  /** YYYY-MM-DD the file was downloaded from CCAF. */
  readonly downloadDate?: string | undefined;
}

/**
 * Methodology and download date from a file name such as
 * `cbeci_guess_twh_by_price_old-method_2023-01-25.csv`.
 */
export function cbeciProvenanceFromName(name: string): {
  methodology?: CbeciMethodology;
  downloadDate?: string;
} {
  const methodology = /(^|[^a-z])(old|new)[-_ ]?method/i.exec(name)?.[2]?.toLowerCase() as
    | CbeciMethodology
    | undefined;
  const date = /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1];
  return {
    ...(methodology ? { methodology } : {}),
    ...(date && !Number.isNaN(dayNumber(date)) ? { downloadDate: date } : {}),
  };
}

/**
 * Parses the by-price table: `date` plus one column per electricity price (`0.01` … `0.19`), each the
 * best-guess annualised consumption in TWh/yr at that price.
 * @throws {InputError} for a malformed file, or when methodology or download date is unknown
 */
export function parseCbeciByPriceCsv(text: string, options: CbeciImportOptions = {}): ImportedDataset {
  const table = parseDailyCsv(text, { ...options, dateColumn: "date" });
  const prices = Object.keys(table.columns);
  const bad = prices.filter((name) => !/^0?\.\d+$|^\d+\.\d+$/.test(name));
  if (prices.length === 0 || bad.length > 0) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          line: options.firstLine ?? 1,
          message: `expected electricity-price columns such as 0.05 after 'date'${bad.length ? `, got ${bad.join(", ")}` : ""}`,
        },
      ],
      { file: options.file },
    );
  }
  const days = table.days;
  const series = prices.map((price) =>
    toPowerSeries("best", Number(price), days, table.columns[price]!, TWH_PER_YEAR_PER_GW),
  );
  return dataset("cbeci-by-price", series, options);
}

const PREAMBLE = /^Average electricity cost assumption:\s*([\d.]+)\s*USD\/kWh/i;

/**
 * Parses CCAF's download CSV (`…/download/data?price=P`). The power columns (GW) are used when present;
 * a download from before API v1.1.1 has only MAX/MIN/GUESS annualised TWh, which are converted.
 */
export function parseCbeciDownloadCsv(text: string, options: CbeciImportOptions = {}): ImportedDataset {
  const newline = text.indexOf("\n");
  const preamble = PREAMBLE.exec(text.slice(0, newline < 0 ? text.length : newline).replace(/^\uFEFF/, ""));
  if (!preamble) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          line: 1,
          message: "expected the CBECI preamble 'Average electricity cost assumption: P USD/kWh'",
        },
      ],
      { file: options.file },
    );
  }
  const price = Number(preamble[1]);
  const table = parseDailyCsv(text.slice(newline + 1), {
    ...options,
    firstLine: (options.firstLine ?? 1) + 1,
    dateColumn: "date and time",
  });
  const days = table.days;
  const series: ImportedSeries[] = [];
  for (const bound of ["lower", "best", "upper"] as const) {
    const label = bound === "lower" ? "min" : bound === "best" ? "guess" : "max";
    const gw = table.columns[`power ${label}, gw`];
    const twh = table.columns[`annualised consumption ${label}, twh`] ?? table.columns[label];
    if (gw) series.push(toPowerSeries(bound, price, days, gw, 1));
    else if (twh) series.push(toPowerSeries(bound, price, days, twh, TWH_PER_YEAR_PER_GW));
  }
  if (series.length === 0) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          line: 2,
          message: `expected 'power GUESS, GW' or 'annualised consumption GUESS, TWh' columns; got ${Object.keys(table.columns).join(", ")}`,
        },
      ],
      { file: options.file },
    );
  }
  return dataset("cbeci-download", series, options);
}

function toPowerSeries(
  bound: CbeciBound,
  price: number,
  days: ArrayLike<number>,
  values: Float64Array,
  divisor: number,
): ImportedSeries {
  const gw = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) gw[i] = values[i]! / divisor;
  return importedSeries(cbeciMetric(bound, price), "GW", "daily", days, gw);
}

function dataset(format: string, series: ImportedSeries[], options: CbeciImportOptions): ImportedDataset {
  const inferred = options.file ? cbeciProvenanceFromName(options.file) : {};
  const methodology = options.methodology ?? inferred.methodology;
  const downloadDate = options.downloadDate ?? inferred.downloadDate;
  const missing = [
    methodology ? "" : "its methodology (--methodology old|new)",
    downloadDate ? "" : "its download date (--download-date YYYY-MM-DD)",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          message: `a CBECI series must record ${missing.join(" and ")}: CBECI restates its history, so a figure is only reproducible with both`,
        },
      ],
      { file: options.file },
    );
  }
  return {
    format,
    source: options.file ?? "(text)",
    licence: CBECI_LICENCE,
    methodology: methodology!,
    downloadDate: downloadDate!,
    series,
    meta: {},
  };
}
