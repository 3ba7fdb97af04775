/**
 * Production cost over the full daily history (2010-07-18 → today): the hardware-threshold estimator
 * on the built-in catalogue (old and new methodology) and on a CBECI-sized list, the whole cost
 * history, floor episodes, and parsing Coin Metrics' btc.csv. Inputs come from ../shared/data when
 * present (parsed before timing), else from a deterministic synthetic network of the same length.
 */
import { existsSync, readFileSync } from "node:fs";
import { Bench } from "tinybench";
import { sharedDataDir } from "../src/core/environment.ts";
import { hardwareArrays } from "../src/cost/hardware.ts";
import { HARDWARE_CATALOGUE } from "../src/cost/hardware-catalogue.ts";
import { costHistory, minerRevenueUsd, type NetworkHistory } from "../src/cost/history.ts";
import { networkPower } from "../src/cost/network-power.ts";
import { parseDailyCsv } from "../src/data/daily-csv.ts";
import { dayNumber, isoDay, today } from "../src/data/days.ts";
import { importText } from "../src/data/formats.ts";
import type { HardwareModel } from "../src/data/hardware-list.ts";
import { toGrid } from "../src/data/series.ts";
import { floorEpisodes } from "../src/floor/episodes.ts";

const START = dayNumber("2010-07-18");

function syntheticHistory(length: number): NetworkHistory {
  // Hash rate growing 0.2%/day from 0.1 TH/s-scale, price a noisy exponential; deterministic LCG.
  let s = 42;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const hashrateThs = new Float64Array(length);
  const priceUsd = new Float64Array(length);
  let price = 0.1;
  for (let i = 0; i < length; i++) {
    hashrateThs[i] = 0.1 * Math.exp(0.0052 * i);
    price *= 1 + (rand() - 0.495) * 0.06;
    priceUsd[i] = price;
  }
  return {
    startDay: START,
    hashrateThs,
    priceUsd,
    issuanceBtc: new Float64Array(length).fill(Number.NaN),
    feesBtc: new Float64Array(length).fill(0),
  };
}

function realHistory(path: string, length: number): NetworkHistory {
  const dataset = importText(readFileSync(path, "utf8"), { file: path });
  const grid = (metric: string) =>
    toGrid(dataset.series.find((x) => x.metric === metric)!, START, length, { fill: "none" }).values;
  return {
    startDay: START,
    hashrateThs: grid("btc.hashrate"),
    priceUsd: grid("btc.price_usd"),
    issuanceBtc: grid("btc.issuance"),
    feesBtc: grid("btc.fees"),
  };
}

export default async function run(): Promise<void> {
  const length = today() - START + 1;
  const network = `${sharedDataDir()}/coinmetrics-btc-2026/btc.csv`;
  const cbeciList = `${sharedDataDir()}/cbeci/cbeci_machines_090325.csv`;
  const real = existsSync(network);
  const history = real ? realHistory(network, length) : syntheticHistory(length);
  // A CBECI-sized list: CBECI's own when present, else the catalogue repeated to 166 models.
  const bigList: readonly HardwareModel[] = existsSync(cbeciList)
    ? (importText(readFileSync(cbeciList, "utf8"), { file: cbeciList }).meta.models as HardwareModel[])
    : Array.from({ length: 166 }, (_, i) => HARDWARE_CATALOGUE.models[i % HARDWARE_CATALOGUE.models.length]!);
  const catalogue = hardwareArrays(HARDWARE_CATALOGUE.models);
  const big = hardwareArrays(bigList);
  const revenue = minerRevenueUsd(history);
  const input = { startDay: START, hashrateThs: history.hashrateThs, revenueUsd: revenue };
  const cost = costHistory(history, {
    electricityUsdPerKwh: 0.05,
    power: "model",
    hardware: catalogue,
    methodology: "new",
  });
  const csvText = real ? readFileSync(network, "utf8") : "";
  console.log(
    `${length} days (${isoDay(START)} → ${isoDay(START + length - 1)}), inputs: ${real ? "Coin Metrics btc.csv" : "synthetic"}; ` +
      `catalogue ${catalogue.count} models, large list ${big.count} models`,
  );

  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add("networkPower: full history, built-in catalogue, old methodology", () => {
      networkPower(input, catalogue, { electricityUsdPerKwh: 0.05, methodology: "old" });
    })
    .add("networkPower: full history, built-in catalogue, new methodology", () => {
      networkPower(input, catalogue, { electricityUsdPerKwh: 0.05, methodology: "new" });
    })
    .add(`networkPower: full history, ${big.count}-model list, new methodology`, () => {
      networkPower(input, big, { electricityUsdPerKwh: 0.05, methodology: "new" });
    })
    .add("costHistory: full history (revenue, model, cost, sensitivity)", () => {
      costHistory(history, {
        electricityUsdPerKwh: 0.05,
        power: "model",
        hardware: catalogue,
        methodology: "new",
      });
    })
    .add("floorEpisodes: full history", () => {
      floorEpisodes(START, history.priceUsd, cost.costBestUsd, { mergeGapDays: 7 });
    });
  if (real) {
    bench.add("parseDailyCsv: Coin Metrics btc.csv (2.4 MB, 6,289 rows × 32 columns)", () => {
      parseDailyCsv(csvText);
    });
  }
  await bench.run();
  console.table(bench.table());
}
