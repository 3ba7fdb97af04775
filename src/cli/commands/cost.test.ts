import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { tempDir, unwind } from "../../../test/cli.ts";
import { baseScenario } from "../../../test/fixtures/scenario.ts";
import { type ReplayServer, startReplayServer } from "../../../test/replay-server.ts";
import { describeWithSharedData, sharedDataPath } from "../../../test/shared-data.ts";

// Made-up inputs for the CLI tests (not extracts of any data set): 60 days of a steady network,
// 250 EH/s, 900 BTC/day, 20 BTC of fees, price falling from $21,000 by $100 a day, and a CBECI-style
// power of 11 GW at $0.05 and 10 GW at $0.06.
const dir = tempDir();
afterAll(dir.cleanup);
const DAYS = 60;
const dates = Array.from({ length: DAYS }, (_, i) =>
  new Date(Date.UTC(2022, 9, 1) + i * 86_400_000).toISOString().slice(0, 10),
);
const networkCsv = join(dir.path, "network.csv");
writeFileSync(
  networkCsv,
  [
    "time,PriceUSD,HashRate,IssTotNtv,FeeTotNtv",
    ...dates.map((date, i) => `${date},${21_000 - 100 * i},250000000,900,20`),
  ].join("\n"),
);
const cbeciCsv = join(dir.path, "cbeci_old-method_2023-01-25.csv");
writeFileSync(
  cbeciCsv,
  ["date,0.05,0.06", ...dates.map((date) => `${date}T00:00:00,${11 * 8.766},${10 * 8.766}`)].join("\n"),
);
const files = ["--hashrate", networkCsv, "--cbeci", cbeciCsv];

function home() {
  const h = tempDir();
  return { env: { UNWIND_HOME: h.path }, cleanup: h.cleanup, path: h.path };
}

