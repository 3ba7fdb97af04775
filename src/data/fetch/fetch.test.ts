import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { inputErrorOfAsync } from "../../../test/input-error.ts";
import { type ReplayServer, type ReplayStep, startReplayServer } from "../../../test/replay-server.ts";
import { useFreshStore } from "../../../test/store.ts";
import type { Store } from "../../store/database.ts";
import { dayNumber } from "../days.ts";
import { fetchBlockchainCom } from "./blockchain-com.ts";
import { fetchCbeci } from "./cbeci.ts";
import { fetchCoinMetrics } from "./coinmetrics.ts";
import { httpGet } from "./http.ts";
import { fetchMempool } from "./mempool.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const ok = (name: string): ReplayStep => ({ body: fixture(name) });
const fast = { backoffMs: 5, timeoutMs: 2000 };

describe("fetchers against a local replay server", () => {
  let server: ReplayServer;
  afterEach(() => server.close());

  it("Coin Metrics: follows next_page_url and maps metrics to canonical series", async () => {
    server = await startReplayServer({
      "/v4/timeseries/asset-metrics": [ok("coinmetrics-page1.json"), ok("coinmetrics-page2.json")],
    });
    const { dataset, responses } = await fetchCoinMetrics({
      ...fast,
      baseUrl: `${server.url}/v4`,
      from: "2022-11-07",
    });
    expect(responses).toHaveLength(2);
    expect(server.requests[0]!.query.get("page_size")).toBe("10000");
    expect(server.requests[0]!.query.get("start_time")).toBe("2022-11-07");
    expect(server.requests[1]!.query.get("next_page_token")).toBe("page2");
    const hashrate = dataset.series.find((s) => s.metric === "btc.hashrate")!;
    expect([...hashrate.days]).toEqual([
      dayNumber("2022-11-07"),
      dayNumber("2022-11-08"),
      dayNumber("2022-11-09"),
    ]);
    expect([...hashrate.values]).toEqual([2.6e8, 2.7e8, 2.72e8]);
    // A null value is a missing day, not a zero.
    expect(dataset.series.find((s) => s.metric === "btc.market_cap_usd")!.values).toHaveLength(2);
    expect(dataset.licence).toContain("CC BY-NC 4.0");
  });

  it("retries 5xx and a dropped connection, then succeeds", async () => {
    server = await startReplayServer({
      "/x": [{ status: 503, body: "busy" }, { hangUp: true }, { status: 502 }, { body: "fine" }],
    });
    const retries: string[] = [];
    const result = await httpGet(`${server.url}/x`, {
      ...fast,
      onRetry: (_n, reason) => retries.push(reason),
    });
    expect(result.body).toBe("fine");
    expect(server.requests).toHaveLength(4);
    expect(retries[0]).toBe("HTTP 503 Service Unavailable — busy");
    expect(retries).toHaveLength(3);
  });

  it("waits as long as Retry-After says on HTTP 429", async () => {
    server = await startReplayServer({
      "/limited": [{ status: 429, headers: { "retry-after": "0.3" } }, { body: "done" }],
    });
    const started = Date.now();
    const result = await httpGet(`${server.url}/limited`, { ...fast });
    expect(result.body).toBe("done");
    // Backoff alone would have waited 5 ms; Retry-After asked for 300 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("gives up after the retries with the URL, the reason and the attempt count", async () => {
    server = await startReplayServer({ "/slow": { delayMs: 400, body: "late" } });
    const error = await inputErrorOfAsync(
      httpGet(`${server.url}/slow`, { timeoutMs: 80, retries: 1, backoffMs: 5 }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toBe(`GET ${server.url}/slow failed after 2 attempt(s): no response within 80 ms`);
  });

  it("does not retry a 404 or a 400", async () => {
    server = await startReplayServer({ "/bad": { status: 400, body: '{"error":"bad metric"}' } });
    const missing = await inputErrorOfAsync(httpGet(`${server.url}/missing`, fast));
    expect(missing.code).toBe("NOT_FOUND");
    const bad = await inputErrorOfAsync(httpGet(`${server.url}/bad`, fast));
    expect(bad.message).toContain('failed after 1 attempt(s): HTTP 400 Bad Request — {"error":"bad metric"}');
    expect(server.requests).toHaveLength(2);
  });

  it("reports a malformed body with the URL, line and column", async () => {
    server = await startReplayServer({ "/charts/hash-rate": { body: '{"values": [{"x": 1, "y": }]}' } });
    const error = await inputErrorOfAsync(
      fetchBlockchainCom({ ...fast, baseUrl: `${server.url}/charts`, charts: ["hash-rate"] }),
    );
    // The '}' after `"y": ` is the 27th character of line 1.
    expect(error.message).toMatch(/\/charts\/hash-rate\?[^:]*:1:27: unexpected '}'; expected a JSON value/);
  });

  it("reports a well-formed body of the wrong shape by field", async () => {
    server = await startReplayServer({
      "/v4/timeseries/asset-metrics": { body: '{"data": [{"asset": "btc"}]}' },
    });
    const error = await inputErrorOfAsync(fetchCoinMetrics({ ...fast, baseUrl: `${server.url}/v4` }));
    expect(error.message).toContain("data[0].time");
  });

  it("blockchain.com: one request per chart, daily series in canonical units", async () => {
    server = await startReplayServer({
      "/charts/hash-rate": ok("blockchain-hash-rate.json"),
      "/charts/market-price": ok("blockchain-market-price.json"),
    });
    const { dataset } = await fetchBlockchainCom({
      ...fast,
      baseUrl: `${server.url}/charts`,
      charts: ["hash-rate", "market-price"],
    });
    expect(dataset.series.map((s) => [s.metric, s.sampling, s.values[2]])).toEqual([
      ["btc.hashrate", "daily", 2.72e8],
      ["btc.price_usd", "daily", 16000],
    ]);
    expect(server.requests[0]!.query.get("sampled")).toBe("false");
  });

  it("CBECI: one CSV per price, three bounds in GW, methodology and download date recorded", async () => {
    server = await startReplayServer({ "/cbeci/api/v1.2.0/download/data": ok("cbeci-0.05.csv") });
    const { dataset } = await fetchCbeci({ ...fast, baseUrl: `${server.url}/cbeci/api`, methodology: "old" });
    expect(server.requests[0]!.query.get("price")).toBe("0.05");
    expect(dataset.methodology).toBe("old");
    expect(dataset.downloadDate).toBe(new Date().toISOString().slice(0, 10));
    expect(dataset.series.map((s) => [s.metric, s.values[2]])).toEqual([
      ["cbeci.power_gw.lower@0.05", 6],
      ["cbeci.power_gw.best@0.05", 11],
      ["cbeci.power_gw.upper@0.05", 18],
    ]);
  });

  it("mempool.space: H/s to TH/s, difficulty as a step series, sats to BTC, daily mean price", async () => {
    server = await startReplayServer({
      "/api/v1/mining/hashrate/1y": ok("mempool-hashrate.json"),
      "/api/v1/mining/blocks/rewards/1y": ok("mempool-rewards.json"),
      "/api/v1/historical-price": ok("mempool-prices.json"),
    });
    const { dataset } = await fetchMempool({ ...fast, baseUrl: `${server.url}/api/v1`, period: "1y" });
    const byMetric = Object.fromEntries(dataset.series.map((s) => [s.metric, s]));
    expect(byMetric["btc.hashrate"]!.values[2]).toBe(2.72e8);
    expect(byMetric["btc.difficulty"]!.sampling).toBe("step");
    // 638,888,888 sats = 6.38888888 BTC.
    expect(byMetric["btc.reward_per_block"]!.values[0]).toBeCloseTo(6.38888888, 8);
    // Two quotes on 2022-11-07 (20,000 and 19,000) average to 19,500.
    expect([...byMetric["btc.price_usd"]!.values]).toEqual([19500, 18000]);
  });
});

describe("the response cache in the store", () => {
  let server: ReplayServer;
  let store: Store;
  useFreshStore((opened) => {
    store = opened;
  });
  afterEach(async () => {
    await server.close();
  });

  it("reuses a young response without a request", async () => {
    server = await startReplayServer({ "/c": { body: "v1" } });
    await httpGet(`${server.url}/c`, { ...fast, cache: store });
    const again = await httpGet(`${server.url}/c`, { ...fast, cache: store, maxAgeMs: 3_600_000 });
    expect(again).toMatchObject({ body: "v1", origin: "cache" });
    expect(server.requests).toHaveLength(1);
  });

  it("revalidates an older one with If-None-Match and keeps the body on 304", async () => {
    server = await startReplayServer({
      "/c": [
        { body: "v1", headers: { etag: '"abc"' } },
        { notModifiedIfEtag: '"abc"', body: "v2" },
      ],
    });
    await httpGet(`${server.url}/c`, { ...fast, cache: store });
    const again = await httpGet(`${server.url}/c`, { ...fast, cache: store });
    expect(again).toMatchObject({ body: "v1", origin: "revalidated" });
    expect(server.requests[1]!.headers["if-none-match"]).toBe('"abc"');
  });
});
