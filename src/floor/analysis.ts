/**
 * Floor analytics for one date on top of a cost history: the cost band that day, how far the price
 * is from it, what the next halving does to it, and the history of episodes below it.
 * @module
 */
import type { CostRun } from "../cost/pipeline.ts";
import { dayNumber, isoDay } from "../data/days.ts";
import { type EpisodeOptions, type FloorEpisode, FORWARD_HORIZONS, floorEpisodes } from "./episodes.ts";
import { costAfterNextHalving } from "./next-halving.ts";

/** Summary of the episodes. */
export interface EpisodeSummary {
  readonly episodes: number;
  readonly daysBelow: number;
  /** Days below ÷ days with both price and cost. */
  readonly shareOfDaysBelow: number;
  /** Median forward return from episode starts, by horizon; null with no completed horizon. */
  readonly medianForwardReturn: Readonly<Record<(typeof FORWARD_HORIZONS)[number], number | null>>;
}

/** The floor report. */
export interface FloorReport {
  readonly date: string;
  /** The cost figures of the date (see CostRow). */
  readonly today: CostRun["rows"][number];
  readonly afterNextHalving: {
    readonly halvingHeight: number;
    readonly halvingDate: string;
    readonly halvingObserved: boolean;
    readonly btcPerDay: number;
    readonly costUsd: {
      readonly lower: number | null;
      readonly best: number | null;
      readonly upper: number | null;
    };
  } | null;
  readonly threshold: number;
  readonly episodes: readonly FloorEpisode[];
  readonly summary: EpisodeSummary;
  /** Where the searched history switches power source, with the model ÷ CBECI level ratio there. */
  readonly splices: CostRun["splices"];
  /**
   * When the history is spliced: the episodes on the model's cost alone, one consistent series over
   * the whole history (at the price of the model's error against CBECI where CBECI exists).
   */
  readonly consistentEpisodes: {
    readonly power: "model";
    readonly episodes: readonly FloorEpisode[];
    readonly summary: EpisodeSummary;
  } | null;
  /** Where each input came from and how it was filled (see InputSource). */
  readonly sources: CostRun["sources"];
}

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Builds the report as of row `at` of a cost run (default: the last row); episodes are searched in
 * the rows up to it.
 */
export function floorReport(
  run: CostRun,
  options: EpisodeOptions = {},
  at = run.rows.length - 1,
): FloorReport {
  const today = run.rows[at]!;
  const offset = run.offset;
  const price = run.history.priceUsd.subarray(offset, offset + at + 1);
  const startDay = run.history.startDay + offset;
  const main = episodesOf(startDay, price, run.cost.costBestUsd.subarray(offset, offset + at + 1), options);
  const splices = run.splices.filter((s) => s.date <= today.date);
  const modelCost = run.cost.modelCostBestUsd;
  const consistent =
    splices.length > 0 && modelCost
      ? {
          power: "model" as const,
          ...episodesOf(startDay, price, modelCost.subarray(offset, offset + at + 1), options),
        }
      : null;
  const power = today.powerGW;
  // With fees counted, the day's cost is spread over subsidy + fees: so is the post-halving one.
  const fees = today.feesIncluded ? run.history.feesBtc[offset + at]! : 0;
  const next =
    power.best === null
      ? null
      : costAfterNextHalving(
          dayNumber(today.date),
          { lower: power.lower ?? Number.NaN, best: power.best, upper: power.upper ?? Number.NaN },
          today.electricityUsdPerKwh,
          fees,
        );
  return {
    date: today.date,
    today,
    afterNextHalving: next && {
      halvingHeight: next.halving.height,
      halvingDate: isoDay(Math.floor(next.halving.time / 86_400)),
      halvingObserved: next.halving.observed,
      btcPerDay: next.btcPerDay,
      costUsd: {
        lower: nullable(next.costUsd.lower),
        best: nullable(next.costUsd.best),
        upper: nullable(next.costUsd.upper),
      },
    },
    threshold: options.threshold ?? 1,
    episodes: main.episodes,
    summary: main.summary,
    splices,
    consistentEpisodes: consistent,
    sources: run.sources,
  };
}

/** Episodes of price below cost and their summary. */
function episodesOf(
  startDay: number,
  price: Float64Array,
  cost: Float64Array,
  options: EpisodeOptions,
): { episodes: FloorEpisode[]; summary: EpisodeSummary } {
  const episodes = floorEpisodes(startDay, price, cost, options);
  let valid = 0;
  for (let i = 0; i < price.length; i++) if (price[i]! > 0 && cost[i]! > 0) valid++;
  const daysBelow = episodes.reduce((sum, e) => sum + e.daysBelow, 0);
  const median = {} as Record<(typeof FORWARD_HORIZONS)[number], number | null>;
  for (const h of FORWARD_HORIZONS) {
    const values = episodes
      .map((e) => e.forwardReturns[h])
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    median[h] =
      values.length === 0
        ? null
        : values.length % 2
          ? values[(values.length - 1) / 2]!
          : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2;
  }
  return {
    episodes,
    summary: {
      episodes: episodes.length,
      daysBelow,
      shareOfDaysBelow: valid > 0 ? daysBelow / valid : 0,
      medianForwardReturn: median,
    },
  };
}
