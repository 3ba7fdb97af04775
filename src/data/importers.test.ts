import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inputErrorOf } from "../../test/input-error.ts";
import { describeWithSharedData, sharedDataPath } from "../../test/shared-data.ts";
import { CATALOGUE_MODELS, HARDWARE_CATALOGUE } from "../cost/hardware-catalogue.ts";
import { parseBlockchainComJson } from "./blockchain-com.ts";
import { cbeciProvenanceFromName, parseCbeciByPriceCsv, parseCbeciDownloadCsv } from "./cbeci.ts";
import { parseCoinMetricsCsv } from "./coinmetrics.ts";
import { dayNumber } from "./days.ts";
import { DATA_FORMATS, detectFormat, hardwareFromDataset, importText } from "./formats.ts";
import { parseCbeciMinersCsv, parseCbeciMinersJson, parseUnwindHardwareJson } from "./hardware-list.ts";
import type { ImportedDataset } from "./imported.ts";
import { parseMempoolRewardsJson } from "./mempool.ts";

const valueOn = (dataset: ImportedDataset, metric: string, date: string) => {
  const series = dataset.series.find((s) => s.metric === metric)!;
  return series.values[series.days.indexOf(dayNumber(date))];
};
const fixture = (name: string) => readFileSync(new URL(`./fetch/fixtures/${name}`, import.meta.url), "utf8");

describe("CBECI importers", () => {
  it("reads methodology and download date from the file name", () => {
    expect(cbeciProvenanceFromName("cbeci_guess_twh_by_price_old-method_2023-01-25.csv")).toEqual({
      methodology: "old",
      downloadDate: "2023-01-25",
    });
    expect(cbeciProvenanceFromName("x/new_method-2023-09-02.csv")).toEqual({
      methodology: "new",
      downloadDate: "2023-09-02",
    });
    expect(cbeciProvenanceFromName("cbeci.csv")).toEqual({});
  });

  it("converts the by-price table from TWh/yr to GW per price column", () => {
    const dataset = parseCbeciByPriceCsv("date,0.05,0.10\n2022-11-09T00:00:00,87.66,43.83\n", {
      methodology: "old",
      downloadDate: "2023-01-25",
    });
    // 87.66 TWh/yr ÷ 8.766 = 10 GW; 43.83 ÷ 8.766 = 5 GW.
    expect(dataset.series.map((s) => [s.metric, s.values[0]])).toEqual([
      ["cbeci.power_gw.best@0.05", 10],
      ["cbeci.power_gw.best@0.10", 5],
    ]);
  });

  it("refuses a CBECI series whose methodology or download date is unknown", () => {
    const error = inputErrorOf(() =>
      parseCbeciByPriceCsv("date,0.05\n2022-11-09,1\n", { file: "cbeci.csv" }),
    );
    expect(error.message).toContain(
      "must record its methodology (--methodology old|new) and its download date",
    );
  });

  it("rejects non-price columns and a download without its preamble", () => {
    expect(
      inputErrorOf(() =>
        parseCbeciByPriceCsv("date,guess\n2022-01-01,1\n", {
          methodology: "old",
          downloadDate: "2023-01-01",
        }),
      ).message,
    ).toContain("expected electricity-price columns such as 0.05 after 'date', got guess");
    expect(inputErrorOf(() => parseCbeciDownloadCsv("Timestamp,x\n1,2\n", { file: "d.csv" })).message).toBe(
      "d.csv:1: expected the CBECI preamble 'Average electricity cost assumption: P USD/kWh'",
    );
  });

  it("reads CCAF's download with its three bounds (fixture)", () => {
    const dataset = parseCbeciDownloadCsv(fixture("cbeci-0.05.csv"), {
      methodology: "new",
      downloadDate: "2024-01-01",
    });
    expect(valueOn(dataset, "cbeci.power_gw.upper@0.05", "2022-11-07")).toBe(20);
    expect(valueOn(dataset, "cbeci.power_gw.best@0.05", "2022-11-09")).toBe(11);
  });
});

