/**
 * The production-cost floor for one date from a network state alone (hash rate, price, subsidy and
 * fees, as in a scenario's `bitcoinNetwork`), the shipped hardware catalogue and an electricity price.
 * This is what `npm start` can print without network access or data files.
 *
 * Single-date caveat: the daily estimator smooths the profitability threshold over 14 days and the
 * power over 7 days. From one state there is no history, so the threshold comes from that day's price
 * alone. After a crash (2022-11-09: spot $15.9k against a 14-day average near $19k) the spot threshold
 * is lower, fewer models count as profitable, the least efficient of them drop out, and the estimate
 * falls below the smoothed one; in a rally it rises above it. docs/cost.md quantifies the difference.
 * @module
 */
import { costSensitivityPerCent, productionCost } from "../cost/energy-cost.ts";
import { BLOCKS_PER_DAY } from "../cost/halving.ts";
import { hardwareArrays } from "../cost/hardware.ts";
import { HARDWARE_CATALOGUE } from "../cost/hardware-catalogue.ts";
import { networkPower, type PowerMethodology } from "../cost/network-power.ts";
import { hashpriceFromDifficulty, hashpriceUsd } from "../cost/profitability.ts";
import { dayNumber } from "../data/days.ts";
import type { HardwareModel } from "../data/hardware-list.ts";
import { costAfterNextHalving, type PostHalvingCost } from "./next-halving.ts";
import { impliedMove, priceToCost } from "./ratio.ts";

/** The state of the bitcoin network on one day (the scenario format's `bitcoinNetwork`). */
export interface NetworkState {
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Hash rate, EH/s. */
  readonly hashrateEhs: number;
  /** Mining difficulty. */
  readonly difficulty: number;
  /** BTC price, USD. */
  readonly priceUsd: number;
  /** Block subsidy, BTC. */
  readonly blockSubsidyBtc: number;
  /** Fees paid to miners, BTC per day (0 if omitted). */
  readonly feesBtcPerDay?: number | undefined;
}

/** Options of {@link floorFromNetworkState}. */
export interface FloorOptions {
  /** USD/kWh (default 0.05, JPMorgan's and CBECI's figure). */
  readonly electricityUsdPerKwh?: number;
  /** Hardware (default: the shipped catalogue). */
  readonly hardware?: readonly HardwareModel[];
  /** Estimator methodology (default `new`). */
  readonly methodology?: PowerMethodology;
  /** Spread the cost over subsidy + fees (default false). */
  readonly includeFees?: boolean;
}

/** Lower / best / upper triple. */
export interface Band {
  readonly lower: number;
  readonly best: number;
  readonly upper: number;
}

/** The floor on one date. */
export interface NetworkStateFloor {
  readonly date: string;
  readonly electricityUsdPerKwh: number;
  /** BTC the cost is spread over: 144 × subsidy (+ fees if included). */
  readonly btcPerDay: number;
  /** Efficiency at which mining just covers electricity that day, J/TH. */
  readonly thresholdJPerTh: number;
  /** Catalogue models under the threshold (and within their economic life, new methodology). */
  readonly profitableModels: number;
  readonly powerGW: Band;
  readonly costUsd: Band;
  readonly sensitivityUsdPerCent: number;
  readonly priceUsd: number;
  readonly priceToCost: number;
  /** Move from spot to the best-guess cost (−0.25 = 25% below spot). */
  readonly impliedMove: number;
  /** Revenue per TH/s per day, USD: from revenue ÷ hash rate, and from difficulty. */
  readonly hashpriceUsdPerThDay: number;
  readonly hashpriceFromDifficultyUsdPerThDay: number;
  readonly afterNextHalving: PostHalvingCost;
  readonly caveats: readonly string[];
}

/**
 * Computes the floor for one network state. Miner revenue is the expected issuance (144 × subsidy)
 * plus fees, times the price.
 */
export function floorFromNetworkState(state: NetworkState, options: FloorOptions = {}): NetworkStateFloor {
  const price = options.electricityUsdPerKwh ?? 0.05;
  const fees = state.feesBtcPerDay ?? 0;
  const day = dayNumber(state.date);
  const hashrateThs = state.hashrateEhs * 1e6;
  const issued = BLOCKS_PER_DAY * state.blockSubsidyBtc;
  const revenueUsd = (issued + fees) * state.priceUsd;
  const power = networkPower(
    { startDay: day, hashrateThs: Float64Array.of(hashrateThs), revenueUsd: Float64Array.of(revenueUsd) },
    hardwareArrays(options.hardware ?? HARDWARE_CATALOGUE.models),
    { electricityUsdPerKwh: price, methodology: options.methodology ?? "new", smoothingWindowDays: 1 },
  );
  const powerGW = { lower: power.lowerGW[0]!, best: power.bestGW[0]!, upper: power.upperGW[0]! };
  const btcPerDay = issued + (options.includeFees ? fees : 0);
  const costUsd = {
    lower: productionCost(powerGW.lower, price, btcPerDay),
    best: productionCost(powerGW.best, price, btcPerDay),
    upper: productionCost(powerGW.upper, price, btcPerDay),
  };
  const caveats = [
    "single date: the profitability threshold uses that day's price, not CBECI's 14-day average, and the power is not smoothed over 7 days",
  ];
  if (Number.isNaN(powerGW.best))
    caveats.push("no catalogue model was profitable at this price and electricity cost");
  if (state.feesBtcPerDay === undefined) caveats.push("fees unknown: revenue counts the subsidy only");
  return {
    date: state.date,
    electricityUsdPerKwh: price,
    btcPerDay,
    thresholdJPerTh: power.thresholdJPerTh[0]!,
    profitableModels: power.profitableModels[0]!,
    powerGW,
    costUsd,
    sensitivityUsdPerCent: costSensitivityPerCent(powerGW.best, btcPerDay),
    priceUsd: state.priceUsd,
    priceToCost: priceToCost(state.priceUsd, costUsd.best),
    impliedMove: impliedMove(state.priceUsd, costUsd.best),
    hashpriceUsdPerThDay: hashpriceUsd(revenueUsd, hashrateThs),
    hashpriceFromDifficultyUsdPerThDay: hashpriceFromDifficulty(
      state.difficulty,
      state.blockSubsidyBtc + fees / BLOCKS_PER_DAY,
      state.priceUsd,
    ),
    afterNextHalving: costAfterNextHalving(day, powerGW, price, options.includeFees ? fees : 0),
    caveats,
  };
}
