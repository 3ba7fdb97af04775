import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFreshStore } from "../../test/store.ts";
import type { Store } from "../store/database.ts";
import { saveDataset } from "./datasets.ts";
import { dayNumber } from "./days.ts";
import { type ImportedDataset, importedSeries } from "./imported.ts";
import { loadNetworkInputs, priceMetric, priceSourceOf } from "./network-inputs.ts";

const d = dayNumber;
const NOV_8 = d("2022-11-08");

/** A made-up data set of one format with daily series on 2022-11-07 … 2022-11-09. */
function dataset(format: string, series: Record<string, [number, number, number]>): ImportedDataset {
  const days = [NOV_8 - 1, NOV_8, NOV_8 + 1];
  return {
    format,
    source: `${format}.made-up`,
    licence: null,
    methodology: null,
    downloadDate: null,
    series: Object.entries(series).map(([metric, values]) =>
      importedSeries(metric, "", "daily", days, values),
    ),
    meta: {},
  };
}

// Every test gets a fresh store in its own directory.
let store: Store;
let dir: string;
useFreshStore((opened, home) => {
  store = opened;
  dir = home;
});

describe("price-source precedence", () => {
  const save = (data: ImportedDataset, tag: string, at: string) =>
    saveDataset(store, data, `hash-${tag}`, new Date(at)).record.id;
  const priceOn8th = (
    options: { priceSource?: "coinmetrics" | "ohlc" | "coingecko" | "mempool" | "blockchain" } = {},
  ) => {
    const inputs = loadNetworkInputs({ startDay: NOV_8, length: 1, store, ...options });
    return { price: inputs.history.priceUsd[0], source: inputs.sources.price };
  };

  it("ranks stored prices by kind, whatever the import order: Coin Metrics, OHLC, CoinGecko, mempool, blockchain.com", () => {
    // Imported from the lowest-ranked kind to the highest, so recency alone would pick the wrong one.
    save(dataset("coinmetrics-csv", { "btc.price_usd": [1, 10, 100] }), "cm", "2026-01-01T00:00:00Z");
    save(dataset("daily-csv", { "btc.close": [2, 20, 200] }), "ohlc", "2026-01-02T00:00:00Z");
    // CoinGecko's row for D is the snapshot at 00:00 of D, the close of D − 1: 2022-11-08 reads the 9th's row.
    save(dataset("coingecko-csv", { "bitcoin.price": [3, 30, 300] }), "cg", "2026-01-03T00:00:00Z");
    save(dataset("mempool-prices", { "btc.price_usd": [4, 40, 400] }), "mp", "2026-01-04T00:00:00Z");
    save(dataset("blockchain-charts", { "btc.price_usd": [5, 50, 500] }), "bc", "2026-01-05T00:00:00Z");
    expect(priceOn8th()).toMatchObject({ price: 10, source: { priceSource: "coinmetrics" } });
    expect(priceOn8th({ priceSource: "ohlc" }).price).toBe(20);
    expect(priceOn8th({ priceSource: "coingecko" }).price).toBe(300);
    expect(priceOn8th({ priceSource: "mempool" }).price).toBe(40);
    expect(priceOn8th({ priceSource: "blockchain" }).price).toBe(50);
  });

  it("within a kind takes the most recent import, and skips a source with nothing in the window", () => {
    save(dataset("daily-csv", { "btc.close": [1, 11, 111] }), "old", "2026-01-01T00:00:00Z");
    save(dataset("daily-csv", { "btc.close": [2, 22, 222] }), "new", "2026-02-01T00:00:00Z");
    expect(priceOn8th().price).toBe(22);
    // A Coin Metrics series that ends before the window does not hide the OHLC one.
    save(
      {
        ...dataset("coinmetrics-csv", {}),
        series: [importedSeries("btc.price_usd", "USD", "daily", [d("2020-01-01")], [7])],
      },
      "cm-2020",
      "2026-03-01T00:00:00Z",
    );
    expect(priceOn8th().price).toBe(22);
  });

  it("refuses a --price-source kind that nothing provides, and reads only bitcoin tables from the store", () => {
    save(dataset("daily-csv", { "eth.close": [1, 2, 3] }), "eth", "2026-01-01T00:00:00Z");
    expect(() => priceOn8th({ priceSource: "coingecko" })).toThrow(/no coingecko price series/);
    // An ether close is not a bitcoin price: no price, and with no hash rate either, an error.
    expect(() => priceOn8th()).toThrow(/no hash rate or price data from 2022-11-08 to 2022-11-08/);
  });

  it("puts a --price file first and accepts any asset's close in it", () => {
    save(
      dataset("coinmetrics-csv", { "btc.price_usd": [1, 10, 100], "btc.hashrate": [5, 5, 5] }),
      "cm",
      "2026-01-01T00:00:00Z",
    );
    const file = join(dir, "closes.csv");
    writeFileSync(file, "date,close\n2022-11-08,12345\n");
    const inputs = loadNetworkInputs({ startDay: NOV_8, length: 1, store, priceFile: file });
    expect(inputs.history.priceUsd[0]).toBe(12345);
    expect(inputs.sources.price).toMatchObject({ metric: "closes.close", label: file, priceSource: "ohlc" });
    expect(inputs.sources.hashrate).toMatchObject({ metric: "btc.hashrate" });
  });

  it("names the metric and kind of a price series", () => {
    expect(priceMetric(["btc.open", "btc.adj_close", "btc.close"])).toBe("btc.close");
    expect(priceMetric(["bitcoin.market_cap", "bitcoin.price"])).toBe("bitcoin.price");
    expect(priceMetric(["btc.price_usd", "btc.close"])).toBe("btc.price_usd");
    expect(priceMetric(["eth.close"])).toBeUndefined();
    expect(priceMetric(["eth.close"], true)).toBe("eth.close");
    expect(priceSourceOf("tradingview-csv")).toBe("ohlc");
    expect(priceSourceOf("mempool-api")).toBe("mempool");
    expect(priceSourceOf("cbeci-by-price")).toBeNull();
  });
});

