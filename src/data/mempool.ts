/**
 * mempool.space mining API (https://mempool.space/docs/api/rest): network hash rate and difficulty
 * (`/api/v1/mining/hashrate/<period>`), average block rewards (`/api/v1/mining/blocks/rewards/<period>`)
 * and the price history (`/api/v1/historical-price?currency=USD`). Hash rates arrive in H/s and are
 * stored in TH/s; difficulty is stored as a step series (it holds until the next adjustment).
 * @module
 */
import { z } from "zod";
import { parseJsonSource } from "../core/json-source.ts";
import { validate } from "../core/validation.ts";
import { BLOCKS_PER_DAY, meanSubsidy } from "../cost/halving.ts";
import { dailyMeans } from "./blockchain-com.ts";
import type { TextOrigin } from "./csv.ts";
import { type ImportedDataset, type ImportedSeries, importedSeries, samplingOf } from "./imported.ts";
import { BTC } from "./metrics.ts";

/** mempool.space's terms (the data is derived from the public blockchain). */
export const MEMPOOL_LICENCE = "mempool.space API terms (blockchain-derived; no data licence stated)";

const hashrateSchema = z.looseObject({
  hashrates: z.array(z.looseObject({ timestamp: z.number(), avgHashrate: z.number().nonnegative() })),
  difficulty: z.array(z.looseObject({ time: z.number(), difficulty: z.number().positive() })),
});
const rewardsSchema = z.array(
  z.looseObject({
    avgHeight: z.number().nonnegative(),
    timestamp: z.number(),
    avgRewards: z.number().nonnegative(),
  }),
);
const pricesSchema = z.looseObject({ prices: z.array(z.looseObject({ time: z.number(), USD: z.number() })) });

/** Parses `/api/v1/mining/hashrate/<period>`: hash rate (H/s → TH/s) and difficulty adjustments. */
export function parseMempoolHashrateJson(text: string, origin: TextOrigin = {}): ImportedDataset {
  const doc = read(hashrateSchema, text, origin);
  const hashrate = dailyMeans(
    doc.hashrates.map((p) => ({ x: p.timestamp, y: p.avgHashrate / 1e12 })),
    1,
  );
  const difficulty = dailyMeans(
    doc.difficulty.map((p) => ({ x: p.time, y: p.difficulty })),
    1,
  );
  return dataset("mempool-hashrate", origin, [
    importedSeries(
      BTC.hashrate.metric,
      BTC.hashrate.unit,
      samplingOf(hashrate.days),
      hashrate.days,
      hashrate.values,
      "mempool.space average hash rate",
    ),
    importedSeries(
      BTC.difficulty.metric,
      BTC.difficulty.unit,
      "step",
      difficulty.days,
      difficulty.values,
      "difficulty from each adjustment on",
    ),
  ]);
}

/**
 * Parses `/api/v1/mining/blocks/rewards/<period>`: per time bucket (a UTC day for `all`, 8 or 12 hours
 * for shorter periods; mempool.space `BlocksRepository.$getHistoricalBlockRewards`), the mean
 * coinbase reward of its blocks (sats → BTC) and their mean height. Besides the reward per block it
 * derives the fees per block, reward − subsidy: the subsidy is the mean over the bucket's heights,
 * taken as a contiguous run centred on the mean height whose length is the spacing of the neighbouring
 * buckets' mean heights — which matters only in the bucket a halving falls in.
 */
export function parseMempoolRewardsJson(text: string, origin: TextOrigin = {}): ImportedDataset {
  const rows = [...read(rewardsSchema, text, origin)].sort((a, b) => a.timestamp - b.timestamp);
  const fees = rows.map((row, k) => {
    const before = rows[k - 1]?.avgHeight;
    const after = rows[k + 1]?.avgHeight;
    const blocks =
      before !== undefined && after !== undefined
        ? (after - before) / 2
        : after !== undefined
          ? after - row.avgHeight
          : before !== undefined
            ? row.avgHeight - before
            : BLOCKS_PER_DAY;
    const subsidy = meanSubsidy(row.avgHeight - blocks / 2, row.avgHeight + blocks / 2);
    return { x: row.timestamp, y: row.avgRewards / 1e8 - subsidy };
  });
  const rewards = dailyMeans(
    rows.map((p) => ({ x: p.timestamp, y: p.avgRewards / 1e8 })),
    1,
  );
  const feesPerBlock = dailyMeans(fees, 1);
  return dataset("mempool-rewards", origin, [
    importedSeries(
      BTC.rewardPerBlock.metric,
      BTC.rewardPerBlock.unit,
      samplingOf(rewards.days),
      rewards.days,
      rewards.values,
      "average subsidy + fees per block",
    ),
    importedSeries(
      BTC.feesPerBlock.metric,
      BTC.feesPerBlock.unit,
      samplingOf(feesPerBlock.days),
      feesPerBlock.days,
      feesPerBlock.values,
      "average reward per block − subsidy at the blocks' heights",
    ),
  ]);
}

/** Parses `/api/v1/historical-price?currency=USD`; a day's price is the mean of that day's quotes. */
export function parseMempoolPricesJson(text: string, origin: TextOrigin = {}): ImportedDataset {
  const doc = read(pricesSchema, text, origin);
  const prices = dailyMeans(
    doc.prices.filter((p) => p.USD > 0).map((p) => ({ x: p.time, y: p.USD })),
    1,
  );
  return dataset("mempool-prices", origin, [
    importedSeries(
      BTC.priceUsd.metric,
      BTC.priceUsd.unit,
      samplingOf(prices.days),
      prices.days,
      prices.values,
      "mean of mempool.space quotes that day",
    ),
  ]);
}

function read<S extends z.ZodType>(schema: S, text: string, origin: TextOrigin): z.output<S> {
  const source = parseJsonSource(text, origin.file);
  return validate(schema, source.value, { file: origin.file, source });
}

function dataset(format: string, origin: TextOrigin, series: ImportedSeries[]): ImportedDataset {
  return {
    format,
    source: origin.file ?? "(text)",
    licence: MEMPOOL_LICENCE,
    methodology: null,
    downloadDate: null,
    series,
    meta: {},
  };
}
