/**
 * Coin Metrics community data (https://coinmetrics.io/community-network-data/, CC BY-NC 4.0): the
 * daily `btc.csv` of https://github.com/coinmetrics/data and pages of the community API
 * (`/v4/timeseries/asset-metrics`). Metric definitions: https://docs.coinmetrics.io/asset-metrics.
 * @module
 */
import { z } from "zod";
import { InputError } from "../core/errors.ts";
import { parseJsonSource } from "../core/json-source.ts";
import { validate } from "../core/validation.ts";
import { IssueList, parseCell, type TextOrigin } from "./csv.ts";
import { parseDailyCsv } from "./daily-csv.ts";
import { dayNumber } from "./days.ts";
import { type ImportedDataset, type ImportedSeries, importedSeries } from "./imported.ts";
import { BTC } from "./metrics.ts";

/** Coin Metrics' community licence. */
export const COINMETRICS_LICENCE = "CC BY-NC 4.0 (Coin Metrics Inc.)";

/** Coin Metrics metric → canonical metric. `PriceUSD` is the close fixed at 00:00 UTC of the next day. */
export const COINMETRICS_METRICS: Readonly<Record<string, { metric: string; unit: string }>> = {
  PriceUSD: BTC.priceUsd,
  HashRate: BTC.hashrate,
  DiffMean: BTC.difficulty,
  BlkCnt: BTC.blocks,
  IssTotNtv: BTC.issuance,
  FeeTotNtv: BTC.fees,
  RevUSD: BTC.minerRevenueUsd,
  CapMrktCurUSD: BTC.marketCapUsd,
};

/** Parses a Coin Metrics daily CSV (`time` plus metric columns, e.g. `btc.csv`). */
export function parseCoinMetricsCsv(text: string, origin: TextOrigin = {}): ImportedDataset {
  const table = parseDailyCsv(text, {
    ...origin,
    dateColumn: "time",
    columns: Object.keys(COINMETRICS_METRICS).map((name) => name.toLowerCase()),
  });
  const days = table.days;
  const series: ImportedSeries[] = [];
  for (const [name, target] of Object.entries(COINMETRICS_METRICS)) {
    const values = table.columns[name.toLowerCase()];
    if (values) series.push(importedSeries(target.metric, target.unit, "daily", days, values));
  }
  if (series.length === 0) {
    throw new InputError(
      "INVALID_INPUT",
      [
        {
          path: "",
          line: 1,
          message: `expected at least one Coin Metrics metric column (${Object.keys(COINMETRICS_METRICS).join(", ")})`,
        },
      ],
      { file: origin.file },
    );
  }
  return {
    format: "coinmetrics-csv",
    source: origin.file ?? "(text)",
    licence: COINMETRICS_LICENCE,
    methodology: null,
    downloadDate: null,
    series,
    meta: {},
  };
}

const pageSchema = z.object({
  data: z.array(z.looseObject({ asset: z.string(), time: z.string() })),
  next_page_token: z.string().optional(),
  next_page_url: z.string().optional(),
});

/** One page of `/v4/timeseries/asset-metrics`: rows of `{asset, time, <metric>: "decimal string" | null}`. */
export interface CoinMetricsPage {
  readonly rows: readonly Readonly<Record<string, string | null>>[];
  /** URL of the next page, if any (fetch it unmodified). */
  readonly nextPageUrl: string | undefined;
}

/** Parses one API page, checking its shape. */
export function parseCoinMetricsApiPage(text: string, origin: TextOrigin = {}): CoinMetricsPage {
  const source = parseJsonSource(text, origin.file);
  const page = validate(pageSchema, source.value, { file: origin.file, source });
  return { rows: page.data as Record<string, string | null>[], nextPageUrl: page.next_page_url };
}

/** Builds a data set from the rows of all pages of an asset-metrics query. */
export function coinMetricsApiDataset(
  rows: readonly Readonly<Record<string, string | null>>[],
  source: string,
): ImportedDataset {
  const issues = new IssueList({ file: source });
  const days = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const time = rows[i]!.time ?? "";
    days[i] = dayNumber(time.slice(0, 10));
    if (Number.isNaN(dayNumber(time.slice(0, 10))))
      issues.add(`expected an ISO time, got ${JSON.stringify(time)}`, `data[${i}].time`);
    if (i > 0 && days[i]! <= days[i - 1]!)
      issues.add(`times must increase; ${time} follows ${rows[i - 1]!.time}`, `data[${i}].time`);
  }
  const series: ImportedSeries[] = [];
  for (const [name, target] of Object.entries(COINMETRICS_METRICS)) {
    if (!rows.some((row) => name in row)) continue;
    const values = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const cell = rows[i]![name];
      const value = cell === null || cell === undefined ? Number.NaN : parseCell(cell);
      if (value === undefined)
        issues.add(`expected a decimal string, got ${JSON.stringify(cell)}`, `data[${i}].${name}`);
      values[i] = value ?? Number.NaN;
    }
    series.push(importedSeries(target.metric, target.unit, "daily", days, values));
  }
  issues.throwIfAny();
  return {
    format: "coinmetrics-api",
    source,
    licence: COINMETRICS_LICENCE,
    methodology: null,
    downloadDate: null,
    series,
    meta: {},
  };
}
