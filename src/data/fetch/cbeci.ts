/**
 * CBECI download API (`https://ccaf.io/cbeci/api/<version>/download/data?price=P`): one CSV per
 * electricity price with the lower, best and upper power. The fetch date is recorded as the download
 * date; the methodology is `new` for downloads after CCAF's August 2023 revision unless stated.
 * @module
 */
import { CBECI_LICENCE, type CbeciMethodology, parseCbeciDownloadCsv } from "../cbeci.ts";
import type { ImportedSeries } from "../imported.ts";
import { type Fetched, type FetchOptions, fetched } from "./fetched.ts";
import { type HttpResult, httpGet } from "./http.ts";

/** Default base URL (override with `--base-url` or `$UNWIND_CBECI_URL`). */
export const CBECI_BASE_URL = "https://ccaf.io/cbeci/api";
/** API version used for downloads. */
export const CBECI_API_VERSION = "v1.2.0";
/** First day of CCAF's revised (age-weighted, 5-year-life) methodology, as far as downloads are concerned. */
export const CBECI_NEW_METHOD_FROM = "2023-08-01";

/** Fetches CBECI power at each electricity price (USD/kWh, default 0.05 only). */
export async function fetchCbeci(
  options: FetchOptions & {
    readonly prices?: readonly number[];
    readonly methodology?: CbeciMethodology | undefined;
    readonly version?: string;
  } = {},
): Promise<Fetched> {
  const base = (options.baseUrl ?? CBECI_BASE_URL).replace(/\/$/, "");
  const version = options.version ?? CBECI_API_VERSION;
  const today = new Date().toISOString().slice(0, 10);
  const methodology = options.methodology ?? (today >= CBECI_NEW_METHOD_FROM ? "new" : "old");
  const responses: HttpResult[] = [];
  const series: ImportedSeries[] = [];
  for (const price of options.prices ?? [0.05]) {
    const response = await httpGet(`${base}/${version}/download/data?price=${price.toFixed(2)}`, options);
    responses.push(response);
    series.push(
      ...parseCbeciDownloadCsv(response.body, {
        file: response.url,
        methodology,
        downloadDate: response.fetchedAt.slice(0, 10),
      }).series,
    );
  }
  return fetched(
    {
      format: "cbeci-download",
      source: `${base}/${version}/download/data`,
      licence: CBECI_LICENCE,
      methodology,
      downloadDate: responses[0]?.fetchedAt.slice(0, 10) ?? today,
      series,
      meta: { apiVersion: version },
    },
    responses,
  );
}
