/**
 * mempool.space REST API (https://mempool.space/docs/api/rest): hash rate and difficulty, average
 * block rewards, and the USD price history. mempool.space rate-limits (HTTP 429), which is retried.
 * @module
 */
import type { ImportedSeries } from "../imported.ts";
import {
  MEMPOOL_LICENCE,
  parseMempoolHashrateJson,
  parseMempoolPricesJson,
  parseMempoolRewardsJson,
} from "../mempool.ts";
import { type Fetched, type FetchOptions, fetched } from "./fetched.ts";
import { type HttpResult, httpGet } from "./http.ts";

/** Default base URL (override with `--base-url` or `$UNWIND_MEMPOOL_URL`). */
export const MEMPOOL_BASE_URL = "https://mempool.space/api/v1";

/** Fetches hash rate, difficulty, rewards per block and prices over `period` (default `all`). */
export async function fetchMempool(
  options: FetchOptions & { readonly period?: string } = {},
): Promise<Fetched> {
  const base = (options.baseUrl ?? MEMPOOL_BASE_URL).replace(/\/$/, "");
  const period = options.period ?? "all";
  const responses: HttpResult[] = [];
  const series: ImportedSeries[] = [];
  const parts = [
    [`${base}/mining/hashrate/${period}`, parseMempoolHashrateJson],
    [`${base}/mining/blocks/rewards/${period}`, parseMempoolRewardsJson],
    [`${base}/historical-price?currency=USD`, parseMempoolPricesJson],
  ] as const;
  for (const [url, parse] of parts) {
    const response = await httpGet(url, options);
    responses.push(response);
    series.push(...parse(response.body, { file: url }).series);
  }
  return fetched(
    {
      format: "mempool-api",
      source: base,
      licence: MEMPOOL_LICENCE,
      methodology: null,
      downloadDate: null,
      series,
      meta: { period },
    },
    responses,
  );
}
