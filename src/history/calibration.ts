/**
 * The calibration objective and grid (docs/calibration.md). The behavioural parameters are one set
 * shared by both 2022 episodes, chosen on the Terra episode ALONE by minimising {@link calibrationLoss}
 * over a written-down grid; FTX is then predicted out of sample with the chosen set. The objective was
 * fixed before the FTX episode was run with any candidate.
 * @module
 */
import type { ParameterSet } from "./run-episode.ts";
import type { EpisodeValidation } from "./validate.ts";

/** The observed Terra outcomes the objective compares with. */
export interface CalibrationTargets {
  /** Market-cap change over the first week (the provider's figure), e.g. −0.255. */
  readonly firstWeek: number;
  /** Market-cap change to the June trough, e.g. −0.507. */
  readonly trough: number;
  /** Reported BTC low, USD. */
  readonly btcLowUsd: number;
}

/** The loss of one candidate, by component (each dimensionless, 0 = perfect). */
export interface CalibrationLoss {
  /** 1 − F1 on failures. */
  readonly failures: number;
  /** |simulated − observed| first-week market-cap change. */
  readonly firstWeek: number;
  /** |simulated − observed| market-cap change to the trough. */
  readonly trough: number;
  /** |ln(simulated BTC low ÷ reported)|. */
  readonly btcLow: number;
  /** (1 − ρ)/2 for the order of correctly predicted failures (0.5 when ρ is undefined). */
  readonly order: number;
  /** 1 if one of the strong balance sheets (binance, coinbase, tether, circle) is predicted to fail. */
  readonly strong: number;
  /** failures + firstWeek + trough + ½ btcLow + ¼ order + strong. */
  readonly total: number;
}

/** Weights of the components in {@link CalibrationLoss}.total. */
export const LOSS_WEIGHTS = { failures: 1, firstWeek: 1, trough: 1, btcLow: 0.5, order: 0.25, strong: 1 };

/**
 * The calibration objective for one validated run of the Terra episode. Market-cap errors are in
 * fractions of the initial market cap, so 10 percentage points cost as much as 0.1 of F1.
 */
export function calibrationLoss(v: EpisodeValidation, targets: CalibrationTargets): CalibrationLoss {
  const window = (id: string) => v.marketCapWindows.find((w) => w.id === id)?.predicted ?? 0;
  const failures = 1 - v.f1;
  const firstWeek = Math.abs(window("first-week") - targets.firstWeek);
  const trough = Math.abs(window("june-trough") - targets.trough);
  const low = v.btcLow.predictedUsd;
  const btcLow = low !== null && low > 0 ? Math.abs(Math.log(low / targets.btcLowUsd)) : 1;
  const order = v.orderCorrelation === null ? 0.5 : (1 - v.orderCorrelation) / 2;
  const strong = v.targets.some((t) => t.target.startsWith("no false failure") && !t.met) ? 1 : 0;
  const w = LOSS_WEIGHTS;
  const total =
    w.failures * failures +
    w.firstWeek * firstWeek +
    w.trough * trough +
    w.btcLow * btcLow +
    w.order * order +
    w.strong * strong;
  return { failures, firstWeek, trough, btcLow, order, strong, total };
}

/** A grid: parameter path (`runs.sensitivity`) → the values tried. */
export type Grid = Readonly<Record<string, readonly number[]>>;

/** Every combination of a grid, in lexicographic order of the grid's keys as written. */
export function gridPoints(grid: Grid): Record<string, number>[] {
  let points: Record<string, number>[] = [{}];
  for (const [key, values] of Object.entries(grid))
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })));
  return points;
}

/**
 * A grid point as scenario parameters: `runs.sensitivity` → `{runs: {sensitivity}}`;
 * `defaultCosts` sets α = β.
 */
export function toParameters(point: Readonly<Record<string, number>>): ParameterSet {
  const out: Record<string, Record<string, number>> = {};
  for (const [path, value] of Object.entries(point)) {
    if (path === "defaultCosts") {
      out.defaultCosts = { alpha: value, beta: value };
      continue;
    }
    const [group, field] = path.split(".") as [string, string];
    out[group] = { ...out[group], [field]: value };
  }
  return out as ParameterSet;
}
