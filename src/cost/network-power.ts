/**
 * Network power from hash rate and the efficiency of profitable hardware: unwind's own estimator, so a
 * production cost exists where CBECI's series ends or is unavailable. It follows CBECI's method
 * (CCAF, https://github.com/CambridgeAltFin/ccaf_cbeci_api: `energy_consumption_calculator.py`,
 * `v1_1_1/` and `v1_3_1/energy_consumption_service.py`,
 * `console/commands/charts/energy_efficiency_of_bitcoin_mining_hardware.py`):
 *
 * 1. Profitability threshold each day, J/TH: revenue ÷ (hash rate × 86,400) × 3.6e6 ÷ price,
 *    smoothed with a trailing 14-day mean.
 * 2. Profitable hardware: models released before the day (and, in the new methodology, less than
 *    five years = 157,680,000 s before it) whose efficiency is below the threshold.
 * 3. Power, GW = efficiency [J/TH] × hash rate [TH/s] ÷ 10⁹ × PUE, with
 *    lower = most efficient profitable model × 1.01, upper = least efficient × 1.20, and
 *    best = mean efficiency × 1.10 — an equal-weight mean (old methodology) or weighted by age in
 *    years since release + 2 months, 1.0/0.8/0.6/0.4/0.2 for years 0–4 (new methodology).
 * 4. A day with no profitable model carries the previous day's power forward (flagged), and every
 *    bound is smoothed with a trailing 7-day mean. A day without a hash rate has no power.
 *
 * Not reproduced: CBECI's pre-2023 best guess also mixed in Antminer S7/S9 hash-rate shares from Coin
 * Metrics (`HashRate30dS7Pct`, `…S9Pct`), which the community data no longer offers.
 * @module
 */
import { monthIndex } from "../data/days.ts";
import type { HardwareArrays } from "./hardware.ts";
import { trailingMean } from "./rolling.ts";

/** The two CBECI methodologies. */
export type PowerMethodology = "old" | "new";

/** Power-usage-effectiveness multipliers for the three bounds (CBECI: 1.01 / 1.10 / 1.20). */
export interface PueBounds {
  readonly lower: number;
  readonly best: number;
  readonly upper: number;
}

/** CBECI's PUE multipliers (`min_coefficient`, `guess_coefficient`, `max_coefficient`). */
export const CBECI_PUE: PueBounds = { lower: 1.01, best: 1.1, upper: 1.2 };

/** Economic life of a model in the new methodology: 157,680,000 s = 1,825 days. */
export const ECONOMIC_LIFE_DAYS = 1825;

/** Options of {@link networkPower}. */
export interface NetworkPowerOptions {
  /** Electricity price, USD/kWh (CBECI default 0.05). */
  readonly electricityUsdPerKwh: number;
  readonly methodology: PowerMethodology;
  /** Trailing window of the profitability threshold, days (CBECI: 14). */
  readonly thresholdWindowDays?: number;
  /** Trailing window of the power series, days (CBECI: 7; 1 = no smoothing). */
  readonly smoothingWindowDays?: number;
  readonly pue?: PueBounds;
}

/** Inputs on a contiguous daily grid starting at `startDay`. */
export interface NetworkPowerInput {
  readonly startDay: number;
  /** Hash rate, TH/s; NaN where unknown. */
  readonly hashrateThs: Float64Array;
  /** Miner revenue (subsidy + fees) × price, USD/day; NaN where unknown. */
  readonly revenueUsd: Float64Array;
}

/** Daily network power and what it was built from. */
export interface NetworkPower {
  readonly startDay: number;
  /** Smoothed power bounds, GW; NaN where inputs are missing. */
  readonly lowerGW: Float64Array;
  readonly bestGW: Float64Array;
  readonly upperGW: Float64Array;
  /** Smoothed profitability threshold, J/TH. */
  readonly thresholdJPerTh: Float64Array;
  /** Profitable models that day (0 when the power was carried forward). */
  readonly profitableModels: Int32Array;
  /** (Weighted) mean efficiency of the profitable models, J/TH, before PUE and smoothing. */
  readonly meanEfficiencyJPerTh: Float64Array;
  /** Least efficient profitable model, J/TH: the marginal machine. */
  readonly marginalEfficiencyJPerTh: Float64Array;
  /** 1 where no model was profitable and the previous power was carried forward. */
  readonly carried: Uint8Array;
}

