/**
 * Tiered Eisenberg–Noe / Rogers–Veraart clearing: the greatest clearing vector by the
 * greatest-clearing-vector algorithm (GA), generalised to seniority tiers.
 *
 * Model. Node `i` owes `p̄_i = Σ_k L_k` over its claims and pays them in tier order (tier 0 first),
 * pro rata within a tier. It receives `R_i = Σ paid_k` over claims it holds. It is solvent when
 * `e_i + R_i ≥ p̄_i` and pays in full; otherwise it defaults and pays `α·e_i + β·R_i` (Rogers &
 * Veraart 2013, "Failure and rescue in an interbank network", Management Science 59(4):882–898;
 * α = β = 1 is Eisenberg & Noe 2001, "Systemic risk in financial systems", Management Science
 * 47(2):236–249). The clearing payment vector `p` is a fixed point of that map; this returns the
 * greatest one.
 *
 * Algorithm (RV §3, generalised). Start from `p = p̄` (everyone pays in full). Each round adds the
 * nodes with `e_i + R_i(p) < p̄_i` to the default set `D` — those are the round's default wave — and
 * then solves the round's system `p_D = α·e_D + β·R_D(p)` (solvent nodes pay in full) for its
 * greatest solution below the current `p`. Stop when a round finds no new defaulter; `D` only grows, so
 * there are at most `n` rounds. Within a round each defaulter's payment sits in a "marginal tier"
 * (more senior tiers paid in full, junior tiers nothing), so the system is piecewise linear; it is
 * solved by Gauss–Seidel on the CSR restricted to defaulters, in push form (a defaulter whose payment
 * drops pushes the change in what its marginal-tier creditors receive). Started above the solution,
 * every sweep moves payments down monotonically, and a payment is recomputed from its node's current
 * receipts, so marginal tiers move up by themselves. No dense matrix is formed and nothing is
 * allocated per sweep.
 * @module
 */
import { type ClearingProblem, segmentFraction, tierSegments } from "./clearing-problem.ts";

/** Options of {@link clearingVector}. */
export interface ClearingOptions {
  /** Fraction of external assets realised by a defaulting node, in [0, 1]. Default 1 (Eisenberg–Noe). */
  readonly alpha?: number;
  /** Fraction of interbank receipts realised by a defaulting node, in [0, 1]. Default 1 (Eisenberg–Noe). */
  readonly beta?: number;
  /**
   * Absolute tolerance in USD: a node defaults only if its shortfall exceeds it, and each round's
   * solve stops when no payment moves by more than it in a sweep. Payments are then within about
   * `tolerance / (1 − ρ)` of the exact clearing vector, ρ being the share of a defaulter's shortfall
   * that flows back to defaulters (0.84 on the Eisenberg–Noe 3-node cycle: error ≈ 6·tolerance).
   * Default `1e-12 ×` the largest `p̄_i` or `e_i`.
   */
  readonly tolerance?: number;
  /** Cap on Gauss–Seidel sweeps over all rounds; `converged` is false if it was reached. Default 10 000. */
  readonly maxIterations?: number;
}

/** The greatest clearing vector and what follows from it. All amounts in USD. */
export interface ClearingResult {
  /** Amount paid on each claim (CSR order of the problem). */
  readonly paid: Float64Array;
  /** Total paid by each node on all its claims, `p_i`. */
  readonly payments: Float64Array;
  /** Total owed by each node, `p̄_i`. */
  readonly owed: Float64Array;
  /** Total received by each node from the other nodes. */
  readonly received: Float64Array;
  /** `e_i + received_i − owed_i`; negative for a defaulter (before any default costs). */
  readonly equity: Float64Array;
  /** 1 if the node defaulted (paid less than it owed). */
  readonly defaulted: Uint8Array;
  /** 0-based round (default wave) in which the node defaulted; −1 if solvent. */
  readonly wave: Int32Array;
  /** Number of GA rounds that found new defaulters (= number of default waves). */
  readonly rounds: number;
  /** Gauss–Seidel sweeps over the defaulters, summed over rounds. */
  readonly iterations: number;
  /** False only if `maxIterations` was reached before the tolerance. */
  readonly converged: boolean;
}

