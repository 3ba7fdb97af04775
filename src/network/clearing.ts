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
 * allocated per sweep. Defaulters' state and tier segments are copied into compact member-indexed
 * arrays, so a sweep's random accesses stay within a few MB; solvent creditors are settled once at
 * the end of a round, and that is when the next wave is found (only their receipts changed).
 * @module
 */
import {
  type ClearingProblem,
  ClearingWorkspace,
  segmentFraction as importedFraction,
  type TierSegments,
  tierSegments,
} from "./clearing-problem.ts";

/** `defaulted` mark of a node found insolvent during a round, which joins the defaulters after it. */
const PENDING = 2;

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
 * O(n + claims) set-up; per round O(claims of defaulters) to settle and to list the claims between
 * defaulters, plus O(claims between defaulters) per sweep.
 * @throws {RangeError} if α or β is outside [0, 1] or a debtor's claims are not sorted by tier
 */
export function clearingVector(problem: ClearingProblem, options: ClearingOptions = {}): ClearingResult {
  const { alpha, beta, maxIterations } = clearingParameters(options);
  // A local binding: calling an imported function through the module namespace in the hot loop is ~3× slower.
  const segmentFraction = importedFraction;
  const { n, externalAssets: e, creditor, amount } = problem;
  const work = options.workspace ?? new ClearingWorkspace();
  const { nodeStart, claimStart, total, before, owed } = tierSegments(problem, work);
  const tolerance = options.tolerance ?? DEFAULT_RELATIVE_TOLERANCE * scaleOf(owed, e);
  const claims = amount.length;

  const payments = work.take("payments", Float64Array, n);
  payments.set(owed);
  // margin_i = e_i + R_i − p̄_i of every node that has not defaulted: it defaults when margin < −tolerance.
  const margin = work.take("margin", Float64Array, n);
  for (let i = 0; i < n; i++) margin[i] = e[i]! - owed[i]!;
  for (let k = 0; k < claims; k++) {
    const c = creditor[k]!;
    if (c >= 0) margin[c]! += amount[k]!;
  }
  const defaulted = work.take("defaulted", Uint8Array, n).fill(0);
  const wave = work.take("wave", Int32Array, n).fill(-1);
  const members = work.take("members", Int32Array, n);
  // Defaulters ("members") get compact member-indexed copies of their state, tier segments and
  // claims, so that a sweep's random accesses stay within a few MB.
  const local = work.take("local", Int32Array, n).fill(-1);
  const memberAssets = work.take("memberAssets", Float64Array, n);
  const memberPaid = work.take("memberPaid", Float64Array, n);
  const memberReceived = work.take("memberReceived", Float64Array, n);
  const roundStart = work.take("roundStart", Float64Array, n);
  const memberSegmentStart = work.take("memberSegmentStart", Uint32Array, n + 1);
  const memberBefore = work.take("memberBefore", Float64Array, total.length);
  const memberTotal = work.take("memberTotal", Float64Array, total.length);
  // Each member's claims on other nodes, as a block [blockStart, blockStart′) split at `split`: first the
  // claims on members (creditor as member index: pushed in sweeps), then those on solvent nodes
  // (creditor as node: settled after each round). Claims on external creditors affect nobody.
  const blockStart = work.take("blockStart", Uint32Array, n + 1);
  const split = work.take("split", Uint32Array, n);
  const arenaCreditor = work.take("arena.creditor", Int32Array, claims);
  const arenaAmount = work.take("arena.amount", Float64Array, claims);
  const arenaSegment = work.take("arena.segment", Uint32Array, claims);
  memberSegmentStart[0] = 0;
  blockStart[0] = 0;
  let memberCount = 0;
  let rounds = 0;
  let iterations = 0;
  let converged = true;

  // Wave 0: insolvent when everyone pays in full. Later waves are found while settling each round
  // with the solvent creditors, the only nodes whose receipts change (PENDING until the round ends).
  let pending = 0;
  for (let i = 0; i < n; i++) {
    if (margin[i]! < -tolerance) {
      defaulted[i] = PENDING;
      members[pending++] = i;
    }
  }
  for (;;) {
    if (pending === memberCount) break;
    const known = memberCount;
    // In node order, so that copying their data below walks the problem's arrays forwards.
    members.subarray(known, pending).sort();
    for (let idx = known; idx < pending; idx++) {
      const i = members[idx]!;
      defaulted[i] = 1;
      wave[i] = rounds;
      local[i] = idx;
    }
    memberCount = pending;
    rounds++;
    // Claims of earlier members on the new ones move to the swept part of their blocks.
    for (let idx = 0; idx < known; idx++) {
      let front = split[idx]!;
      const end = blockStart[idx + 1]!;
      for (let k = front; k < end; k++) {
        const to = local[arenaCreditor[k]!]!;
        if (to < 0) continue;
        const amountK = arenaAmount[k]!;
        const segmentK = arenaSegment[k]!;
        arenaCreditor[k] = arenaCreditor[front]!;
        arenaAmount[k] = arenaAmount[front]!;
        arenaSegment[k] = arenaSegment[front]!;
        arenaCreditor[front] = to;
        arenaAmount[front] = amountK;
        arenaSegment[front] = segmentK;
        front++;
      }
      split[idx] = front;
    }
    // The new members' state, segments and claims.
    for (let idx = known; idx < memberCount; idx++) {
      const i = members[idx]!;
      memberAssets[idx] = e[i]!;
      memberPaid[idx] = payments[i]!;
      memberReceived[idx] = margin[i]! - e[i]! + owed[i]!;
      let m = memberSegmentStart[idx]!;
      let front = blockStart[idx]!;
      let back = front;
      for (let g = nodeStart[i]!; g < nodeStart[i + 1]!; g++, m++) {
        memberBefore[m] = before[g]!;
        memberTotal[m] = total[g]!;
        for (let k = claimStart[g]!; k < claimStart[g + 1]!; k++) if (creditor[k]! >= 0) back++;
      }
      memberSegmentStart[idx + 1] = m;
      blockStart[idx + 1] = back;
      // Members first (from the front), solvent creditors last (from the back).
      m = memberSegmentStart[idx]!;
      for (let g = nodeStart[i]!; g < nodeStart[i + 1]!; g++, m++) {
        for (let k = claimStart[g]!; k < claimStart[g + 1]!; k++) {
          const c = creditor[k]!;
          if (c < 0) continue;
          const to = local[c]!;
          const slot = to >= 0 ? front++ : --back;
          arenaCreditor[slot] = to >= 0 ? to : c;
          arenaAmount[slot] = amount[k]!;
          arenaSegment[slot] = m;
        }
      }
      split[idx] = front;
    }
    for (let idx = 0; idx < memberCount; idx++) roundStart[idx] = memberPaid[idx]!;

    // Gauss–Seidel sweeps over the defaulters until no payment moves by more than the tolerance.
    // Only receipts of defaulters matter inside the round; solvent creditors are settled after it.
    let moved = true;
    while (moved) {
      if (iterations >= maxIterations) {
        converged = false;
        break;
      }
      iterations++;
      moved = false;
      for (let idx = 0; idx < memberCount; idx++) {
        let target = alpha * memberAssets[idx]! + beta * memberReceived[idx]!;
        if (target < 0) target = 0;
        const current = memberPaid[idx]!;
        if (current - target <= tolerance) continue;
        moved = true;
        memberPaid[idx] = target;
        let segment = -1;
        let delta = 0;
        const end = split[idx]!;
        for (let k = blockStart[idx]!; k < end; k++) {
          const s = arenaSegment[k]!;
          if (s !== segment) {
            segment = s;
            const b = memberBefore[s]!;
            const t = memberTotal[s]!;
            delta = b >= current ? 0 : segmentFraction(target, b, t) - segmentFraction(current, b, t);
          }
          if (delta !== 0) memberReceived[arenaCreditor[k]!]! += delta * arenaAmount[k]!;
        }
      }
    }
    // Settle with the solvent creditors what the defaulters' payments changed over the round, and
    // find the next wave among them.
    for (let idx = 0; idx < memberCount; idx++) {
      const from = roundStart[idx]!;
      const to = memberPaid[idx]!;
      if (from === to) continue;
      let segment = -1;
      let delta = 0;
      const end = blockStart[idx + 1]!;
      for (let k = split[idx]!; k < end; k++) {
        const s = arenaSegment[k]!;
        if (s !== segment) {
          segment = s;
          const b = memberBefore[s]!;
          const t = memberTotal[s]!;
          delta = b >= from ? 0 : segmentFraction(to, b, t) - segmentFraction(from, b, t);
        }
        if (delta === 0) continue;
        const c = arenaCreditor[k]!;
        const value = margin[c]! + delta * arenaAmount[k]!;
        margin[c] = value;
        if (value < -tolerance && defaulted[c] === 0) {
          defaulted[c] = PENDING;
          members[pending++] = c;
        }
      }
    }
    if (!converged) break;
  }
  // Stopped early (maxIterations): nodes found insolvent but not yet solved for still count as defaults.
  for (let idx = memberCount; idx < pending; idx++) {
    defaulted[members[idx]!] = 1;
    wave[members[idx]!] = rounds;
  }
  const received = work.take("received", Float64Array, n);
  const equity = work.take("equity", Float64Array, n);
  for (let i = 0; i < n; i++) {
    received[i] = margin[i]! - e[i]! + owed[i]!;
    equity[i] = margin[i]!;
  }
  for (let idx = 0; idx < memberCount; idx++) {
    const j = members[idx]!;
    payments[j] = memberPaid[idx]!;
    received[j] = memberReceived[idx]!;
    equity[j] = e[j]! + received[j]! - owed[j]!;
  }
  let paid: Float64Array | undefined;
  return {
    // Per-claim payments are a full pass over the claims; most callers never look at them.
    get paid() {
      paid ??= claimPayments(
        problem,
        payments,
        { nodeStart, claimStart, total, before },
        work.take("paid", Float64Array, claims),
      );
      return paid;
    },
    payments,
    owed,
    received,
    equity,
    defaulted,
    wave,
    rounds,
    iterations,
    converged,
  };
}

/** What each claim is paid when each debtor pays `payments` in total, tier by tier. */
function claimPayments(
  problem: ClearingProblem,
  payments: Float64Array,
  segments: Pick<TierSegments, "nodeStart" | "claimStart" | "total" | "before">,
  paid: Float64Array,
): Float64Array {
  const { nodeStart, claimStart, total, before } = segments;
  const { n, amount } = problem;
  const segmentFraction = importedFraction;
  paid.fill(0);
  for (let i = 0; i < n; i++) {
    const p = payments[i]!;
    for (let s = nodeStart[i]!; s < nodeStart[i + 1]!; s++) {
      const f = segmentFraction(p, before[s]!, total[s]!);
      if (f === 0) break;
      for (let k = claimStart[s]!; k < claimStart[s + 1]!; k++) paid[k] = f * amount[k]!;
    }
  }
  return paid;
}

/**
 * α, β and the sweep cap of `options`, with defaults.
 * @throws {RangeError} if α or β is outside [0, 1]
 */
export function clearingParameters(options: ClearingOptions): {
  alpha: number;
  beta: number;
  maxIterations: number;
} {
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`beta must be in [0, 1], got ${beta}`);
  return { alpha, beta, maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS };
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