const SECONDS_PER_DAY = 86_400;
const JOULES_PER_KWH = 3.6e6;
/** Age weights by whole years since release + 2 months (CBECI v1.4.0 `weight_map`). */
const AGE_WEIGHTS = [1, 0.8, 0.6, 0.4, 0.2];

/**
 * Runs the estimator over a daily history. O(days × models) with no allocation in the loop.
 * Kernels trust their inputs: arrays must have equal length and the hardware must be sorted
 * ({@link hardwareArrays}).
 */
export function networkPower(
  input: NetworkPowerInput,
  hardware: HardwareArrays,
  options: NetworkPowerOptions,
): NetworkPower {
  const { startDay, hashrateThs, revenueUsd } = input;
  const n = hashrateThs.length;
  const price = options.electricityUsdPerKwh;
  const pue = options.pue ?? CBECI_PUE;
  const lifeDays = options.methodology === "new" ? ECONOMIC_LIFE_DAYS : Number.POSITIVE_INFINITY;
  const ageWeighted = options.methodology === "new";
  const m = hardware.count;
  const releaseDay = hardware.releaseDay;
  const weightingStart = hardware.weightingStartMonth;
  const efficiency = hardware.efficiencyJPerTh;

  const rawThreshold = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hr = hashrateThs[i]!;
    rawThreshold[i] =
      hr > 0 ? ((revenueUsd[i]! / (hr * SECONDS_PER_DAY)) * JOULES_PER_KWH) / price : Number.NaN;
  }
  const threshold = trailingMean(rawThreshold, options.thresholdWindowDays ?? 14);

  const lower = new Float64Array(n);
  const best = new Float64Array(n);
  const upper = new Float64Array(n);
  const profitable = new Int32Array(n);
  const meanEfficiency = new Float64Array(n);
  const marginal = new Float64Array(n);
  const carried = new Uint8Array(n);
  let prevLower = Number.NaN;
  let prevBest = Number.NaN;
  let prevUpper = Number.NaN;

  for (let i = 0; i < n; i++) {
    const day = startDay + i;
    const hr = hashrateThs[i]!;
    const limit = threshold[i]!;
    if (!(hr > 0) || Number.isNaN(limit)) {
      lower[i] = best[i] = upper[i] = meanEfficiency[i] = marginal[i] = Number.NaN;
      continue;
    }
    const month = ageWeighted ? monthIndex(day) : 0;
    let count = 0;
    let sum = 0;
    let weightSum = 0;
    let weightedSum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (let k = 0; k < m && releaseDay[k]! < day; k++) {
      const e = efficiency[k]!;
      if (e >= limit || day >= releaseDay[k]! + lifeDays) continue;
      count++;
      sum += e;
      if (e < min) min = e;
      if (e > max) max = e;
      if (ageWeighted) {
        const months = month - weightingStart[k]!;
        const weight = months < 0 ? 0 : (AGE_WEIGHTS[Math.floor(months / 12)] ?? 0);
        weightSum += weight;
        weightedSum += weight * e;
      }
    }
    profitable[i] = count;
    if (count === 0) {
      lower[i] = prevLower;
      best[i] = prevBest;
      upper[i] = prevUpper;
      meanEfficiency[i] = marginal[i] = Number.NaN;
      carried[i] = 1;
      continue;
    }
    // Models all younger than the 2-month lag have weight 0; then every profitable model counts equally.
    const mean = weightSum > 0 ? weightedSum / weightSum : sum / count;
    meanEfficiency[i] = mean;
    marginal[i] = max;
    prevLower = lower[i] = (min * hr * pue.lower) / 1e9;
    prevBest = best[i] = (mean * hr * pue.best) / 1e9;
    prevUpper = upper[i] = (max * hr * pue.upper) / 1e9;
  }

  const window = options.smoothingWindowDays ?? 7;
  const smooth = (raw: Float64Array): Float64Array => {
    if (window <= 1) return raw;
    const out = trailingMean(raw, window);
    // The trailing mean would run on for a week past the data; a day without a hash rate has no power.
    for (let i = 0; i < n; i++) if (!(hashrateThs[i]! > 0)) out[i] = Number.NaN;
    return out;
  };
  return {
    startDay,
    lowerGW: smooth(lower),
    bestGW: smooth(best),
    upperGW: smooth(upper),
    thresholdJPerTh: threshold,
    profitableModels: profitable,
    meanEfficiencyJPerTh: meanEfficiency,
    marginalEfficiencyJPerTh: marginal,
    carried,
  };
}
