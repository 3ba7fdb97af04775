/**
 * Furfine's sequential default algorithm: failures propagate in rounds through interbank exposures
 * with an exogenous recovery rate (Furfine 2003, "Interbank exposures: quantifying the risk of
 * contagion", Journal of Money, Credit and Banking 35(1):111–128).
 * @module
 */
import type { ClearingProblem } from "./clearing-problem.ts";

/** Claims between nodes in CSR form by debtor; tiers and external creditors (−1) are ignored. */
export type ExposureNetwork = Pick<ClearingProblem, "n" | "debtorStart" | "creditor" | "amount">;

/** Inputs of {@link furfine}. */
export interface FurfineOptions {
  /** Capital `C_i` of each node, USD. */
  readonly capital: Float64Array;
  /** Loss each node suffers before any contagion (the initial shock), USD ≥ 0. Default none. */
  readonly initialLoss?: Float64Array;
  /** Fraction `R` of a claim on a failed debtor that the creditor recovers, in [0, 1]; LGD θ = 1 − R. */
  readonly recovery: number;
}

/** Outcome of {@link furfine}. */
export interface FurfineResult {
  /** 1 if the node failed. */
  readonly failed: Uint8Array;
  /** 0-based round of failure (0 = failed on the initial shock alone); −1 if it survived. */
  readonly wave: Int32Array;
  /** Total loss of each node: initial loss plus (1 − R) × its claims on failed debtors, USD. */
  readonly loss: Float64Array;
  /** Remaining capital `C_i − loss_i`, USD (negative for most failures). */
  readonly equity: Float64Array;
  /** Number of rounds with failures (= number of waves). */
  readonly rounds: number;
}

/**
 * Runs Furfine's rounds. A node fails when its losses reach its capital (`loss_i ≥ C_i` with a
 * positive loss, or negative capital to begin with); in the next round each of its creditors loses
 * `(1 − R)·X` on its exposure `X` to it. Stops when a round adds no failure. O(n + claims).
 */
export function furfine(network: ExposureNetwork, options: FurfineOptions): FurfineResult {
  const { n, debtorStart, creditor, amount } = network;
  const { capital, recovery } = options;
  if (!(recovery >= 0 && recovery <= 1)) throw new RangeError(`recovery must be in [0, 1], got ${recovery}`);
  const lgd = 1 - recovery;
  const loss = options.initialLoss ? Float64Array.from(options.initialLoss) : new Float64Array(n);
  const failed = new Uint8Array(n);
  const wave = new Int32Array(n).fill(-1);
  // Failures of the current round, then of the next, in one array: [start, end) is the current round.
  const order = new Int32Array(n);
  let end = 0;
  for (let i = 0; i < n; i++) {
    if (fails(loss[i]!, capital[i]!)) {
      failed[i] = 1;
      wave[i] = 0;
      order[end++] = i;
    }
  }
  let start = 0;
  let rounds = end > 0 ? 1 : 0;
  while (start < end) {
    const roundEnd = end;
    for (let idx = start; idx < roundEnd; idx++) {
      const j = order[idx]!;
      for (let k = debtorStart[j]!; k < debtorStart[j + 1]!; k++) {
        const i = creditor[k]!;
        if (i < 0) continue;
        loss[i]! += lgd * amount[k]!;
        if (failed[i] === 0 && fails(loss[i]!, capital[i]!)) {
          failed[i] = 1;
          wave[i] = rounds;
          order[end++] = i;
        }
      }
    }
    if (end > roundEnd) rounds++;
    start = roundEnd;
  }
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) equity[i] = capital[i]! - loss[i]!;
  return { failed, wave, loss, equity, rounds };
}

function fails(loss: number, capital: number): boolean {
  return loss > 0 ? loss >= capital : capital < 0;
}
