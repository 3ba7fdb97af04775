/**
 * HTTP GET for the data fetchers: a timeout per attempt, retries with exponential backoff on network
 * errors, timeouts, HTTP 429 and 5xx (honouring Retry-After), and a response cache in the store: a
 * response younger than `maxAgeMs` is reused without a request, an older one is revalidated with
 * If-None-Match / If-Modified-Since.
 * @module
 */
import { InputError } from "../../core/errors.ts";
import type { Store } from "../../store/database.ts";

/** Options of {@link httpGet}. */
export interface HttpOptions {
  /** Milliseconds before an attempt is abandoned (default 30 000). */
  readonly timeoutMs?: number;
  /** Attempts after the first (default 3). */
  readonly retries?: number;
  /** First backoff delay, ms; doubles per retry (default 1 000). */
  readonly backoffMs?: number;
  /** Longest wait honoured from a Retry-After header, ms (default 60 000). */
  readonly maxRetryAfterMs?: number;
  /** Store whose `http_cache` table caches responses; no caching without it. */
  readonly cache?: Store | undefined;
  /** Reuse a cached response younger than this without asking the server (default 0: always revalidate). */
  readonly maxAgeMs?: number;
  /** Called before each retry (for progress messages). */
  readonly onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

/** A fetched body. */
export interface HttpResult {
  readonly url: string;
  readonly body: string;
  readonly status: number;
  /** When the body was fetched from the server (ISO time). */
  readonly fetchedAt: string;
  /** `network`, `cache` (young enough), or `revalidated` (server answered 304). */
  readonly origin: "network" | "cache" | "revalidated";
}

interface CacheRow {
  fetched_at: string;
  status: number;
  etag: string | null;
  last_modified: string | null;
  body: string;
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * GETs `url` and returns its body.
 * @throws {InputError} `NOT_FOUND` for 404, `UNAVAILABLE` for other failures after the retries,
 * naming the URL, the status or error, and the number of attempts
 */
export async function httpGet(url: string, options: HttpOptions = {}): Promise<HttpResult> {
  const cached = options.cache
    ? (options.cache.db
        .prepare("SELECT fetched_at, status, etag, last_modified, body FROM http_cache WHERE url = ?")
        .get(url) as CacheRow | undefined)
    : undefined;
  if (cached && Date.now() - Date.parse(cached.fetched_at) < (options.maxAgeMs ?? 0)) {
    return { url, body: cached.body, status: cached.status, fetchedAt: cached.fetched_at, origin: "cache" };
  }
  const retries = options.retries ?? 3;
  let failure = "";
  let attempts = 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    attempts++;
    let retryAfterMs: number | undefined;
    try {
      const headers: Record<string, string> = { accept: "application/json, text/csv;q=0.9, */*;q=0.1" };
      if (cached?.etag) headers["if-none-match"] = cached.etag;
      if (cached?.last_modified) headers["if-modified-since"] = cached.last_modified;
      const response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        redirect: "follow",
      });
      const now = new Date().toISOString();
      if (response.status === 304 && cached) {
        await response.arrayBuffer();
        options.cache!.db.prepare("UPDATE http_cache SET fetched_at = ? WHERE url = ?").run(now, url);
        return { url, body: cached.body, status: cached.status, fetchedAt: now, origin: "revalidated" };
      }
      const body = await response.text();
      if (response.ok) {
        options.cache?.db
          .prepare(
            `INSERT INTO http_cache (url, fetched_at, status, content_type, etag, last_modified, body) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(url) DO UPDATE SET fetched_at = excluded.fetched_at, status = excluded.status,
               content_type = excluded.content_type, etag = excluded.etag, last_modified = excluded.last_modified, body = excluded.body`,
          )
          .run(
            url,
            now,
            response.status,
            response.headers.get("content-type"),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
            body,
          );
        return { url, body, status: response.status, fetchedAt: now, origin: "network" };
      }
      failure = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${summarise(body)}`;
      if (response.status === 404)
        throw new InputError("NOT_FOUND", [{ path: "", message: `GET ${url}: ${failure}` }]);
      if (!RETRYABLE.has(response.status)) break;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      if (error instanceof InputError) throw error;
      const cause = error as Error & { cause?: { code?: string; message?: string } };
      const detail = cause.cause?.code ?? cause.cause?.message;
      failure =
        cause.name === "TimeoutError"
          ? `no response within ${options.timeoutMs ?? 30_000} ms`
          : `${cause.message}${detail ? ` (${detail})` : ""}`;
    }
    if (attempt < retries) {
      const backoff = (options.backoffMs ?? 1000) * 2 ** attempt;
      const delay = Math.min(retryAfterMs ?? backoff, options.maxRetryAfterMs ?? 60_000);
      options.onRetry?.(attempt + 1, failure, delay);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw new InputError("UNAVAILABLE", [
    { path: "", message: `GET ${url} failed after ${attempts} attempt(s): ${failure}` },
  ]);
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function summarise(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text ? ` — ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : "";
}
