/**
 * Plain Picard iteration of the tiered clearing map, `p ← Φ(p)` from `p = p̄`: the textbook method
 * the greatest-clearing-vector algorithm replaces. It converges to the same greatest clearing vector
 * (the map is monotone and the iteration starts at the top; Eisenberg & Noe 2001 §3), at a geometric
 * rate set by how much of each defaulter's shortfall flows back to other defaulters — 364 sweeps on
 * the Eisenberg–Noe 3-node example where {@link clearingVector} needs 2 rounds. Kept as the
 * independent reference implementation of the clearing contract and as the benchmark baseline.
 * @module
 */

import {
  type ClearingOptions,
  type ClearingResult,
  clearingParameters,
  DEFAULT_RELATIVE_TOLERANCE,
  scaleOf,
} from "./clearing.ts";
import {
  type ClearingProblem,
  segmentFraction as importedFraction,
  tierSegments,
} from "./clearing-problem.ts";

/**
 * Greatest clearing vector by Picard (Jacobi) iteration: every sweep recomputes all payments from the
 * previous sweep's receipts. Same inputs, options and result as {@link clearingVector}; `rounds` is
 * the number of distinct default waves, a node's wave being the sweep (0-based) in which it first paid
 * less than it owed, and `iterations` the number of sweeps.
 */
export function picardClearing(problem: ClearingProblem, options: ClearingOptions = {}): ClearingResult {
  const { alpha, beta, maxIterations, forced } = clearingParameters(options, problem.n);
  const segmentFraction = importedFraction; // local binding, see clearingVector
  const { n, externalAssets: e, creditor, amount } = problem;
  const { nodeStart, claimStart, total, before, owed } = tierSegments(problem);
  const tolerance = options.tolerance ?? DEFAULT_RELATIVE_TOLERANCE * scaleOf(owed, e);
  const claims = amount.length;

  const payments = owed.slice();
  const received = new Float64Array(n);
  const paid = new Float64Array(claims);
  const defaulted = new Uint8Array(n);
  const wave = new Int32Array(n).fill(-1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    distribute(payments, received, paid);
    iterations++;
    let moved = false;
    for (let i = 0; i < n; i++) {
      const available = e[i]! + received[i]!;
      let next = owed[i]!;
      if (available < next - tolerance || (forced !== undefined && forced[i] !== 0)) {
        if (defaulted[i] === 0) {
          defaulted[i] = 1;
          wave[i] = iterations - 1;
        }
        next = Math.min(next, alpha * e[i]! + beta * received[i]!);
      }
      if (Math.abs(payments[i]! - next) > tolerance) moved = true;
      payments[i] = next;
    }
    if (!moved) {
      converged = true;
      break;
    }
  }
  distribute(payments, received, paid);
  // Waves are numbered by sweep; renumber them 0, 1, 2, … over the sweeps that had new defaults.
  const used = [...new Set(wave)].filter((w) => w >= 0).sort((a, b) => a - b);
  const rank = new Map(used.map((w, r) => [w, r]));
  for (let i = 0; i < n; i++) if (wave[i]! >= 0) wave[i] = rank.get(wave[i]!)!;
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) equity[i] = e[i]! + received[i]! - owed[i]!;
  return {
    paid,
    payments,
    owed,
    received,
    equity,
    defaulted,
    wave,
    rounds: used.length,
    iterations,
    converged,
  };

  function distribute(pay: Float64Array, into: Float64Array, perClaim: Float64Array): void {
    into.fill(0);
    for (let i = 0; i < n; i++) {
      const p = pay[i]!;
      const segEnd = nodeStart[i + 1]!;
      for (let s = nodeStart[i]!; s < segEnd; s++) {
        const f = segmentFraction(p, before[s]!, total[s]!);
        const end = claimStart[s + 1]!;
        for (let k = claimStart[s]!; k < end; k++) {
          const value = f * amount[k]!;
          perClaim[k] = value;
          const c = creditor[k]!;
          if (c >= 0) into[c]! += value;
        }
      }
    }
  }
}
