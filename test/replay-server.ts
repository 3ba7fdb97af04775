/**
 * Test support: a real HTTP server on 127.0.0.1 (random port) that replays responses the tests
 * script, so fetchers run against real sockets without touching the internet. Each route answers
 * with its steps in order (the last step repeats), which simulates retries (5xx then 200), rate
 * limits (429 with Retry-After), timeouts (a delay longer than the client waits), dropped
 * connections, malformed bodies and conditional requests (ETag → 304).
 * @module
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted response. `{{base}}` in the body is replaced by the server's URL. */
export interface ReplayStep {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Wait this long before answering, ms. */
  readonly delayMs?: number;
  /** Close the connection without answering. */
  readonly hangUp?: boolean;
  /** Answer 304 with no body when the request's If-None-Match equals this. */
  readonly notModifiedIfEtag?: string;
}

/** A request the server received. */
export interface ReplayRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** A running replay server. */
export interface ReplayServer {
  readonly url: string;
  readonly requests: ReplayRequest[];
  close(): Promise<void>;
}

/** Starts a server answering `routes` (keyed by path without query); unknown paths get 404. */
export async function startReplayServer(
  routes: Readonly<Record<string, ReplayStep | readonly ReplayStep[]>>,
): Promise<ReplayServer> {
  const counters = new Map<string, number>();
  const requests: ReplayRequest[] = [];
  let base = "";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", base);
    requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
    const route = routes[url.pathname];
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`no route ${url.pathname}`);
      return;
    }
    const steps = Array.isArray(route) ? route : [route as ReplayStep];
    const index = counters.get(url.pathname) ?? 0;
    counters.set(url.pathname, index + 1);
    const step = steps[Math.min(index, steps.length - 1)]!;
    setTimeout(() => {
      if (step.hangUp) {
        request.socket.destroy();
        return;
      }
      if (step.notModifiedIfEtag && request.headers["if-none-match"] === step.notModifiedIfEtag) {
        response.writeHead(304, { etag: step.notModifiedIfEtag }).end();
        return;
      }
      response.writeHead(step.status ?? 200, { "content-type": "application/json", ...step.headers });
      response.end((step.body ?? "").replaceAll("{{base}}", base));
    }, step.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