describe("unwind cost (made-up inputs)", () => {
  const h = home();
  afterAll(h.cleanup);

  it("prints one JSON object for a date, from files imported on the fly", async () => {
    const result = await unwind(["cost", "--date", "2022-11-09", ...files, "--json"], h.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const row = JSON.parse(result.stdout);
    // 11 GW × 24e6 kWh/GW/day × $0.05 ÷ 900 BTC = $14,666.67; price on day 39 = 21,000 − 3,900.
    expect(row).toMatchObject({
      date: "2022-11-09",
      electricityUsdPerKwh: 0.05,
      btcPerDay: 900,
      priceUsd: 17_100,
    });
    expect(row.costUsd.best).toBeCloseTo(14_666.667, 3);
    expect(row.costUsd.lower).toBeNull();
    expect(row.powerGW.best).toBeCloseTo(11, 9);
    expect(row.sensitivityUsdPerCent).toBeCloseTo(2933.333, 3);
    expect(row.priceToCost).toBeCloseTo(17_100 / 14_666.667, 6);
    expect(row.powerSource).toContain("CBECI old-method, downloaded 2023-01-25");
  });

  it("interpolates CBECI between price columns: $0.055 → 10.5 GW", async () => {
    const row = JSON.parse(
      (await unwind(["cost", "--date", "2022-11-09", ...files, "--electricity", "0.055", "--json"], h.env))
        .stdout,
    );
    // 10.5 × 24e6 × 0.055 ÷ 900 = $15,400.
    expect(row.costUsd.best).toBeCloseTo(15_400, 6);
    expect(row.powerSource).toContain("interpolated between 0.05 and 0.06");
  });

  it("prints an array for a range, CSV rows, and an SVG chart", async () => {
    const range = JSON.parse(
      (await unwind(["cost", "--from", "2022-11-01", "--to", "2022-11-05", ...files, "--json"], h.env))
        .stdout,
    );
    expect(range.map((r: { date: string }) => r.date)).toEqual([
      "2022-11-01",
      "2022-11-02",
      "2022-11-03",
      "2022-11-04",
      "2022-11-05",
    ]);
    const chart = join(dir.path, "chart.svg");
    const csv = await unwind(
      ["cost", "--from", "2022-11-01", "--to", "2022-11-02", ...files, "--csv", "--chart", chart],
      h.env,
    );
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^date,price_usd,cost_lower_usd,cost_best_usd,/);
    expect(lines[1]).toMatch(/^2022-11-01,17900,,14666\.66/);
    expect(readFileSync(chart, "utf8")).toMatch(/^<svg[^>]*width="1200"/);
    // CBECI gives a best guess only: no band, so none in the legend.
    expect(readFileSync(chart, "utf8")).not.toContain("Cost band");
    expect(csv.stderr).toContain(`wrote ${chart}`);
  });

  it("prints one day as readable fields, to the dollar, and says when a day has no data", async () => {
    const result = await unwind(["cost", "--date", "2022-11-09", ...files], h.env);
    expect(result.code).toBe(0);
    // $14,666.67 and, per +1¢/kWh, 11 GW × 24e6 × $0.01 ÷ 900 = $2,933.33; price 21,000 − 3,900.
    expect(result.stdout).toMatch(
      /^production cost: +\$14,667 \(no band: the source gives a best guess only\)$/m,
    );
    expect(result.stdout).toMatch(/^electricity: +\$0\.05\/kWh; \+1¢\/kWh adds \$2,933$/m);
    expect(result.stdout).toMatch(/^price: +\$17,100$/m);
    // A price but no hash rate and no CBECI: the day is reported without a cost.
    const prices = join(dir.path, "btc_closes.csv");
    writeFileSync(prices, ["date,close", ...dates.map((date) => `${date},20000`)].join("\n"));
    const empty = await unwind(["cost", "--date", "2022-11-09", "--price", prices], h.env);
    expect(empty.stdout).toMatch(/^production cost: +– \(no power data for this day\)$/m);
    // The made-up data end on 2022-11-29: nothing covers 2023-06-01 or the 30 days before it.
    const after = await unwind(["cost", "--date", "2023-06-01", ...files], h.env);
    expect(after.code).toBe(2);
    expect(after.stderr).toContain("no hash rate or price data from 2023-05-02 to 2023-06-01");
  });

  it("uses the hardware-threshold model with --power model: band, threshold and marginal machine", async () => {
    // A made-up list: A 30 J/TH (2021-01-01), B 50 J/TH (2020-06-01), C 60 J/TH (2019-01-01).
    const hardware = join(dir.path, "hardware.json");
    writeFileSync(
      hardware,
      JSON.stringify({
        models: [
          { name: "A", released: "2021-01-01", efficiencyJPerTh: 30 },
          { name: "B", released: "2020-06-01", efficiencyJPerTh: 50 },
          { name: "C", released: "2019-01-01", efficiencyJPerTh: 60 },
        ],
      }),
    );
    const args = ["cost", "--date", "2022-11-09", ...files, "--power", "model", "--hardware", hardware];
    const row = JSON.parse((await unwind([...args, "--json"], h.env)).stdout);
    expect(row.powerSource).toBe(`model new-method (${hardware}, 3 models)`);
    // Threshold on day i (price 21,000 − 100 i, revenue 920 × price, 2.5e8 TH/s):
    // 920 × price ÷ (2.5e8 × 86,400) × 3.6e6 ÷ 0.05 = price × 920 ÷ 300,000 J/TH. 2022-11-09 is day 39;
    // its 14-day mean covers days 26–39 (mean price 17,750): 54.433 J/TH. A and B are under it, C is not,
    // on every day of the 7-day power window (days 33–39: 56.3 down to 54.4 J/TH).
    expect(row.profitabilityThresholdJPerTh).toBeCloseTo((17_750 * 920) / 300_000, 9);
    expect(row.profitableModels).toBe(2);
    // New methodology on 2022-11: A weighted from 2021-03 (20 months: 0.8), B from 2020-08 (27 months:
    // 0.6); mean (0.8 × 30 + 0.6 × 50) ÷ 1.4 = 38.571 J/TH. Power = J/TH × 2.5e8 TH/s ÷ 1e9 × PUE, and
    // each GW costs 24e6 × $0.05 ÷ 900 = $1,333.33 per BTC:
    // lower 30 × 0.25 × 1.01 = 7.575 GW → $10,100; best 38.571 × 0.25 × 1.1 = 10.607 GW → $14,142.86;
    // upper 50 × 0.25 × 1.2 = 15 GW → $20,000.
    expect(row.costUsd.lower).toBeCloseTo(10_100, 6);
    expect(row.costUsd.best).toBeCloseTo(((54 / 1.4) * 0.25 * 1.1 * 4000) / 3, 6);
    expect(row.costUsd.upper).toBeCloseTo(20_000, 6);
    // Marginal machine B: 50 J/TH × 24 h ÷ 1000 × $0.05 = $0.06 per TH/s per day × 2.5e8 ÷ 900 BTC.
    expect(row.marginalCostUsd).toBeCloseTo(16_666.667, 3);
    // CBECI given but not read with --power model: said on stderr, not silently dropped.
    expect((await unwind([...args, "--json"], h.env)).stderr).toBe(
      "note: --cbeci is not used with --power model\n",
    );
    // Equal weights (old methodology): mean 40 J/TH → 11 GW → $14,666.67.
    const old = JSON.parse((await unwind([...args, "--methodology", "old", "--json"], h.env)).stdout);
    expect(old.costUsd.best).toBeCloseTo(14_666.667, 3);
  });

  it("records the run with its inputs", async () => {
    const runs = JSON.parse((await unwind(["runs", "list", "--command", "cost", "--json"], h.env)).stdout);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    const run = JSON.parse((await unwind(["runs", "show", String(runs.at(-1).id), "--json"], h.env)).stdout);
    expect(run.parameters).toMatchObject({ from: "2022-11-09", electricityUsdPerKwh: 0.05, power: "auto" });
    expect(run.summary).toMatch(/^2022-11-09: \$14\.7k/);
  });

  it.each([
    [["--date", "2022-11-09", "--from", "2022-11-01"], "give either --date or --from/--to, not both"],
    [["--to", "2022-11-09"], "--to needs --from"],
    [["--date", "2022-11-09", "--electricity", "5"], "expected a number between 0.001 and 1"],
    [["--date", "2022-11-31"], "expected a date as YYYY-MM-DD"],
    [
      ["--date", "2022-11-09", "--power", "cbeci", "--hashrate", networkCsv],
      "--power cbeci needs CBECI data",
    ],
    [["--date", "2022-11-09", "--hashrate", "/nonexistent/btc.csv"], "/nonexistent/btc.csv: file not found"],
    [["--date", "2022-11-09", "--hashrate", "no-such-dataset"], "data set 'no-such-dataset' not found"],
    [
      ["--date", "2022-11-09", ...files, "--price", networkCsv, "--price-source", "coingecko"],
      "give either --price (a file or data set) or --price-source (a kind), not both",
    ],
    [
      ["--date", "2022-11-09", "--price-source", "kraken"],
      "option '--price-source <kind>' argument 'kraken' is invalid",
    ],
    [
      ["--date", "2022-11-09", ...files, "--price-source", "coingecko"],
      "no coingecko price series (CoinGecko snapshot at 00:00 UTC of the next day, as the day's close) covers the dates",
    ],
  ])("exits 2 for %j without a stack trace", async (args, message) => {
    const fresh = home();
    const result = await unwind(["cost", ...args], fresh.env);
    fresh.cleanup();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it("exits 2 when there is no data anywhere", async () => {
    const fresh = home();
    const result = await unwind(["cost", "--date", "2022-11-09"], fresh.env);
    fresh.cleanup();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no hash rate or price data");
  });
});

describe("unwind data", () => {
  const h = home();
  afterAll(h.cleanup);
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("imports, lists, shows and removes a data set; cost then reads it from the store", async () => {
    const imported = JSON.parse((await unwind(["data", "import", networkCsv, "--json"], h.env)).stdout);
    expect(imported).toMatchObject({ format: "coinmetrics-csv", created: true });
    await unwind(["data", "import", cbeciCsv], h.env);
    const again = await unwind(["data", "import", networkCsv], h.env);
    expect(again.stdout).toMatch(/^already stored data set coinmetrics-csv-/);
    const list = await unwind(["data", "list"], h.env);
    expect(list.stdout).toContain("old, 2023-01-25");
    const row = JSON.parse((await unwind(["cost", "--date", "2022-11-09", "--json"], h.env)).stdout);
    expect(row.costUsd.best).toBeCloseTo(14_666.667, 3);
    const show = await unwind(["data", "show", imported.id], h.env);
    expect(show.stdout).toMatch(/licence:\s+CC BY-NC 4\.0/);
    expect((await unwind(["data", "remove", imported.id], h.env)).stdout).toBe(
      `removed data set ${imported.id}\n`,
    );
  });

  it("rejects a malformed file with its line and imports nothing", async () => {
    const bad = join(dir.path, "bad.csv");
    writeFileSync(bad, "time,PriceUSD,HashRate\n2022-11-01,100,1\n2022-11-02,oops,2\n");
    const fresh = home();
    const result = await unwind(["data", "import", bad], fresh.env);
    const list = await unwind(["data", "list", "--json"], fresh.env);
    fresh.cleanup();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}:3: priceusd: expected a number, got "oops"`);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it("fetches from a live source (a local replay server) and caches the response", async () => {
    const body = readFileSync(new URL("../../data/fetch/fixtures/cbeci-0.05.csv", import.meta.url), "utf8");
    server = await startReplayServer({ "/cbeci/api/v1.2.0/download/data": { body } });
    const args = [
      "data",
      "fetch",
      "cbeci",
      "--base-url",
      `${server.url}/cbeci/api`,
      "--methodology",
      "new",
      "--json",
    ];
    const first = JSON.parse((await unwind(args, h.env)).stdout);
    expect(first).toMatchObject({ format: "cbeci-download", methodology: "new", created: true });
    expect(first.series).toHaveLength(3);
    const second = await unwind(args, h.env);
    expect(JSON.parse(second.stdout)).toMatchObject({ id: first.id, created: false });
    expect(second.stderr).toContain("1 of 1 responses from the cache");
    expect(server.requests).toHaveLength(1);
  });

  it("turns mempool.space rewards into fees: a mempool-only store counts fees in revenue and --fees", async () => {
    const fixture = (name: string) =>
      readFileSync(new URL(`../../data/fetch/fixtures/${name}`, import.meta.url), "utf8");
    server = await startReplayServer({
      "/api/v1/mining/hashrate/all": { body: fixture("mempool-hashrate.json") },
      "/api/v1/mining/blocks/rewards/all": { body: fixture("mempool-rewards.json") },
      "/api/v1/historical-price": { body: fixture("mempool-prices.json") },
    });
    const fresh = home();
    await unwind(["data", "fetch", "mempool", "--base-url", `${server.url}/api/v1`], fresh.env);
    const args = ["cost", "--date", "2022-11-08", "--power", "model", "--fees"];
    const row = JSON.parse((await unwind([...args, "--json"], fresh.env)).stdout);
    const human = (await unwind(args, fresh.env)).stdout;
    fresh.cleanup();
    // 2022-11-08: reward 645,000,000 sats per block at mean height 763,044 (subsidy 6.25) → 0.2 BTC of
    // fees per block. Blocks = 2.7e20 H/s × 86,400 ÷ (3.6e13 × 2³²) = 150.874 (the 2022-11-02
    // difficulty still holds) → 30.175 BTC of fees; with --fees the cost is spread over 900 + 30.175.
    expect(row.btcPerDay).toBeCloseTo(930.1749, 3);
    expect(row.priceSource).toMatch(/^daily mean of mempool\.space quotes — mempool-api-/);
    expect(human).toMatch(
      /fees from mempool-api-\S+ \(.+\); derived: fees per block × blocks per day \(blocks = hash rate × 86,400 ÷ \(difficulty × 2³²\)/,
    );
  });

  it("refuses a fetch whose --to is before its --from, before any request", async () => {
    server = await startReplayServer({});
    const result = await unwind(
      [
        "data",
        "fetch",
        "coinmetrics",
        "--base-url",
        server.url,
        "--from",
        "2023-01-01",
        "--to",
        "2022-01-01",
      ],
      h.env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--to 2022-01-01 is before --from 2023-01-01");
    expect(server.requests).toHaveLength(0);
  });

  it("prints the built-in hardware catalogue with sources", async () => {
    const result = await unwind(["data", "hardware", "--json"], h.env);
    const list = JSON.parse(result.stdout);
    expect(list.models.length).toBeGreaterThanOrEqual(30);
    expect(list.models.every((m: { source?: string }) => m.source?.startsWith("http"))).toBe(true);
  });
});

describe("stating fills and splices", () => {
  const h = home();
  afterAll(h.cleanup);

  it("says which inputs were interpolated, between which observations, on every day and in the sources", async () => {
    // A made-up blockchain.com chart export: hash rate and price every 4 days from 2022-10-01.
    const points = (f: (k: number) => number) =>
      Array.from({ length: 16 }, (_, k) => ({ x: Date.UTC(2022, 9, 1 + 4 * k), y: f(k) }));
    const file = join(dir.path, "bc-export.json");
    writeFileSync(
      file,
      JSON.stringify({
        metric1: "hash-rate",
        metric2: "market-price",
        "hash-rate": points(() => 2.5e8),
        "market-price": points((k) => 20_000 - 100 * k),
        average: "7D",
      }),
    );
    const args = ["cost", "--date", "2022-11-11", "--hashrate", file, "--power", "model"];
    const row = JSON.parse((await unwind([...args, "--json"], h.env)).stdout);
    // Observations on 10-01 + 4k: …, 11-10, 11-14. 2022-11-11 lies between 11-10 and 11-14.
    expect(row.filled).toEqual([
      { input: "hashrate", method: "linear", from: "2022-11-10", to: "2022-11-14" },
      { input: "price", method: "linear", from: "2022-11-10", to: "2022-11-14" },
    ]);
    // Price 11-10 (k = 10): 19,000; 11-14: 18,900; a quarter of the way: 18,975.
    expect(row.priceUsd).toBeCloseTo(18_975, 9);
    const human = (await unwind(args, h.env)).stdout;
    expect(human).toMatch(
      /^filled inputs: +hashrate interpolated between 2022-11-10 and 2022-11-14; price interpolated between 2022-11-10 and 2022-11-14$/m,
    );
    // Days read: 2022-10-12 … 2022-11-11 (31, the day and its 30-day warm-up); observed among them:
    // 10-13, 10-17, 10-21, 10-25, 10-29, 11-02, 11-06, 11-10 (8); interpolated: 23.
    expect(human).toMatch(
      /hashrate from \S+bc-export\.json; 7D rolling average as published by blockchain\.com; irregular series linearly interpolated on 23 of 31 days read, 1 of 1 reported/,
    );
  });

  it("marks the CBECI → model splice with the level ratio and offers the model-only episodes", async () => {
    // CBECI (11 GW) only until 2022-11-09; after it the model with one 30 J/TH machine:
    // 30 J/TH × 2.5e8 TH/s × 1.1 ÷ 1e9 = 8.25 GW, so model ÷ CBECI = 0.75 on 2022-11-09.
    const shortCbeci = join(dir.path, "cbeci-short_old-method_2023-01-25.csv");
    writeFileSync(
      shortCbeci,
      ["date,0.05", ...dates.slice(0, 40).map((date) => `${date}T00:00:00,${11 * 8.766}`)].join("\n"),
    );
    const hardware = join(dir.path, "one-model.json");
    writeFileSync(
      hardware,
      JSON.stringify({ models: [{ name: "A", released: "2021-01-01", efficiencyJPerTh: 30 }] }),
    );
    const args = [
      "floor",
      "--date",
      "2022-11-29",
      "--hashrate",
      networkCsv,
      "--cbeci",
      shortCbeci,
      "--hardware",
      hardware,
      "--methodology",
      "old",
      "--since",
      "2022-10-01",
      "--threshold",
      "1.3",
    ];
    const report = JSON.parse((await unwind([...args, "--json"], h.env)).stdout);
    expect(report.splices).toHaveLength(1);
    expect(report.splices[0]).toMatchObject({
      date: "2022-11-10",
      previousDate: "2022-11-09",
      from: "cbeci",
      to: "model",
      ratioDate: "2022-11-09",
    });
    expect(report.splices[0].modelToCbeci).toBeCloseTo(0.75, 9);
    // Spliced: price 21,000 − 100 i is below 1.3 × $14,666.67 = $19,066.67 (CBECI) from i = 20
    // (2022-10-21) to the splice, i = 39; below 1.3 × $11,000 = $14,300 (model: 8.25 GW × 24e6 × $0.05
    // ÷ 900) never, as the price ends at $15,100. On the model alone: no episode at all.
    expect(report.episodes).toHaveLength(1);
    expect(report.episodes[0]).toMatchObject({
      start: "2022-10-21",
      end: "2022-11-09",
      daysBelow: 20,
      ongoing: false,
    });
    expect(report.consistentEpisodes).toMatchObject({ power: "model", episodes: [] });
    const human = (await unwind(args, h.env)).stdout;
    expect(human).toContain(
      "power splice: CBECI until 2022-11-09, the model from 2022-11-10 (model ÷ CBECI = 0.750 on 2022-11-09)",
    );
    expect(human).toContain("0 episodes with price/cost < 1.3 since 2022-10-01 on the model's cost alone");
    // The chart marks the splice.
    const chart = join(dir.path, "splice.svg");
    await unwind(
      ["cost", "--from", "2022-11-01", "--to", "2022-11-20", ...args.slice(3, 11), "--chart", chart],
      h.env,
    );
    expect(readFileSync(chart, "utf8")).toContain("CBECI → model (×0.75)");
    // The model's days have a band (PUE 1.01–1.20), named in the legend.
    expect(readFileSync(chart, "utf8")).toContain("Cost band (lower–upper)");
  });
});

describe("unwind floor", () => {
  const h = home();
  afterAll(h.cleanup);

  it("reports the floor on a date with the post-halving cost and episodes", async () => {
    const report = JSON.parse(
      (await unwind(["floor", "--date", "2022-11-29", ...files, "--since", "2022-10-01", "--json"], h.env))
        .stdout,
    );
    // Price 21,000 − 100 i falls below the $14,666.67 cost on day 64 — after the data; none below by 11-29.
    expect(report.today.costUsd.best).toBeCloseTo(14_666.667, 3);
    expect(report.episodes).toEqual([]);
    expect(report.afterNextHalving).toMatchObject({ halvingHeight: 840_000, btcPerDay: 450 });
    expect(report.afterNextHalving.costUsd.best).toBeCloseTo(29_333.333, 3);
    // Below 1.3 × $14,666.67 = $19,066.67 means 21,000 − 100 i < 19,066.67, i.e. i ≥ 20: from
    // 2022-10-21 (price $19,000, ratio 1.2955) to the end of the data.
    const high = JSON.parse(
      (
        await unwind(
          [
            "floor",
            "--date",
            "2022-11-29",
            ...files,
            "--since",
            "2022-10-01",
            "--threshold",
            "1.3",
            "--json",
          ],
          h.env,
        )
      ).stdout,
    );
    expect(high.episodes[0]).toMatchObject({ start: "2022-10-21", ongoing: true });
    // The lowest ratio is on the last day, 2022-11-29 (i = 59): 15,100 ÷ 14,666.67.
    expect(high.episodes[0].minRatio).toBeCloseTo(15_100 / 14_666.667, 6);
  });

  it("spreads the post-halving cost over the same fees when --fees is given", async () => {
    const report = JSON.parse(
      (
        await unwind(
          ["floor", "--date", "2022-11-29", ...files, "--since", "2022-10-01", "--fees", "--json"],
          h.env,
        )
      ).stdout,
    );
    // 11 GW × 24e6 × $0.05 = $13.2M a day, over 900 + 20 BTC = $14,347.83; after the halving over
    // 450 + 20 BTC = $28,085.11 (not $13.2M ÷ 450 = $29,333.33, which would drop the fees).
    expect(report.today.costUsd.best).toBeCloseTo(13_200_000 / 920, 6);
    expect(report.afterNextHalving.btcPerDay).toBe(470);
    expect(report.afterNextHalving.costUsd.best).toBeCloseTo(13_200_000 / 470, 6);
  });

  it("exits 2 without --date when no day has a cost (a price but no power)", async () => {
    const prices = join(dir.path, "btc_prices.csv");
    writeFileSync(prices, ["date,close", ...dates.map((date) => `${date},20000`)].join("\n"));
    for (const command of ["floor", "cost"]) {
      const fresh = home();
      const result = await unwind([command, "--price", prices], fresh.env);
      fresh.cleanup();
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        /no day from \S+ to \S+ has a production cost: it needs CBECI power or a hash rate/,
      );
    }
  });

  it("computes the floor from a scenario's network state without any data", async () => {
    const scenario = {
      ...baseScenario(),
      bitcoinNetwork: {
        date: "2022-11-09",
        hashrateEhs: 272.29,
        difficulty: 3.6e13,
        priceUsd: 15_758,
        blockSubsidyBtc: 6.25,
        feesBtcPerDay: 25.72,
      },
    };
    const file = join(dir.path, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
    const fresh = home();
    const result = await unwind(["floor", "--scenario", file, "--json"], fresh.env);
    fresh.cleanup();
    expect(result.code).toBe(0);
    const floor = JSON.parse(result.stdout);
    expect(floor).toMatchObject({ date: "2022-11-09", priceUsd: 15_758, btcPerDay: 900 });
    expect(floor.afterNextHalving.costUsd.best).toBeCloseTo(2 * floor.costUsd.best, 6);
    expect(floor.caveats[0]).toContain("single date");
  });
});

describeWithSharedData(
  "unwind cost on the shared data",
  ["cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv", "coinmetrics-btc-2026/btc.csv"],
  () => {
    const h = home();
    afterAll(h.cleanup);
    const cbeci = sharedDataPath("cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv");
    const network = sharedDataPath("coinmetrics-btc-2026/btc.csv");

    it("old-method CBECI, 2022-11-09, $0.05/kWh: about $15.7k (JPMorgan: 'about $15,000')", async () => {
      const row = JSON.parse(
        (
          await unwind(
            ["cost", "--date", "2022-11-09", "--cbeci", cbeci, "--hashrate", network, "--json"],
            h.env,
          )
        ).stdout,
      );
      // 103.0085506 TWh/yr ÷ 8.766 × 24e6 × 0.05 ÷ 900 = $15,667.9 (production-cost.md §a).
      expect(row.costUsd.best).toBeCloseTo(15_667.9, 0);
      expect(row.priceUsd).toBeCloseTo(15_758.29, 2);
      // JPMorgan: "a decline of around 25% from here" was to $13k from ~$17–18k; at the close of the
      // 9th the price was already at the cost.
      expect(row.impliedMove).toBeCloseTo(15_667.9 / 15_758.29 - 1, 4);
      expect(existsSync(cbeci)).toBe(true);
    });
  },
);
