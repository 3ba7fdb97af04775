/**
 * The observed side of the validation: total market cap and asset prices, from the provider files the
 * data layer parses (TradingView's CRYPTOCAP:TOTAL export, CoinGecko daily CSVs). Converting them to
 * levels at 00:00 UTC is pure; reading the files (from ../shared/data by default) is the edge.
 * @module
 */
import { join } from "node:path";
import { sharedDataDir } from "../core/environment.ts";
import { NotFoundError } from "../core/errors.ts";
import { readTextFile } from "../core/files.ts";
import { parseCoinGeckoCsv, parseTradingViewCsv } from "../data/daily-csv.ts";
import type { DailySeries } from "../data/series.ts";
import { closesToInstants, type DailyValues } from "./series.ts";
import type { EpisodeMarketData } from "./validate.ts";

/** The files of the public data sets the validation reads, relative to the shared data directory. */
export const MARKET_FILES = {
  totalMarketCap: "crypto-total-mcap-tradingview/CRYPTOCAP_TOTAL_1D.csv",
  prices: {
    BTC: "coingecko-daily-2015-2023/bitcoin.csv",
    ETH: "coingecko-daily-2015-2023/ethereum.csv",
    stETH: "coingecko-daily-2015-2023/staked-ether.csv",
    SOL: "coingecko-daily-2015-2023/solana.csv",
    FTT: "coingecko-daily-2015-2023/ftx-token.csv",
    LUNA: "coingecko-daily-2015-2023/terra-luna.csv",
  },
} as const;

/** Provider name shown next to the measured market-cap moves. */
export const MARKET_CAP_PROVIDER = "TradingView CRYPTOCAP:TOTAL";

/**
 * One column of a parsed series as levels, dropping days where it is missing (NaN).
 * @throws {NotFoundError} if the series has no such column
 */
export function columnValues(series: DailySeries, column: string): DailyValues {
  const values = series.columns[column];
  if (!values) {
    throw new NotFoundError("column", column, `columns: ${Object.keys(series.columns).join(", ")}`);
  }
  const dates: string[] = [];
  const kept: number[] = [];
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    dates.push(series.dates[i]!);
    kept.push(v);
  }
  return { dates, values: Float64Array.from(kept) };
}

/**
 * Market data for the validation: TradingView daily closes re-dated as the next day's 00:00 level,
 * CoinGecko prices as they are (already 00:00 UTC snapshots), keyed by scenario asset id.
 */
export function episodeMarketData(input: {
  readonly tradingView?: DailySeries;
  readonly coinGecko?: Readonly<Record<string, DailySeries>>;
}): EpisodeMarketData {
  const prices = Object.fromEntries(
    Object.entries(input.coinGecko ?? {}).map(([asset, series]) => [asset, columnValues(series, "price")]),
  );
  return {
    ...(input.tradingView
      ? {
          provider: MARKET_CAP_PROVIDER,
          totalMarketCap: closesToInstants(columnValues(input.tradingView, "close")),
        }
      : {}),
    prices,
  };
}

/**
 * Reads the market data the validation uses from the public data sets.
 * @param dir the shared data directory (default `$UNWIND_SHARED_DATA` or ../shared/data)
 * @throws {InputError} `FILE_NOT_FOUND` naming a missing file, or a parse error with its line
 */
export function loadMarketData(dir = sharedDataDir()): EpisodeMarketData {
  const read = (file: string) => {
    const path = join(dir, file);
    return { text: readTextFile(path), file: path };
  };
  const tv = read(MARKET_FILES.totalMarketCap);
  const coinGecko = Object.fromEntries(
    Object.entries(MARKET_FILES.prices).map(([asset, file]) => {
      const { text, file: path } = read(file);
      return [asset, parseCoinGeckoCsv(text, { file: path })];
    }),
  );
  return episodeMarketData({ tradingView: parseTradingViewCsv(tv.text, { file: tv.file }), coinGecko });
}
