/**
 * Format detection and dispatch: one entry point that turns a file's text into an
 * {@link ImportedDataset}, detecting the format from the content (header, JSON shape) unless the
 * caller names it. Hardware lists become data sets without series whose `meta.models` holds the list.
 * @module
 */
import { InputError } from "../core/errors.ts";
import { parseBlockchainComJson } from "./blockchain-com.ts";
import { type CbeciMethodology, parseCbeciByPriceCsv, parseCbeciDownloadCsv } from "./cbeci.ts";
import { coinMetricsApiDataset, parseCoinMetricsApiPage, parseCoinMetricsCsv } from "./coinmetrics.ts";
import { readCsv, type TextOrigin } from "./csv.ts";
import { type ParsedDailyCsv, parseCoinGeckoCsv, parseDailyCsv, parseTradingViewCsv } from "./daily-csv.ts";
import {
  type HardwareList,
  type HardwareModel,
  parseCbeciMinersCsv,
  parseCbeciMinersJson,
  parseUnwindHardwareJson,
} from "./hardware-list.ts";
import { type ImportedDataset, importedSeries } from "./imported.ts";
import { parseMempoolHashrateJson, parseMempoolPricesJson, parseMempoolRewardsJson } from "./mempool.ts";

/** Every format unwind imports. */
export const DATA_FORMATS = [
  "coinmetrics-csv",
  "coinmetrics-api",
  "blockchain-charts",
  "mempool-hashrate",
  "mempool-rewards",
  "mempool-prices",
  "cbeci-by-price",
  "cbeci-download",
  "cbeci-hardware-csv",
  "cbeci-hardware-json",
  "unwind-hardware",
  "tradingview-csv",
  "coingecko-csv",
  "daily-csv",
] as const;

/** A format id. */
export type DataFormat = (typeof DATA_FORMATS)[number];

/** Options for {@link importText}. */
export interface ImportOptions extends TextOrigin {
  /** Skip detection and read as this format. */
  readonly format?: DataFormat | undefined;
  /** CBECI only: methodology (else inferred from the file name). */
  readonly methodology?: CbeciMethodology | undefined;
  /** CBECI only: download date YYYY-MM-DD (else inferred from the file name). */
  readonly downloadDate?: string | undefined;
  /** Generic daily CSVs: asset prefix of the metric ids (`btc` → `btc.close`). Default: from the file. */
  readonly asset?: string | undefined;
  /** blockchain.com API responses: chart name (e.g. `hash-rate`). */
  readonly chart?: string | undefined;
  /** Overrides the format's default licence. */
  readonly licence?: string | undefined;
}

/**
 * Detects the format of `text`: JSON by its shape, CSV by its header.
 * @throws {InputError} when nothing matches, listing the formats unwind reads
 */
