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
 * solved by Gauss–Seidel on the claims between defaulters, in push form (a defaulter whose payment
 * drops pushes the change in what its marginal-tier creditors receive). Started above the solution,
 * every sweep moves payments down monotonically, and a payment is recomputed from its node's current
 * receipts, so marginal tiers move up by themselves. Because payments only fall, a tier that a
 * defaulter can no longer reach is settled once and dropped; nodes outside `D` are settled once per
 * round, and the next wave is read off their margins. The kernel, its memory layout and why it is
 * shaped the way it is: `clearing-kernel.ts`.
 *
 * `forcedDefault` puts nodes in `D` from the start (wave 0): they pay `min(p̄_i, α·e_i + β·R_i)`
 * whatever their balance sheet, the RV payment rule for a node known to be in default (a failed
 * entity's estate).
 * @module
 */

import { greatestClearing } from "./clearing-kernel.ts";
import { type ClearingProblem, segmentFraction as importedFraction } from "./clearing-problem.ts";
import { ClearingWorkspace } from "./clearing-workspace.ts";

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
  /**
   * Nodes in default from the start whatever their balance sheet (a failed entity's estate), marked
   * 1 (length `n`). They are in wave 0 and pay `min(p̄_i, α·e_i + β·R_i)` down their tiers, so the
   * default costs apply to them even when their assets would cover their debts. This is the
   * Rogers–Veraart payment rule applied to a known default set (RV 2013 §3); it gives the same
   * payments as adding a junior claim larger than anything the node could pay. Default: none.
   */
  readonly forcedDefault?: Uint8Array;
  /**
   * Memory to reuse across calls (see {@link ClearingWorkspace}); the result's arrays are then views
   * into it, valid until the next call with the same workspace. Default: fresh memory.
   */
  readonly workspace?: ClearingWorkspace;
}

/** The greatest clearing vector and what follows from it. All amounts in USD. */
export interface ClearingResult {
  /**
   * Amount paid on each claim (CSR order of the problem). Computed on first access; with a
   * workspace, read it before the next call that uses the workspace.
   */
  readonly paid: Float64Array;
  /** Total paid by each node on all its claims, `p_i`. */
  readonly payments: Float64Array;
  /** Total owed by each node, `p̄_i`. */
  readonly owed: Float64Array;
  /** Total received by each node from the other nodes (equal to the sum of `paid` over its claims). */
  readonly received: Float64Array;
  /** `e_i + received_i − owed_i`; negative for a defaulter (before any default costs). */
  readonly equity: Float64Array;
  /** 1 if the node defaulted (paid less than it owed) or was forced into default. */
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
 * O(n + claims) set-up; per round O(claims of new defaulters) to admit them and O(live claims of
 * defaulters) to settle, plus O(live claims between defaulters) per sweep.
 * @throws {RangeError} if α or β is outside [0, 1], `forcedDefault` does not have `n` entries, or a
 *   debtor's claims are not sorted by tier
 */
export function clearingVector(problem: ClearingProblem, options: ClearingOptions = {}): ClearingResult {
  const { alpha, beta, maxIterations, forced } = clearingParameters(options, problem.n);
  const work = options.workspace ?? new ClearingWorkspace();
  const { nodes, rounds, iterations, converged } = greatestClearing(
    problem,
    {
      alpha,
      beta,
      tolerance: options.tolerance,
      relativeTolerance: DEFAULT_RELATIVE_TOLERANCE,
      maxIterations,
      forced,
    },
    work,
  );
  const { payments } = nodes;
  let paid: Float64Array | undefined;
  return {
    // Per-claim payments are a full pass over the claims; most callers never look at them.
    get paid() {
      paid ??= claimPayments(problem, payments, work.paid(problem.amount.length));
      return paid;
    },
    payments,
    owed: nodes.owed,
    received: nodes.received,
    equity: nodes.equity,
    defaulted: nodes.defaulted,
    wave: nodes.wave,
    rounds,
    iterations,
    converged,
  };
}

/** What each claim is paid when each debtor pays `payments` in total, tier by tier, pro rata within a tier. */
function claimPayments(problem: ClearingProblem, payments: Float64Array, paid: Float64Array): Float64Array {
  const { n, debtorStart, amount, tier } = problem;
  const segmentFraction = importedFraction;
  for (let i = 0; i < n; i++) {
    const p = payments[i]!;
    const end = debtorStart[i + 1]!;
    let before = 0;
    for (let k = debtorStart[i]!; k < end; ) {
      const t = tier[k]!;
      let stop = k;
      let total = 0;
      for (; stop < end && tier[stop] === t; stop++) total += amount[stop]!;
      const f = segmentFraction(p, before, total);
      for (; k < stop; k++) paid[k] = f * amount[k]!;
      before += total;
    }
  }
  return paid;
}

/**
 * α, β, the sweep cap and the forced defaults of `options`, with defaults, for a problem of `n` nodes.
 * @throws {RangeError} if α or β is outside [0, 1] or `forcedDefault` does not have `n` entries
 */
export function clearingParameters(
  options: ClearingOptions,
  n: number,
): { alpha: number; beta: number; maxIterations: number; forced: Uint8Array | undefined } {
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`beta must be in [0, 1], got ${beta}`);
  const forced = options.forcedDefault;
  if (forced !== undefined && forced.length !== n)
    throw new RangeError(`forcedDefault has ${forced.length} entries, expected ${n}`);
  return { alpha, beta, maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS, forced };
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
