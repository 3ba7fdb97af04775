/**
 * What every fetcher returns, and the options they share.
 * @module
 */
import { sha256Hex } from "../../core/hash.ts";
import type { ImportedDataset } from "../imported.ts";
import type { HttpOptions, HttpResult } from "./http.ts";

/** Options of every fetcher. */
export interface FetchOptions extends HttpOptions {
  /** API base URL (tests point this at a local server). */
  readonly baseUrl?: string | undefined;
  /** First and last day wanted (YYYY-MM-DD), where the API can filter. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** A fetched data set ready for {@link saveDataset}. */
export interface Fetched {
  readonly dataset: ImportedDataset;
  /** SHA-256 over the response bodies, in request order. */
  readonly contentHash: string;
  readonly responses: readonly HttpResult[];
}

/** Bundles a data set with the hash of the responses it came from. */
export function fetched(dataset: ImportedDataset, responses: readonly HttpResult[]): Fetched {
  return {
    dataset,
    contentHash: sha256Hex(responses.map((r) => `${r.url}\n${r.body}`).join("\n\u0000\n")),
    responses,
  };
}
