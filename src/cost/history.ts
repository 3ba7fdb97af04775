/**
 * Daily production-cost history: network power from CBECI or from unwind's hardware-threshold
 * estimator, turned into cost per bitcoin with the energy-cost method (energy-cost.ts). Pure: all
 * inputs are arrays on one contiguous daily grid.
 * @module
 */
import { KWH_PER_DAY_PER_GW } from "./energy-cost.ts";
import { scheduledIssuance } from "./halving.ts";
import type { HardwareArrays } from "./hardware.ts";
import { type NetworkPower, networkPower, type PowerMethodology } from "./network-power.ts";

/** Network and market inputs on a daily grid (NaN where unknown). */
export interface NetworkHistory {
  /** Day number of index 0. */
  readonly startDay: number;
  /** Hash rate, TH/s. */
  readonly hashrateThs: Float64Array;
  /** Daily close, USD/BTC. */
  readonly priceUsd: Float64Array;
  /** BTC actually issued that day (subsidies); NaN where unknown (the schedule is used instead). */
  readonly issuanceBtc: Float64Array;
  /** Fees paid to miners that day, BTC; NaN where unknown. */
  readonly feesBtc: Float64Array;
}

/** CBECI power bounds on the same grid, GW (a bound CBECI did not publish is absent). */
export interface CbeciPower {
  readonly bestGW: Float64Array;
  readonly lowerGW?: Float64Array | undefined;
  readonly upperGW?: Float64Array | undefined;
}

/** Where a day's power came from. */
export const POWER_SOURCE = { none: 0, cbeci: 1, model: 2 } as const;

/** Options of {@link costHistory}. */
export interface CostHistoryOptions {
  /** USD/kWh. */
  readonly electricityUsdPerKwh: number;
  /** Spread the cost over subsidy + fees instead of the subsidy alone (default false, as JPMorgan). */
  readonly includeFees?: boolean;
  /** `cbeci` only, `model` only, or `auto`: CBECI where it has a value, the estimator elsewhere. */
  readonly power: "cbeci" | "model" | "auto";
  /** CBECI power at this electricity price; required unless `power` is `model`. */
  readonly cbeci?: CbeciPower | undefined;
  /** Hardware for the estimator; required unless `power` is `cbeci`. */
  readonly hardware?: HardwareArrays | undefined;
  /** Estimator methodology (default `new`). */
  readonly methodology?: PowerMethodology;
}

/** Daily cost of production, USD/BTC, and its inputs. */
export interface CostHistory {
  readonly startDay: number;
  /** BTC the cost is spread over: 144 × subsidy (time-weighted on halving days), plus fees if counted. */
  readonly btcPerDay: Float64Array;
  readonly powerLowerGW: Float64Array;
  readonly powerBestGW: Float64Array;
  readonly powerUpperGW: Float64Array;
  readonly costLowerUsd: Float64Array;
  readonly costBestUsd: Float64Array;
  readonly costUpperUsd: Float64Array;
  /** Cost change for +1 ¢/kWh at the best-guess energy, USD/BTC. */
  readonly sensitivityUsdPerCent: Float64Array;
  /** {@link POWER_SOURCE} per day. */
  readonly powerSource: Uint8Array;
  /** The estimator's output when it ran (for thresholds and profitable-model counts). */
  readonly model: NetworkPower | undefined;
  /**
   * The estimator's best-guess cost on every day it has a value, USD/BTC, whatever `power` chose: the
   * one consistent series across CBECI's end (see {@link powerSplices}). Undefined when it did not run.
   */
  readonly modelCostBestUsd: Float64Array | undefined;
}

/** A day where the power source changes between CBECI and the model. */
export interface PowerSplice {
  /** Index of the first day on the new source. */
  readonly index: number;
  /** Index of the last day on the previous source (before any days without power). */
  readonly previousIndex: number;
  readonly from: "cbeci" | "model";
  readonly to: "cbeci" | "model";
  /** Index of the CBECI-side day where the levels are compared. */
  readonly ratioIndex: number;
  /**
   * Model ÷ CBECI best-guess power on that day, which is also the ratio of the two costs (same
   * electricity price and BTC per day); NaN where either has no value.
   */
  readonly modelToCbeci: number;
}

/**
 * Miner revenue per day, USD: (issued BTC + fees) × price. Where actual issuance is unknown the
 * schedule (144 × subsidy) stands in; unknown fees count as 0.
 */
