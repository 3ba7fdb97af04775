/**
 * The production cost after the next halving at a day's hash rate and power: the same electricity
 * spread over half the new coins (plus the same fees, when they are counted). With fees excluded this
 * is exactly twice that day's cost.
 * @module
 */
import { productionCost } from "../cost/energy-cost.ts";
import { BLOCKS_PER_DAY, type Halving, nextHalving } from "../cost/halving.ts";

/** Cost after the next halving. */
export interface PostHalvingCost {
  /** The halving (observed or projected at 600 s blocks). */
  readonly halving: Halving;
  /** BTC per day after it: 144 × new subsidy (+ fees if given). */
  readonly btcPerDay: number;
  /** USD/BTC for each power bound (NaN where the bound is unknown). */
  readonly costUsd: { readonly lower: number; readonly best: number; readonly upper: number };
}

/**
 * @param day day number of "today"
 * @param powerGW network power bounds, held fixed
 * @param feesBtcPerDay fees to add to the post-halving issuance (0 to exclude, as JPMorgan does)
 */
export function costAfterNextHalving(
  day: number,
  powerGW: { readonly lower: number; readonly best: number; readonly upper: number },
  electricityUsdPerKwh: number,
  feesBtcPerDay = 0,
): PostHalvingCost {
  const halving = nextHalving(day * 86_400 + 86_399);
  const btcPerDay = BLOCKS_PER_DAY * halving.subsidyBtc + feesBtcPerDay;
  return {
    halving,
    btcPerDay,
    costUsd: {
      lower: productionCost(powerGW.lower, electricityUsdPerKwh, btcPerDay),
      best: productionCost(powerGW.best, electricityUsdPerKwh, btcPerDay),
      upper: productionCost(powerGW.upper, electricityUsdPerKwh, btcPerDay),
    },
  };
}