describe("fees from mempool.space rewards", () => {
  it("fees per day = fees per block × hash rate × 86,400 ÷ (difficulty × 2³²)", () => {
    saveDataset(
      store,
      {
        ...dataset("mempool-api", {}),
        series: [
          importedSeries("btc.hashrate", "TH/s", "daily", [NOV_8], [2.7e8]),
          importedSeries("btc.difficulty", "1", "step", [NOV_8 - 6], [3.6e13]),
          importedSeries("btc.fees_per_block", "BTC", "daily", [NOV_8], [0.2]),
        ],
      },
      "hash-mp",
    );
    const inputs = loadNetworkInputs({ startDay: NOV_8, length: 1, store });
    // 2.7e20 H/s × 86,400 s = 2.3328e25 hashes; 3.6e13 × 2³² = 1.5461882e23 hashes per block:
    // 150.874 blocks × 0.2 BTC = 30.1749 BTC.
    expect(inputs.history.feesBtc[0]).toBeCloseTo(30.17485, 4);
    expect(inputs.sources.fees).toMatchObject({ metric: "btc.fees_per_block" });
    expect(inputs.sources.fees!.derivation).toContain("hash rate × 86,400 ÷ (difficulty × 2³²)");
  });

  it("uses a block count where one is stored, the 144-block target where nothing is, and real fees first", () => {
    saveDataset(
      store,
      {
        ...dataset("mempool-rewards", {}),
        series: [importedSeries("btc.fees_per_block", "BTC", "daily", [NOV_8], [0.5])],
      },
      "hash-r",
      new Date("2026-01-01T00:00:00Z"),
    );
    saveDataset(store, dataset("test-prices", { "btc.price_usd": [1, 1, 1] }), "hash-p");
    const target = loadNetworkInputs({ startDay: NOV_8, length: 1, store });
    // 0.5 BTC × 144 blocks = 72 BTC.
    expect(target.history.feesBtc[0]).toBe(72);
    expect(target.sources.fees!.derivation).toContain("144-block daily target");
    saveDataset(store, dataset("test-blocks", { "btc.blocks": [150, 150, 150] }), "hash-b");
    // 0.5 × 150 = 75 BTC.
    expect(loadNetworkInputs({ startDay: NOV_8, length: 1, store }).history.feesBtc[0]).toBe(75);
    saveDataset(store, dataset("test-fees", { "btc.fees": [9, 9, 9] }), "hash-f");
    const real = loadNetworkInputs({ startDay: NOV_8, length: 1, store });
    expect(real.history.feesBtc[0]).toBe(9);
    expect(real.sources.fees!.derivation).toBeUndefined();
  });
});