/** Default cap on Gauss–Seidel sweeps. */
export const DEFAULT_MAX_ITERATIONS = 10_000;

/** Relative tolerance used when none is given. */
export const DEFAULT_RELATIVE_TOLERANCE = 1e-12;

/**
 * Computes the greatest clearing vector of a tiered network with Rogers–Veraart default costs.
 * O(claims) set-up, then per round O(n) to find new defaulters plus O(claims of defaulters) per sweep.
 * @throws {RangeError} if α or β is outside [0, 1] or a debtor's claims are not sorted by tier
 */
export function clearingVector(problem: ClearingProblem, options: ClearingOptions = {}): ClearingResult {
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`beta must be in [0, 1], got ${beta}`);
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const { n, externalAssets: e, creditor, amount } = problem;
  const segments = tierSegments(problem);
  const { nodeStart, claimStart, total, before, owed } = segments;
  const tolerance = options.tolerance ?? DEFAULT_RELATIVE_TOLERANCE * scaleOf(owed, e);

  const payments = owed.slice();
  const received = new Float64Array(n);
  const claims = amount.length;
  for (let k = 0; k < claims; k++) {
    const c = creditor[k]!;
    if (c >= 0) received[c]! += amount[k]!;
  }
  const defaulted = new Uint8Array(n);
  const wave = new Int32Array(n).fill(-1);
  const members = new Int32Array(n);
  let memberCount = 0;
  let rounds = 0;
  let iterations = 0;
  let converged = true;

  for (;;) {
    const before0 = memberCount;
    for (let i = 0; i < n; i++) {
      if (defaulted[i] === 0 && e[i]! + received[i]! < owed[i]! - tolerance) {
        defaulted[i] = 1;
        wave[i] = rounds;
        members[memberCount++] = i;
      }
    }
    if (memberCount === before0) break;
    rounds++;
    // Gauss–Seidel sweeps over the defaulters until no payment moves by more than the tolerance.
    let moved = true;
    while (moved) {
      if (iterations >= maxIterations) {
        converged = false;
        break;
      }
      iterations++;
      moved = false;
      for (let idx = 0; idx < memberCount; idx++) {
        const j = members[idx]!;
        let target = alpha * e[j]! + beta * received[j]!;
        if (target < 0) target = 0;
        const current = payments[j]!;
        if (current - target <= tolerance) continue;
        moved = true;
        payments[j] = target;
        // Push the change of every partially affected tier segment to its creditors.
        const segEnd = nodeStart[j + 1]!;
        for (let s = nodeStart[j]!; s < segEnd; s++) {
          const b = before[s]!;
          if (b >= current) break;
          const t = total[s]!;
          const delta = segmentFraction(target, b, t) - segmentFraction(current, b, t);
          if (delta === 0) continue;
          const end = claimStart[s + 1]!;
          for (let k = claimStart[s]!; k < end; k++) {
            const c = creditor[k]!;
            if (c >= 0) received[c]! += delta * amount[k]!;
          }
        }
      }
    }
    if (!converged) break;
  }

  // Final per-claim payments, and receipts recomputed from them so that totals balance exactly.
  const paid = new Float64Array(claims);
  received.fill(0);
  for (let i = 0; i < n; i++) {
    const p = payments[i]!;
    const segEnd = nodeStart[i + 1]!;
    for (let s = nodeStart[i]!; s < segEnd; s++) {
      const f = segmentFraction(p, before[s]!, total[s]!);
      if (f === 0) break;
      const end = claimStart[s + 1]!;
      for (let k = claimStart[s]!; k < end; k++) {
        const value = f * amount[k]!;
        paid[k] = value;
        const c = creditor[k]!;
        if (c >= 0) received[c]! += value;
      }
    }
  }
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) equity[i] = e[i]! + received[i]! - owed[i]!;
  return { paid, payments, owed, received, equity, defaulted, wave, rounds, iterations, converged };
}

/** Largest nominal owed or external asset: the scale for a relative tolerance (1 if all are 0). */
export function scaleOf(owed: Float64Array, externalAssets: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < owed.length; i++) {
    const o = owed[i]!;
    const a = externalAssets[i]!;
    if (o > scale) scale = o;
    if (a > scale) scale = a;
  }
  return scale > 0 ? scale : 1;
}
