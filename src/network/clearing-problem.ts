/**
 * The input of a tiered clearing: nodes with external assets and a CSR list of claims by debtor,
 * each with a creditor (a node, or {@link EXTERNAL_CREDITOR}), a nominal amount and a seniority tier.
 * @module
 */

/** Creditor index of a claim held outside the network (customers, unmodelled lenders): paid, but nothing flows back. */
export const EXTERNAL_CREDITOR = -1;

export { ClearingWorkspace } from "./clearing-workspace.ts";

/** Largest tier number (tiers are stored as bytes). */
export const MAX_TIER = 255;

/**
 * A clearing problem in compressed-sparse-row form by debtor (struct of arrays).
 *
 * Debtor `i`'s claims are `k ∈ [debtorStart[i], debtorStart[i+1])`, in non-decreasing `tier` order
 * (tier 0 is paid first). Build one from claims in any order with {@link buildClearingProblem}.
 * Kernels trust these invariants: amounts and external assets are finite and ≥ 0, creditors are
 * `-1` or in `[0, n)` and never the debtor itself.
 */
export interface ClearingProblem {
  /** Number of nodes. */
  readonly n: number;
  /** External assets `e_i ≥ 0`, USD, already marked to market by the caller. Length `n`. */
  readonly externalAssets: Float64Array;
  /** Length `n + 1`; debtor `i`'s claims are `[debtorStart[i], debtorStart[i+1])`. */
  readonly debtorStart: Uint32Array;
  /** Creditor node of claim `k`, or {@link EXTERNAL_CREDITOR}. */
  readonly creditor: Int32Array;
  /** Nominal amount of claim `k`, USD, ≥ 0. */
  readonly amount: Float64Array;
  /** Seniority tier of claim `k`: 0 is the most senior. */
  readonly tier: Uint8Array;
}

/** Claims in any order, as parallel arrays (one entry per claim). */
export interface ClaimList {
  /** Debtor node of each claim (who pays). */
  readonly debtor: ArrayLike<number>;
  /** Creditor node of each claim, or {@link EXTERNAL_CREDITOR}. */
  readonly creditor: ArrayLike<number>;
  /** Nominal amount of each claim, USD, ≥ 0. */
  readonly amount: ArrayLike<number>;
  /** Seniority tier of each claim (0 = most senior); all 0 when omitted. */
  readonly tier?: ArrayLike<number>;
}

/**
 * Builds a {@link ClearingProblem} from claims in any order: a stable counting sort by (debtor, tier),
 * O(n + claims). Returns `order`, the input index of each sorted claim, so callers can map per-claim
 * results (`paid`) back to their own claims.
 * @throws {RangeError} on an index out of range, a self-claim, a negative or non-finite amount or
 *   external asset, or a tier outside 0..255: these are programming errors, not user input errors
 *   (user input is validated at the file boundary).
 */