describe("hardware lists", () => {
  it("reads the CCAF server-config layout (J/GH → J/TH, unix release)", () => {
    const list = parseCbeciMinersCsv(
      "Miner_name,UNIX_date_of_release,Efficiency_J_Gh,Qty\nBitmain Antminer S3,1404172800,0.76569,20000\n",
    );
    // 1404172800 s = 2014-07-01; 0.76569 J/GH = 765.69 J/TH.
    expect(list.models).toHaveLength(1);
    expect(list.models[0]).toMatchObject({ name: "Bitmain Antminer S3", released: "2014-07-01" });
    expect(list.models[0]!.efficiencyJPerTh).toBeCloseTo(765.69, 9);
  });

  it("reads the equipment-list layout: DD/MM/YYYY, thousands separators, type", () => {
    const list = parseCbeciMinersCsv(
      'Miner_name,Type,Date of release,UNIX_date_of_release,Hashing Power (TH/s),Power (W),Efficiency (J/Gh),Weight in kg\nBitmain Antminer S7,,01/09/2015,"1,441,065,600",5,"1,293",0.2734,3.9\nIntel Core i5-650,CPU,01/01/2009,"1,230,768,000",0.0000051,73,14313.7255,\n',
    );
    expect(list.models[0]).toEqual({
      name: "Bitmain Antminer S7",
      released: "2015-09-01",
      efficiencyJPerTh: 273.4,
      hashrateThs: 5,
      powerW: 1293,
    });
    expect(list.models[1]).toMatchObject({ released: "2009-01-01", kind: "cpu" });
  });

  it("reports bad rows with their line", () => {
    const error = inputErrorOf(() =>
      parseCbeciMinersCsv(
        "Miner_name,UNIX_date_of_release,Efficiency_J_Gh\nA,1404172800,-1\nB,yesterday,0.1\n",
        { file: "m.csv" },
      ),
    );
    expect(error.message).toBe(
      'm.csv:2: Efficiency_J_Gh: expected a positive efficiency in J/GH, got "-1"\nm.csv:3: release: expected a release date (DD/MM/YYYY or unix seconds), got "yesterday"',
    );
  });

  it("reads CCAF's front-end JSON and validates its shape", () => {
    expect(parseCbeciMinersJson('[["S9", 1464739200, 0.098]]').models[0]).toMatchObject({
      released: "2016-06-01",
      efficiencyJPerTh: 98,
    });
    // "June" starts at column 9 of `[["S9", "June", 0.098]]`.
    expect(
      inputErrorOf(() => parseCbeciMinersJson('[["S9", "June", 0.098]]', { file: "m.json" })).message,
    ).toContain("m.json:1:9: [0][1]");
  });

  it("round-trips the shipped catalogue through unwind's hardware JSON", () => {
    const text = JSON.stringify({ licence: HARDWARE_CATALOGUE.licence, models: CATALOGUE_MODELS });
    expect(parseUnwindHardwareJson(text).models).toEqual(CATALOGUE_MODELS);
    expect(detectFormat(text)).toBe("unwind-hardware");
    expect(
      inputErrorOf(() =>
        parseUnwindHardwareJson(
          '{"models": [{"name": "X", "released": "2020-13-01", "efficiencyJPerTh": 30}]}',
        ),
      ).message,
    ).toContain("models[0].released");
  });

  it("ships a catalogue whose every model has a source, a real date and a positive efficiency", () => {
    expect(CATALOGUE_MODELS.length).toBeGreaterThanOrEqual(30);
    for (const m of CATALOGUE_MODELS) {
      expect(m.source).toMatch(/^https?:\/\//);
      expect(dayNumber(m.released)).not.toBeNaN();
      // Efficiency is power ÷ hash rate, J/TH.
      expect(m.efficiencyJPerTh).toBeCloseTo(m.powerW! / m.hashrateThs!, 9);
    }
  });
});

describe("network data importers (small made-up inputs)", () => {
  it("Coin Metrics CSV: only the metrics it knows, in canonical units", () => {
    const dataset = parseCoinMetricsCsv("time,PriceUSD,HashRate,Other\n2022-11-09,15758.29,272291362.9,1\n");
    expect(dataset.series.map((s) => s.metric)).toEqual(["btc.price_usd", "btc.hashrate"]);
  });

  it("blockchain.com web export: x in ms, irregular sampling, 7-day-average note", () => {
    const dataset = parseBlockchainComJson(
      '{"metric1":"hash-rate","metric2":"market-price","hash-rate":[{"x":1667952000000,"y":2.7e8},{"x":1668297600000,"y":2.6e8}],"market-price":[{"x":1667952000000,"y":16000}],"type":"linear","average":"7D","timespan":"all"}',
    );
    expect(dataset.series[0]).toMatchObject({
      metric: "btc.hashrate",
      sampling: "irregular",
      note: "7D rolling average as published by blockchain.com",
    });
    expect([...dataset.series[0]!.days]).toEqual([dayNumber("2022-11-09"), dayNumber("2022-11-13")]);
    expect(dataset.series[1]).toMatchObject({ metric: "btc.price_usd" });
  });

  it("blockchain.com web export showing one chart twice (metric2 = metric1) gives one series", () => {
    const dataset = parseBlockchainComJson(
      '{"metric1":"market-price","metric2":"market-price","market-price":[{"x":1667952000000,"y":16000}],"average":"7D"}',
    );
    expect(dataset.series.map((s) => s.metric)).toEqual(["btc.price_usd"]);
  });

  it("mempool.space rewards: fees per block = reward − subsidy at the blocks' heights", () => {
    // Daily buckets (period `all`) around the 630,000 halving (2020-05-11); mean heights 144 apart.
    // 2020-05-10: 12.5 subsidy, reward 12.9 → 0.4 fees. 2020-05-11: heights 629,928–630,071, half at
    // 12.5 and half at 6.25 → 9.375 subsidy, reward 9.775 → 0.4. 2020-05-12: 6.25 → reward 6.5 → 0.25.
    const rows = [
      { avgHeight: 629_856, timestamp: 1_589_112_000, avgRewards: 1_290_000_000 },
      { avgHeight: 630_000, timestamp: 1_589_198_400, avgRewards: 977_500_000 },
      { avgHeight: 630_144, timestamp: 1_589_284_800, avgRewards: 650_000_000 },
    ];
    const dataset = parseMempoolRewardsJson(JSON.stringify(rows));
    const fees = dataset.series.find((s) => s.metric === "btc.fees_per_block")!;
    expect([...fees.days]).toEqual([
      dayNumber("2020-05-10"),
      dayNumber("2020-05-11"),
      dayNumber("2020-05-12"),
    ]);
    expect(fees.values[0]).toBeCloseTo(0.4, 9);
    expect(fees.values[1]).toBeCloseTo(0.4, 9);
    expect(fees.values[2]).toBeCloseTo(0.25, 9);
    expect(inputErrorOf(() => parseMempoolRewardsJson('[{"timestamp":1,"avgRewards":1}]')).message).toContain(
      "avgHeight",
    );
  });

  it("blockchain.com API response: needs the chart name when the title is unknown", () => {
    expect(inputErrorOf(() => parseBlockchainComJson('{"name":"Something","values":[]}')).message).toContain(
      "pass the chart name",
    );
  });

  it.each([
    ["coinmetrics-page1.json", "coinmetrics-api"],
    ["blockchain-hash-rate.json", "blockchain-charts"],
    ["cbeci-0.05.csv", "cbeci-download"],
    ["mempool-hashrate.json", "mempool-hashrate"],
    ["mempool-rewards.json", "mempool-rewards"],
    ["mempool-prices.json", "mempool-prices"],
  ])("detects %s as %s", (name, format) => {
    expect(detectFormat(fixture(name))).toBe(format);
  });

  it("says which formats exist when it cannot tell", () => {
    expect(inputErrorOf(() => detectFormat('{"hello": 1}', { file: "x.json" })).message).toBe(
      `x.json: cannot tell which JSON format this is; pass --format (one of ${DATA_FORMATS.join(", ")})`,
    );
  });

  it("imports a generic daily CSV under an asset prefix", () => {
    const dataset = importText("Date,Close,Volume\n2022-11-09,15880.78,1e9\n", { file: "/x/BTC_USD.csv" });
    expect(dataset.series.map((s) => [s.metric, s.unit])).toEqual([
      ["btc.close", "USD"],
      ["btc.volume", "USD"],
    ]);
  });
});

describeWithSharedData(
  "importers on the real shared data files",
  [
    "cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv",
    "cbeci/cbeci_guess_twh_by_price_new-method_2023-09-02.csv",
    "cbeci/cbeci_machines_090325.csv",
    "cbeci/cbeci_miners_ccaf-repo_2020-05.csv",
    "cbeci/cbeci_miners_ccaf-frontend_2021-02.json",
    "blockchaincom-charts/hash-rate.json",
    "coinmetrics-2020/btc.csv",
    "coingecko-daily-2015-2023/solana.csv",
    "crypto-total-mcap-tradingview/CRYPTOCAP_TOTAL_1D.csv",
    "btc-usd-yahoo/BTC_USD.csv",
  ],
  () => {
    const load = (path: string) =>
      importText(readFileSync(sharedDataPath(path), "utf8"), { file: sharedDataPath(path) });

    it("CBECI old and new method: 2022-11-09 at $0.05 is 103.01 and 98.14 TWh/yr (PROVENANCE.md)", () => {
      const old = load("cbeci/cbeci_guess_twh_by_price_old-method_2023-01-25.csv");
      expect(old).toMatchObject({ format: "cbeci-by-price", methodology: "old", downloadDate: "2023-01-25" });
      expect(old.series).toHaveLength(19);
      expect(valueOn(old, "cbeci.power_gw.best@0.05", "2022-11-09")! * 8.766).toBeCloseTo(103.0086, 3);
      const fresh = load("cbeci/cbeci_guess_twh_by_price_new-method_2023-09-02.csv");
      expect(valueOn(fresh, "cbeci.power_gw.best@0.05", "2022-11-09")! * 8.766).toBeCloseTo(98.1449, 3);
      expect(fresh.series[0]!.days).toHaveLength(4795);
    });

    it("the three CBECI hardware lists: 166, 90 and 93 models, S19 XP at 21.5 J/TH", () => {
      const equipment = hardwareFromDataset(load("cbeci/cbeci_machines_090325.csv"))!;
      expect(equipment.models).toHaveLength(166);
      expect(equipment.models.find((m) => m.name === "Bitmain Antminer S19 XP")).toMatchObject({
        released: "2022-07-01",
        efficiencyJPerTh: 21.5,
      });
      expect(hardwareFromDataset(load("cbeci/cbeci_miners_ccaf-repo_2020-05.csv"))!.models).toHaveLength(90);
      expect(hardwareFromDataset(load("cbeci/cbeci_miners_ccaf-frontend_2021-02.json"))!.models).toHaveLength(
        93,
      );
    });

    it("blockchain.com hash rate: 7-day averages every ~4 days, 271 EH/s on 2022-11-10", () => {
      const dataset = load("blockchaincom-charts/hash-rate.json");
      const hashrate = dataset.series.find((s) => s.metric === "btc.hashrate")!;
      expect(hashrate.sampling).toBe("irregular");
      expect(hashrate.days.length).toBeGreaterThan(1500);
      expect(valueOn(dataset, "btc.hashrate", "2022-11-10")! / 1e6).toBeCloseTo(271.0, 0);
    });

    it("Coin Metrics 2020: 2018-12-15 price $3,185.07, 41.8 EH/s, issuance 1,862.5 BTC", () => {
      const dataset = load("coinmetrics-2020/btc.csv");
      expect(valueOn(dataset, "btc.price_usd", "2018-12-15")).toBeCloseTo(3185.07, 2);
      expect(valueOn(dataset, "btc.hashrate", "2018-12-15")! / 1e6).toBeCloseTo(41.8, 1);
      expect(valueOn(dataset, "btc.issuance", "2018-12-15")).toBe(1862.5);
      expect(dataset.series.map((s) => s.metric)).toContain("btc.difficulty");
    });

    it("detects CoinGecko, TradingView and Yahoo exports", () => {
      expect(load("coingecko-daily-2015-2023/solana.csv")).toMatchObject({
        format: "coingecko-csv",
        meta: { asset: "solana" },
      });
      expect(load("crypto-total-mcap-tradingview/CRYPTOCAP_TOTAL_1D.csv").format).toBe("tradingview-csv");
      expect(load("btc-usd-yahoo/BTC_USD.csv")).toMatchObject({
        format: "daily-csv",
        meta: { asset: "btc" },
      });
    });
  },
);
