/**
 * DebtRank: distress (relative equity loss) propagating from debtors to their creditors.
 *
 * Single-hit: Battiston, Puliga, Kaushik, Tasca & Caldarelli (2012), "DebtRank: too central to fail?",
 * Scientific Reports 2:541, https://www.nature.com/articles/srep00541. Impact of j on its creditor i
 * `W_ji = min(1, X_ij / E_i)`; `h_i(t) = min(1, h_i(t−1) + Σ_{j distressed at t−1} W_ji·h_j(t−1))`; a
 * distressed node propagates once and then becomes inactive (it can still receive distress).
 *
 * Linear (multi-hit): Bardoscia, Battiston, Caccioli & Caldarelli (2015), "DebtRank: a microscopic
 * foundation for shock propagation", PLoS ONE 10(6):e0130406. `Λ_ij = X_ij / E_i(0)` and
 * `h(t+1) = min(1, h(t) + Λ·(h(t) − h(t−1)))` until nothing moves.
 *
 * `X_ij` is i's exposure to j: the amount j owes i. Claims to external creditors (−1) are ignored;
 * several claims of one debtor on the same creditor must be merged first (the cap applies per pair).
 * @module
 */
import type { ExposureNetwork } from "./furfine.ts";

/** DebtRank variants. */
export type DebtRankVariant = "single-hit" | "linear";

/** Inputs of {@link debtRank}. */
export interface DebtRankOptions {
  readonly variant: DebtRankVariant;
  /** Initial equity `E_i(0)` of each node, USD. A node with `E_i(0) ≤ 0` starts in default (h = 1). */
  readonly equity: Float64Array;
  /** Initial relative equity loss `h_i(1)` of each node, in [0, 1]. */
  readonly shock: Float64Array;
  /** Economic weight `v_i` of each node; default the share of total positive initial equity. */
  readonly weights?: Float64Array;
  /** Linear variant: stop when no distress moves by more than this. Default 1e-12. */
  readonly tolerance?: number;
  /** Cap on propagation steps; `converged` is false if it was reached. Default 10 000. */
  readonly maxIterations?: number;
}

/** Outcome of {@link debtRank}. */
export interface DebtRankResult {
  /** Final distress `h_i(T)` of each node, in [0, 1]. */
  readonly distress: Float64Array;
  /** DebtRank `Σ v_i·h_i(T) − Σ v_i·h_i(1)`: weighted distress caused by propagation beyond the shock. */
  readonly debtrank: number;
  /** 1 if the node's distress reached 1 (its equity is wiped out). */
  readonly defaulted: Uint8Array;
  /** Step in which the node's distress reached 1 (0 = by the shock itself); −1 if it did not. */
  readonly wave: Int32Array;
  /** Propagation steps. */
  readonly iterations: number;
  /** False only if `maxIterations` was reached first. */
  readonly converged: boolean;
}

const UNDISTRESSED = 0;
const DISTRESSED = 1;
const INACTIVE = 2;

/** Propagates distress to the end (single-hit: ≤ n steps; linear: until changes fall below tolerance). */
export function debtRank(network: ExposureNetwork, options: DebtRankOptions): DebtRankResult {
  const { n, debtorStart, creditor, amount } = network;
  const { equity, variant } = options;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  const single = variant === "single-hit";
  const h = new Float64Array(n);
  const h1 = new Float64Array(n);
  const step = new Float64Array(n); // what a node propagates this step: h_j (single) or Δh_j (linear)
  const incoming = new Float64Array(n);
  const state = new Uint8Array(n);
  const defaulted = new Uint8Array(n);
  const wave = new Int32Array(n).fill(-1);
  let frontier = new Int32Array(n);
  let next = new Int32Array(n);
  const touched = new Int32Array(n);
  const isTouched = new Uint8Array(n);
  let frontierSize = 0;
  for (let i = 0; i < n; i++) {
    const shock = options.shock[i]!;
    const value = equity[i]! <= 0 ? 1 : shock < 0 ? 0 : Math.min(1, shock);
    h[i] = value;
    h1[i] = value;
    if (value >= 1) {
      defaulted[i] = 1;
      wave[i] = 0;
    }
    if (value > 0) {
      state[i] = DISTRESSED;
      step[i] = value;
      frontier[frontierSize++] = i;
    }
  }
  let iterations = 0;
  let converged = true;
  while (frontierSize > 0) {
    if (iterations >= maxIterations) {
      converged = false;
      break;
    }
    iterations++;
    let touchedSize = 0;
    for (let f = 0; f < frontierSize; f++) {
      const j = frontier[f]!;
      const push = step[j]!;
      for (let k = debtorStart[j]!; k < debtorStart[j + 1]!; k++) {
        const i = creditor[k]!;
        if (i < 0 || h[i]! >= 1) continue;
        const e = equity[i]!;
        const impact = amount[k]! / e;
        incoming[i]! += (single && impact > 1 ? 1 : impact) * push;
        if (isTouched[i] === 0) {
          isTouched[i] = 1;
          touched[touchedSize++] = i;
        }
      }
      if (single) state[j] = INACTIVE;
    }
    let nextSize = 0;
    for (let t = 0; t < touchedSize; t++) {
      const i = touched[t]!;
      isTouched[i] = 0;
      const before = h[i]!;
      const after = Math.min(1, before + incoming[i]!);
      incoming[i] = 0;
      h[i] = after;
      if (after >= 1 && defaulted[i] === 0) {
        defaulted[i] = 1;
        wave[i] = iterations;
      }
      if (single) {
        if (state[i] === UNDISTRESSED && after > 0) {
          state[i] = DISTRESSED;
          step[i] = after;
          next[nextSize++] = i;
        }
      } else if (after - before > tolerance) {
        step[i] = after - before;
        next[nextSize++] = i;
      }
    }
    [frontier, next] = [next, frontier];
    frontierSize = nextSize;
  }

  const weights = options.weights ?? equityWeights(equity);
  let debtrank = 0;
  for (let i = 0; i < n; i++) debtrank += weights[i]! * (h[i]! - h1[i]!);
  return { distress: h, debtrank, defaulted, wave, iterations, converged };
}

/** `v_i = max(E_i, 0) / Σ_j max(E_j, 0)`: each node's share of the system's positive equity. */
export function equityWeights(equity: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < equity.length; i++) if (equity[i]! > 0) sum += equity[i]!;
  const weights = new Float64Array(equity.length);
  if (sum > 0) for (let i = 0; i < equity.length; i++) if (equity[i]! > 0) weights[i] = equity[i]! / sum;
  return weights;
}