export function buildClearingProblem(
  n: number,
  externalAssets: ArrayLike<number>,
  claims: ClaimList,
): { problem: ClearingProblem; order: Uint32Array } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (externalAssets.length !== n)
    throw new RangeError(`externalAssets has ${externalAssets.length} entries, expected ${n}`);
  const m = claims.debtor.length;
  if (claims.creditor.length !== m || claims.amount.length !== m || (claims.tier && claims.tier.length !== m))
    throw new RangeError("debtor, creditor, amount and tier must have the same length");
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = externalAssets[i]!;
    if (!(value >= 0) || !Number.isFinite(value))
      throw new RangeError(`externalAssets[${i}] = ${value}, expected finite ≥ 0`);
    e[i] = value;
  }
  // Sort key = debtor · 256 + tier; counting sort on tier first, then a stable sort on debtor.
  const byTier = new Uint32Array(m);
  const tierCount = new Uint32Array(MAX_TIER + 2);
  for (let k = 0; k < m; k++) {
    const d = claims.debtor[k]!;
    const c = claims.creditor[k]!;
    const a = claims.amount[k]!;
    const t = claims.tier ? claims.tier[k]! : 0;
    if (!Number.isInteger(d) || d < 0 || d >= n) throw new RangeError(`claim ${k}: debtor ${d} out of range`);
    if (!Number.isInteger(c) || c < EXTERNAL_CREDITOR || c >= n)
      throw new RangeError(`claim ${k}: creditor ${c} out of range`);
    if (c === d) throw new RangeError(`claim ${k}: node ${d} cannot owe itself`);
    if (!(a >= 0) || !Number.isFinite(a))
      throw new RangeError(`claim ${k}: amount ${a}, expected finite ≥ 0`);
    if (!Number.isInteger(t) || t < 0 || t > MAX_TIER)
      throw new RangeError(`claim ${k}: tier ${t} outside 0..${MAX_TIER}`);
    tierCount[t + 1]!++;
  }
  for (let t = 1; t < tierCount.length; t++) tierCount[t]! += tierCount[t - 1]!;
  for (let k = 0; k < m; k++) byTier[tierCount[claims.tier ? claims.tier[k]! : 0]!++] = k;

  const debtorStart = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) debtorStart[claims.debtor[k]! + 1]!++;
  for (let i = 0; i < n; i++) debtorStart[i + 1]! += debtorStart[i]!;
  const next = debtorStart.slice(0, n);
  const order = new Uint32Array(m);
  const creditor = new Int32Array(m);
  const amount = new Float64Array(m);
  const tier = new Uint8Array(m);
  for (let s = 0; s < m; s++) {
    const k = byTier[s]!;
    const slot = next[claims.debtor[k]!]!++;
    order[slot] = k;
    creditor[slot] = claims.creditor[k]!;
    amount[slot] = claims.amount[k]!;
    tier[slot] = claims.tier ? claims.tier[k]! : 0;
  }
  return { problem: { n, externalAssets: e, debtorStart, creditor, amount, tier }, order };
}

/**
 * Tier segments of each debtor: runs of claims with the same tier, with the segment's total and the
 * total of all more senior segments of the same debtor. A debtor paying `p` in total pays each claim
 * of segment `s` the fraction `clamp((p − before[s]) / total[s], 0, 1)` of its amount.
 * @internal used by the reference kernel (`picardClearing`)
 */
export interface TierSegments {
  /** Length `n + 1`: debtor `i`'s segments are `[nodeStart[i], nodeStart[i+1])`. */
  readonly nodeStart: Uint32Array;
  /** Length `segments + 1`: segment `s` holds claims `[claimStart[s], claimStart[s+1])`. */
  readonly claimStart: Uint32Array;
  /** Sum of the amounts of segment `s`, USD. */
  readonly total: Float64Array;
  /** Sum of the amounts of the debtor's more senior segments, USD. */
  readonly before: Float64Array;
  /** Total nominal owed by each debtor, `p̄_i`, USD. */
  readonly owed: Float64Array;
}

/**
 * Splits each debtor's claims into tier segments. One pass over the claims.
 * @throws {RangeError} if a debtor's claims are not in non-decreasing tier order
 * @internal
 */
export function tierSegments(problem: ClearingProblem): TierSegments {
  const { n, debtorStart, amount, tier } = problem;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const end = debtorStart[i + 1]!;
    let previous = -1;
    for (let k = debtorStart[i]!; k < end; k++) {
      const t = tier[k]!;
      if (t !== previous) {
        if (t < previous) throw new RangeError(`debtor ${i}: claims are not sorted by tier (claim ${k})`);
        count++;
        previous = t;
      }
    }
  }
  const nodeStart = new Uint32Array(n + 1);
  const claimStart = new Uint32Array(count + 1);
  const total = new Float64Array(count);
  const before = new Float64Array(count);
  const owed = new Float64Array(n);
  let s = -1;
  for (let i = 0; i < n; i++) {
    nodeStart[i] = s + 1;
    const end = debtorStart[i + 1]!;
    let previous = -1;
    let cumulative = 0;
    for (let k = debtorStart[i]!; k < end; k++) {
      const t = tier[k]!;
      if (t !== previous) {
        s++;
        claimStart[s] = k;
        before[s] = cumulative;
        previous = t;
      }
      const a = amount[k]!;
      total[s]! += a;
      cumulative += a;
    }
    owed[i] = cumulative;
  }
  nodeStart[n] = count;
  claimStart[count] = debtorStart[n]!;
  return { nodeStart, claimStart, total, before, owed };
}

/** Fraction of a tier segment paid when its debtor pays `payment` in total. */
export function segmentFraction(payment: number, before: number, total: number): number {
  if (total <= 0) return 1;
  const f = (payment - before) / total;
  return f <= 0 ? 0 : Math.min(f, 1);
}
