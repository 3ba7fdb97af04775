/**
 * Coin Metrics community API v4 (https://docs.coinmetrics.io/api): `timeseries/asset-metrics` for BTC,
 * daily, following `next_page_url` until the last page. No key; 10 requests per 6 s per IP
 * (HTTP 429 beyond, retried after Retry-After). CC BY-NC 4.0.
 * @module
 */
import { COINMETRICS_METRICS, coinMetricsApiDataset, parseCoinMetricsApiPage } from "../coinmetrics.ts";
import { type Fetched, type FetchOptions, fetched } from "./fetched.ts";
import { type HttpResult, httpGet } from "./http.ts";

/** Default base URL (override with `--base-url` or `$UNWIND_COINMETRICS_URL`). */
export const COINMETRICS_BASE_URL = "https://community-api.coinmetrics.io/v4";

/** Fetches BTC's daily price, hash rate, blocks, issuance and fees. */
export async function fetchCoinMetrics(options: FetchOptions = {}): Promise<Fetched> {
  const base = (options.baseUrl ?? COINMETRICS_BASE_URL).replace(/\/$/, "");
  const query = new URLSearchParams({
    assets: "btc",
    metrics: Object.keys(COINMETRICS_METRICS)
      .filter((m) => m !== "DiffMean" && m !== "RevUSD")
      .join(","),
    frequency: "1d",
    page_size: "10000",
    ...(options.from ? { start_time: options.from } : {}),
    ...(options.to ? { end_time: options.to } : {}),
  });
  let url: string | undefined = `${base}/timeseries/asset-metrics?${query}`;
  const responses: HttpResult[] = [];
  const rows: Record<string, string | null>[] = [];
  for (let page = 0; url && page < 1000; page++) {
    const response = await httpGet(url, options);
    responses.push(response);
    const parsed = parseCoinMetricsApiPage(response.body, { file: url });
    rows.push(...(parsed.rows as Record<string, string | null>[]));
    url = parsed.nextPageUrl;
  }
  return fetched(coinMetricsApiDataset(rows, `${base}/timeseries/asset-metrics`), responses);
}