export function minerRevenueUsd(
  history: NetworkHistory,
  out = new Float64Array(history.priceUsd.length),
): Float64Array {
  const { startDay, issuanceBtc, feesBtc, priceUsd } = history;
  for (let i = 0; i < out.length; i++) {
    const issued = issuanceBtc[i]!;
    const fees = feesBtc[i]!;
    out[i] =
      ((Number.isNaN(issued) ? scheduledIssuance(startDay + i) : issued) + (Number.isNaN(fees) ? 0 : fees)) *
      priceUsd[i]!;
  }
  return out;
}

/** Computes the daily cost history. */
export function costHistory(history: NetworkHistory, options: CostHistoryOptions): CostHistory {
  const n = history.priceUsd.length;
  const price = options.electricityUsdPerKwh;
  const model =
    options.power !== "cbeci" && options.hardware
      ? networkPower(
          {
            startDay: history.startDay,
            hashrateThs: history.hashrateThs,
            revenueUsd: minerRevenueUsd(history),
          },
          options.hardware,
          { electricityUsdPerKwh: price, methodology: options.methodology ?? "new" },
        )
      : undefined;
  const cbeci = options.power !== "model" ? options.cbeci : undefined;

  const btcPerDay = new Float64Array(n);
  const lower = new Float64Array(n);
  const best = new Float64Array(n);
  const upper = new Float64Array(n);
  const costLower = new Float64Array(n);
  const costBest = new Float64Array(n);
  const costUpper = new Float64Array(n);
  const sensitivity = new Float64Array(n);
  const source = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fees = history.feesBtc[i]!;
    const btc = scheduledIssuance(history.startDay + i) + (options.includeFees ? fees : 0);
    btcPerDay[i] = btc;
    const cbeciBest = cbeci ? cbeci.bestGW[i]! : Number.NaN;
    if (!Number.isNaN(cbeciBest)) {
      source[i] = POWER_SOURCE.cbeci;
      best[i] = cbeciBest;
      lower[i] = cbeci?.lowerGW ? cbeci.lowerGW[i]! : Number.NaN;
      upper[i] = cbeci?.upperGW ? cbeci.upperGW[i]! : Number.NaN;
    } else if (model && !Number.isNaN(model.bestGW[i]!)) {
      source[i] = POWER_SOURCE.model;
      best[i] = model.bestGW[i]!;
      lower[i] = model.lowerGW[i]!;
      upper[i] = model.upperGW[i]!;
    } else {
      best[i] = lower[i] = upper[i] = Number.NaN;
    }
    const perGW = (KWH_PER_DAY_PER_GW * price) / btc;
    costLower[i] = lower[i]! * perGW;
    costBest[i] = best[i]! * perGW;
    costUpper[i] = upper[i]! * perGW;
    sensitivity[i] = (best[i]! * KWH_PER_DAY_PER_GW * 0.01) / btc;
  }
  let modelCost: Float64Array | undefined;
  if (model) {
    modelCost = new Float64Array(n);
    for (let i = 0; i < n; i++)
      modelCost[i] = (model.bestGW[i]! * KWH_PER_DAY_PER_GW * price) / btcPerDay[i]!;
  }
  return {
    startDay: history.startDay,
    btcPerDay,
    powerLowerGW: lower,
    powerBestGW: best,
    powerUpperGW: upper,
    costLowerUsd: costLower,
    costBestUsd: costBest,
    costUpperUsd: costUpper,
    sensitivityUsdPerCent: sensitivity,
    powerSource: source,
    model,
    modelCostBestUsd: modelCost,
  };
}

/**
 * Where the daily power switches between CBECI and the model in `[from, to)` (in `auto` mode: CBECI
 * until its series ends, the model after it), with the level ratio model ÷ CBECI on the last (or
 * first) CBECI day. A ratio away from 1 is a level break: costs before and after the splice are not on
 * one scale, and episodes found across it mix the two.
 */
export function powerSplices(
  cost: CostHistory,
  cbeci: CbeciPower | undefined,
  from = 0,
  to: number = cost.powerSource.length,
): PowerSplice[] {
  const splices: PowerSplice[] = [];
  const source = cost.powerSource;
  let previous = -1;
  for (let i = from; i < to; i++) {
    const s = source[i]!;
    if (s === POWER_SOURCE.none) continue;
    if (previous >= 0 && source[previous] !== s) {
      const toModel = s === POWER_SOURCE.model;
      const ratioIndex = toModel ? previous : i;
      const cbeciGW = cbeci ? cbeci.bestGW[ratioIndex]! : Number.NaN;
      const modelGW = cost.model ? cost.model.bestGW[ratioIndex]! : Number.NaN;
      splices.push({
        index: i,
        previousIndex: previous,
        from: toModel ? "cbeci" : "model",
        to: toModel ? "model" : "cbeci",
        ratioIndex,
        modelToCbeci: modelGW / cbeciGW,
      });
    }
    previous = i;
  }
  return splices;
}