export function detectFormat(text: string, origin: TextOrigin = {}): DataFormat {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    if (/^\[\s*\[/.test(start)) return "cbeci-hardware-json";
    if (/^\[\s*\{[^}]*"avgRewards"/.test(start)) return "mempool-rewards";
    const head = start.slice(0, 4000);
    if (/"hashrates"\s*:/.test(head)) return "mempool-hashrate";
    if (/"prices"\s*:\s*\[/.test(head)) return "mempool-prices";
    if (/"metric1"\s*:|"values"\s*:\s*\[/.test(head)) return "blockchain-charts";
    if (/"data"\s*:\s*\[/.test(head) && /"asset"\s*:/.test(head)) return "coinmetrics-api";
    if (/"models"\s*:\s*\[/.test(head)) return "unwind-hardware";
    throw unknown(origin, "JSON");
  }
  const firstLine = start.slice(0, Math.max(0, start.indexOf("\n")) || start.length);
  if (/^Average electricity cost assumption/i.test(firstLine)) return "cbeci-download";
  const header = readCsv(firstLine, origin).header.map((h) => h.toLowerCase());
  const has = (...names: string[]) => names.every((n) => header.includes(n));
  if (has("miner_name")) return "cbeci-hardware-csv";
  if (header[0] === "date" && header.length > 1 && header.slice(1).every((h) => /^\d*\.\d+$/.test(h)))
    return "cbeci-by-price";
  if (has("time") && header.some((h) => ["priceusd", "hashrate", "blkcnt", "isstotntv"].includes(h)))
    return "coinmetrics-csv";
  if (has("time", "open", "high", "low", "close")) return "tradingview-csv";
  if (has("date", "price", "total_volume", "market_cap")) return "coingecko-csv";
  if (header.some((h) => ["date", "time", "timestamp", "day", "datetime"].includes(h))) return "daily-csv";
  throw unknown(origin, "CSV");
}

function unknown(origin: TextOrigin, kind: string): InputError {
  return new InputError(
    "INVALID_INPUT",
    [
      {
        path: "",
        message: `cannot tell which ${kind} format this is; pass --format (one of ${DATA_FORMATS.join(", ")})`,
      },
    ],
    { file: origin.file },
  );
}

/** Parses `text` in its detected (or given) format. */
export function importText(text: string, options: ImportOptions = {}): ImportedDataset {
  const format = options.format ?? detectFormat(text, options);
  const dataset = parseAs(format, text, options);
  return options.licence ? { ...dataset, licence: options.licence } : dataset;
}

function parseAs(format: DataFormat, text: string, options: ImportOptions): ImportedDataset {
  switch (format) {
    case "coinmetrics-csv":
      return parseCoinMetricsCsv(text, options);
    case "coinmetrics-api":
      return coinMetricsApiDataset(parseCoinMetricsApiPage(text, options).rows, options.file ?? "(text)");
    case "blockchain-charts":
      return parseBlockchainComJson(text, options);
    case "mempool-hashrate":
      return parseMempoolHashrateJson(text, options);
    case "mempool-rewards":
      return parseMempoolRewardsJson(text, options);
    case "mempool-prices":
      return parseMempoolPricesJson(text, options);
    case "cbeci-by-price":
      return parseCbeciByPriceCsv(text, options);
    case "cbeci-download":
      return parseCbeciDownloadCsv(text, options);
    case "cbeci-hardware-csv":
      return hardwareDataset(parseCbeciMinersCsv(text, options));
    case "cbeci-hardware-json":
      return hardwareDataset(parseCbeciMinersJson(text, options));
    case "unwind-hardware":
      return hardwareDataset(parseUnwindHardwareJson(text, options));
    case "tradingview-csv":
      return dailyDataset(
        format,
        parseTradingViewCsv(text, options),
        options,
        "TradingView terms of use (no redistribution)",
      );
    case "coingecko-csv": {
      const table = parseCoinGeckoCsv(text, options);
      const coin = table.text.coin_name?.[0];
      return dailyDataset(format, table, { ...options, asset: options.asset ?? coin }, "CoinGecko API terms");
    }
    case "daily-csv":
      return dailyDataset(format, parseDailyCsv(text, options), options, null);
  }
}

/** A hardware list as a data set without series. */
export function hardwareDataset(list: HardwareList): ImportedDataset {
  return {
    format: list.format,
    source: list.source,
    licence: list.licence,
    methodology: null,
    downloadDate: null,
    series: [],
    meta: { models: list.models },
  };
}

/** The hardware list kept in a data set's meta, if it is one. */
export function hardwareFromDataset(dataset: {
  format: string;
  source: string;
  licence: string | null;
  meta: Readonly<Record<string, unknown>>;
}): HardwareList | undefined {
  const models = dataset.meta.models as HardwareModel[] | undefined;
  return Array.isArray(models)
    ? { models, source: dataset.source, format: dataset.format, licence: dataset.licence }
    : undefined;
}

const MONEY_COLUMNS = new Set([
  "open",
  "high",
  "low",
  "close",
  "adj close",
  "price",
  "market_cap",
  "total_volume",
  "volume",
]);

/** Generic daily table → `<asset>.<column>` series (money columns in USD). */
function dailyDataset(
  format: DataFormat,
  table: ParsedDailyCsv,
  options: ImportOptions,
  licence: string | null,
): ImportedDataset {
  const asset = slug(options.asset ?? assetFromFile(options.file));
  const days = table.days;
  const series = Object.entries(table.columns).map(([column, values]) =>
    importedSeries(`${asset}.${slug(column)}`, MONEY_COLUMNS.has(column) ? "USD" : "", "daily", days, values),
  );
  return {
    format,
    source: options.file ?? "(text)",
    licence,
    methodology: null,
    downloadDate: null,
    series,
    meta: { asset },
  };
}

function assetFromFile(file: string | undefined): string {
  const base =
    file
      ?.split(/[\\/]/)
      .pop()
      ?.replace(/\.[^.]+$/, "") ?? "";
  return base.split(/[_\s-]/)[0] || "series";
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
