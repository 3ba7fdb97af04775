/**
 * blockchain.com charts API (`https://api.blockchain.info/charts/<chart>?timespan=all&format=json`):
 * hash rate, difficulty, market price, miners' revenue and fees, one request per chart.
 * @module
 */
import { BLOCKCHAIN_COM_LICENCE, parseBlockchainComJson } from "../blockchain-com.ts";
import type { ImportedSeries } from "../imported.ts";
import { type Fetched, type FetchOptions, fetched } from "./fetched.ts";
import { type HttpResult, httpGet } from "./http.ts";

/** Default base URL (override with `--base-url` or `$UNWIND_BLOCKCHAIN_URL`). */
export const BLOCKCHAIN_COM_BASE_URL = "https://api.blockchain.info/charts";

/** Charts fetched by default. */
export const DEFAULT_CHARTS = [
  "hash-rate",
  "difficulty",
  "market-price",
  "miners-revenue",
  "transaction-fees",
] as const;

/** Fetches daily chart data (unsampled; `start` from `options.from`). */
export async function fetchBlockchainCom(
  options: FetchOptions & { readonly charts?: readonly string[] } = {},
): Promise<Fetched> {
  const base = (options.baseUrl ?? BLOCKCHAIN_COM_BASE_URL).replace(/\/$/, "");
  const responses: HttpResult[] = [];
  const series: ImportedSeries[] = [];
  for (const chart of options.charts ?? DEFAULT_CHARTS) {
    const query = new URLSearchParams({
      timespan: "all",
      format: "json",
      sampled: "false",
      ...(options.from ? { start: options.from } : {}),
    });
    const response = await httpGet(`${base}/${chart}?${query}`, options);
    responses.push(response);
    series.push(...parseBlockchainComJson(response.body, { file: response.url, chart }).series);
  }
  return fetched(
    {
      format: "blockchain-charts",
      source: base,
      licence: BLOCKCHAIN_COM_LICENCE,
      methodology: null,
      downloadDate: null,
      series,
      meta: {},
    },
    responses,
  );
}
