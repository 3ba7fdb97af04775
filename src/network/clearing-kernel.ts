/**
 * The greatest-clearing-vector kernel behind {@link clearingVector}: the rounds of the GA over
 * typed arrays, split into one function per phase so that each is optimised on its own.
 *
 * Layout. Defaulters ("members") get compact member-indexed state: α·e, receipts, payment, payment
 * at round start, and a run of arena segments. An arena segment is one tier of one member that
 * still pays something to a node; its claims sit in the arena (creditor, amount), claims on members
 * first (creditor as member index, pushed during sweeps), then claims on other nodes (creditor as
 * node, settled once per round). A member's segments are in tier order and die from the junior end:
 * once its payment is at or below a tier's start that tier is never paid again (payments only
 * fall), so it is settled one last time and dropped; a member with no segment left pays only
 * external creditors and is no longer swept.
 * @module
 */
import type { ClearingProblem } from "./clearing-problem.ts";
import type { ClaimBuffers, ClearingWorkspace, NodeBuffers, SegmentBuffers } from "./clearing-workspace.ts";

/** `local` mark of a node that pays in full. */
const SOLVENT = -1;
/** `local` mark of a node found insolvent during a round: it joins the defaulters after the round. */
const PENDING = -2;

/** Parameters of one clearing, validated by the caller. */
export interface KernelParameters {
  readonly alpha: number;
  readonly beta: number;
  /** Absolute tolerance, USD; undefined for `relativeTolerance ×` the largest `p̄_i` or `e_i`. */
  readonly tolerance: number | undefined;
  readonly relativeTolerance: number;
  readonly maxIterations: number;
  /** 1 for nodes in default from the start; length n. */
  readonly forced: Uint8Array | undefined;
}

/** What {@link greatestClearing} leaves in the workspace's node buffers, and the counts. */
export interface KernelResult {
  readonly nodes: NodeBuffers;
  readonly rounds: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Mutable state of one clearing: the workspace's buffers and the counters of the rounds. */
interface State {
  readonly problem: ClearingProblem;
  readonly alpha: number;
  readonly beta: number;
  tolerance: number;
  readonly nodes: NodeBuffers;
  readonly arena: ClaimBuffers;
  segments: SegmentBuffers;
  /** Nodes marked PENDING, in `nodes.pending[0, pendingCount)`. */
  pendingCount: number;
  memberCount: number;
  /** Members still swept, in `nodes.active[0, activeCount)`, in member order. */
  activeCount: number;
  arenaTop: number;
  arenaSegments: number;
  /** Set when the sweep budget ran out. */
  exhausted: boolean;
}

/**
 * Runs the GA rounds on `problem` in `work`'s memory; the node buffers then hold payments, receipts,
 * equity, default flags and waves.
 * @throws {RangeError} if a debtor's claims are not sorted by tier
 */
export function greatestClearing(
  problem: ClearingProblem,
  parameters: KernelParameters,
  work: ClearingWorkspace,
): KernelResult {
  const state: State = {
    problem,
    alpha: parameters.alpha,
    beta: parameters.beta,
    tolerance: 0,
    nodes: work.nodes(problem.n),
    arena: work.claims(problem.amount.length),
    segments: work.segments(0),
    pendingCount: 0,
    memberCount: 0,
    activeCount: 0,
    arenaTop: 0,
    arenaSegments: 0,
    exhausted: false,
  };
  const { segmentCount, scale } = openingMargins(state);
  state.tolerance = parameters.tolerance ?? parameters.relativeTolerance * (scale > 0 ? scale : 1);
  state.segments = work.segments(segmentCount);
  state.segments.bound[0] = 0;
  waveZero(state, parameters.forced);
  let rounds = 0;
  let iterations = 0;
  while (state.pendingCount > 0 && !state.exhausted) {
    const known = admit(state, rounds);
    rounds++;
    moveClaimsOnNewMembers(state);
    join(state, known);
    iterations += solveRound(state, parameters.maxIterations - iterations);
    settle(state);
  }
  finish(state, rounds);
  return { nodes: state.nodes, rounds, iterations, converged: !state.exhausted };
}

/**
 * One pass over the claims: totals owed `p̄_i`, the tier order check, and each node's margin
 * `e_i + R_i − p̄_i` when everyone pays in full (a node defaults when it is below −tolerance).
 * @returns the number of tier segments and the scale of a relative tolerance (largest p̄_i or e_i)
 */
function openingMargins(state: State): { segmentCount: number; scale: number } {
  const { n, externalAssets: e, debtorStart, creditor, amount, tier } = state.problem;
  const { margin, owed } = state.nodes;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const value = e[i]!;
    margin[i] = value;
    if (value > scale) scale = value;
  }
  let segmentCount = 0;
  for (let i = 0; i < n; i++) {
    const end = debtorStart[i + 1]!;
    let total = 0;
    let previous = -1;
    for (let k = debtorStart[i]!; k < end; k++) {
      const t = tier[k]!;
      if (t !== previous) {
        if (t < previous) throw new RangeError(`debtor ${i}: claims are not sorted by tier (claim ${k})`);
        segmentCount++;
        previous = t;
      }
      const a = amount[k]!;
      total += a;
      const c = creditor[k]!;
      if (c >= 0) margin[c]! += a;
    }
    owed[i] = total;
    margin[i]! -= total;
    if (total > scale) scale = total;
  }
  return { segmentCount, scale };
}

/** Wave 0: insolvent when everyone pays in full, or forced into default. */
function waveZero(state: State, forced: Uint8Array | undefined): void {
  const { n } = state.problem;
  const { margin, local, pending, insolvent } = state.nodes;
  const limit = -state.tolerance;
  insolvent.fill(0, 0, (n + 31) >>> 5);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (margin[i]! < limit || (forced !== undefined && forced[i] !== 0)) {
      local[i] = PENDING;
      insolvent[i >>> 5]! |= 1 << (i & 31);
      pending[count++] = i;
    } else local[i] = SOLVENT;
  }
  state.pendingCount = count;
}

/**
 * Makes the pending nodes members, in node order (so that reading their claims walks the problem
 * forwards): a scan of the marks when the wave is large, a sort when it is small.
 * @returns the number of members before
 */
function admit(state: State, round: number): number {
  const { n, externalAssets: e } = state.problem;
  const { alpha } = state;
  const { margin, owed, local, pending, memberNode, wave } = state.nodes;
  const { memberBase, memberReceived, memberPaid } = state.nodes;
  const known = state.memberCount;
  let count = known;
  if (state.pendingCount * 32 > n) {
    for (let i = 0; i < n; i++) if (local[i] === PENDING) memberNode[count++] = i;
  } else {
    pending.subarray(0, state.pendingCount).sort();
    for (let p = 0; p < state.pendingCount; p++) memberNode[count++] = pending[p]!;
  }
  state.pendingCount = 0;
  for (let m = known; m < count; m++) {
    const i = memberNode[m]!;
    local[i] = m;
    wave[i] = round;
    memberBase[m] = alpha * e[i]!;
    memberReceived[m] = margin[i]! - e[i]! + owed[i]!;
    // From now on a member's margin collects losses pushed to it outside sweeps (see `join`).
    margin[i] = 0;
    memberPaid[m] = owed[i]!;
  }
  state.memberCount = count;
  return known;
}

/** Claims of earlier members on the new ones move into the member part of their segments. */
function moveClaimsOnNewMembers(state: State): void {
  const { local, insolvent, memberSegment, memberLive, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { bound, split } = state.segments;
  const activeCount = state.activeCount;
  for (let a = 0; a < activeCount; a++) {
    const m = active[a]!;
    const last = memberLive[m]!;
    for (let s = memberSegment[m]!; s < last; s++) {
      let front = split[s]!;
      const end = bound[s + 1]!;
      for (let k = front; k < end; k++) {
        const c = arenaCreditor[k]!;
        // Still solvent (the common case) without reaching into the node-sized `local`.
        if ((insolvent[c >>> 5]! & (1 << (c & 31))) === 0) continue;
        const moved = arenaShare[k]!;
        arenaCreditor[k] = arenaCreditor[front]!;
        arenaShare[k] = arenaShare[front]!;
        arenaCreditor[front] = local[c]!;
        arenaShare[front] = moved;
        front++;
      }
      split[s] = front;
    }
  }
}

/**
 * The new members' claims. A member's payment can never again exceed its target now,
 * `min(p̄, α·e + β·R)` with today's receipts, since receipts only fall: its tiers that start at or
 * above that bound will never be paid, so what they lose is settled once, here, and they stay out of
 * the arena. Its other tiers' claims on nodes are copied into the arena, claims on members first.
 */
function join(state: State, known: number): void {
  const { debtorStart, creditor, amount, tier } = state.problem;
  const { beta } = state;
  const limit = -state.tolerance;
  const { margin, owed, local, insolvent, pending, memberNode, memberBase, memberReceived, memberPaid } =
    state.nodes;
  const { memberRoundStart, memberSegment, memberLive, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { before: segmentBefore, total: segmentTotal, bound, split } = state.segments;
  const memberCount = state.memberCount;
  let pendingCount = state.pendingCount;
  let activeCount = state.activeCount;
  let arenaTop = state.arenaTop;
  let segments = state.arenaSegments;
  for (let m = known; m < memberCount; m++) {
    const i = memberNode[m]!;
    let ceiling = memberBase[m]! + beta * memberReceived[m]!;
    if (ceiling < 0) ceiling = 0;
    if (ceiling > owed[i]!) ceiling = owed[i]!;
    memberSegment[m] = segments;
    const end = debtorStart[i + 1]!;
    let before = 0;
    for (let k = debtorStart[i]!; k < end; ) {
      const t = tier[k]!;
      let stop = k;
      let total = 0;
      let held = 0;
      for (; stop < end && tier[stop] === t; stop++) {
        total += amount[stop]!;
        if (creditor[stop]! >= 0) held++;
      }
      if (held > 0 && total > 0) {
        if (before >= ceiling) {
          for (; k < stop; k++) {
            const c = creditor[k]!;
            if (c < 0) continue;
            const value = margin[c]! - amount[k]!;
            margin[c] = value;
            if (value < limit) {
              const word = c >>> 5;
              const bit = 1 << (c & 31);
              if ((insolvent[word]! & bit) === 0) {
                local[c] = PENDING;
                insolvent[word]! |= bit;
                pending[pendingCount++] = c;
              }
            }
          }
        } else {
          let front = arenaTop;
          let back = arenaTop + held;
          for (; k < stop; k++) {
            const c = creditor[k]!;
            if (c < 0) continue;
            const to = (insolvent[c >>> 5]! & (1 << (c & 31))) === 0 ? SOLVENT : local[c]!;
            const slot = to >= 0 ? front++ : --back;
            arenaCreditor[slot] = to >= 0 ? to : c;
            arenaShare[slot] = amount[k]! / total;
          }
          segmentBefore[segments] = before;
          segmentTotal[segments] = total;
          split[segments] = front;
          arenaTop += held;
          bound[++segments] = arenaTop;
        }
      }
      before += total;
      k = stop;
    }
    memberLive[m] = segments;
    if (segments > memberSegment[m]!) active[activeCount++] = m;
  }
  // Losses pushed to members above (kept in their margins, so that pushing needed no member
  // lookup) move into their receipts before the sweeps.
  for (let m = 0; m < memberCount; m++) {
    const i = memberNode[m]!;
    const loss = margin[i]!;
    if (loss !== 0) {
      memberReceived[m]! += loss;
      margin[i] = 0;
    }
  }
  for (let a = 0; a < activeCount; a++) {
    const m = active[a]!;
    memberRoundStart[m] = memberPaid[m]!;
  }
  state.pendingCount = pendingCount;
  state.activeCount = activeCount;
  state.arenaTop = arenaTop;
  state.arenaSegments = segments;
}

/**
 * Gauss–Seidel sweeps over the active members until no payment moves by more than the tolerance.
 * Only receipts of members matter inside the round; other nodes are settled after it. Each moving
 * member pushes, tier by tier from its most junior one paid at either payment, the change in what
 * its claims on members receive.
 * @returns the number of sweeps; sets `exhausted` if `budget` ran out first
 */
function solveRound(state: State, budget: number): number {
  const { beta, tolerance } = state;
  const { memberBase, memberReceived, memberPaid, memberSegment, memberLive, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { before: segmentBefore, total: segmentTotal, bound, split } = state.segments;
  const activeCount = state.activeCount;
  // When most members are active, walking all of them in order beats going through the list.
  const dense = 2 * activeCount >= state.memberCount;
  const count = dense ? state.memberCount : activeCount;
  let sweeps = 0;
  let moved = activeCount > 0;
  while (moved) {
    if (sweeps >= budget) {
      state.exhausted = true;
      break;
    }
    sweeps++;
    moved = false;
    for (let a = 0; a < count; a++) {
      const m = dense ? a : active[a]!;
      const first = memberSegment[m]!;
      const live = memberLive[m]!;
      if (live === first) continue;
      let target = memberBase[m]! + beta * memberReceived[m]!;
      if (target < 0) target = 0;
      // A target above the payment (a forced default that could pay more than it owes) is no move.
      const current = memberPaid[m]!;
      if (current - target <= tolerance) continue;
      moved = true;
      memberPaid[m] = target;
      for (let s = live - 1; s >= first; s--) {
        const b = segmentBefore[s]!;
        if (b >= current) continue;
        const t = segmentTotal[s]!;
        // Fully paid at the lower payment: so are all more senior tiers.
        if (b + t <= target) break;
        // Change in what the tier is paid, USD, shared out pro rata.
        const delta = (target <= b ? 0 : target - b) - (current - b >= t ? t : current - b);
        const end = split[s]!;
        for (let k = bound[s]!; k < end; k++) memberReceived[arenaCreditor[k]!]! += delta * arenaShare[k]!;
      }
    }
  }
  return sweeps;
}

/**
 * Settles with the other nodes what the members' payments changed over the round, marks the next
 * wave among them, and drops the tiers (and members) that can no longer pay anything to a node.
 */
function settle(state: State): void {
  const limit = -state.tolerance;
  const { margin, local, insolvent, pending, memberPaid, memberRoundStart, memberSegment, memberLive, active } =
    state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { before: segmentBefore, total: segmentTotal, bound, split } = state.segments;
  let pendingCount = state.pendingCount;
  const activeCount = state.activeCount;
  let kept = 0;
  for (let a = 0; a < activeCount; a++) {
    const m = active[a]!;
    const from = memberRoundStart[m]!;
    const to = memberPaid[m]!;
    const first = memberSegment[m]!;
    let live = memberLive[m]!;
    if (from !== to) {
      for (let s = live - 1; s >= first; s--) {
        const b = segmentBefore[s]!;
        if (b >= from) continue;
        const t = segmentTotal[s]!;
        if (b + t <= to) break;
        const delta = (to <= b ? 0 : to - b) - (from - b >= t ? t : from - b);
        const end = bound[s + 1]!;
        for (let k = split[s]!; k < end; k++) {
          const c = arenaCreditor[k]!;
          const value = margin[c]! + delta * arenaShare[k]!;
          margin[c] = value;
          if (value < limit) {
            const word = c >>> 5;
            const bit = 1 << (c & 31);
            if ((insolvent[word]! & bit) === 0) {
              local[c] = PENDING;
              insolvent[word]! |= bit;
              pending[pendingCount++] = c;
            }
          }
        }
      }
      while (live > first && segmentBefore[live - 1]! >= to) live--;
      memberLive[m] = live;
    }
    if (live > first) active[kept++] = m;
  }
  state.activeCount = kept;
  state.pendingCount = pendingCount;
}

/**
 * Payments, receipts, equity, default flags and waves of every node. A member no longer swept pays
 * only external creditors, at its target from its final receipts. Nodes still pending (the sweep
 * budget ran out) count as defaults of the next wave but pay in full: they were never solved for.
 */
function finish(state: State, rounds: number): void {
  const { n, externalAssets: e } = state.problem;
  const { beta } = state;
  const { margin, owed, local, payments, received, equity, defaulted, wave } = state.nodes;
  const { memberBase, memberReceived, memberPaid, memberSegment, memberLive } = state.nodes;
  for (let i = 0; i < n; i++) {
    const m = local[i]!;
    const o = owed[i]!;
    if (m < 0) {
      payments[i] = o;
      received[i] = margin[i]! - e[i]! + o;
      equity[i] = margin[i]!;
      defaulted[i] = m === PENDING ? 1 : 0;
      wave[i] = m === PENDING ? rounds : -1;
    } else {
      const r = memberReceived[m]!;
      let p = memberPaid[m]!;
      if (memberLive[m] === memberSegment[m]) {
        p = memberBase[m]! + beta * r;
        if (p < 0) p = 0;
        if (p > o) p = o;
      }
      payments[i] = p;
      received[i] = r;
      equity[i] = e[i]! + r - o;
      defaulted[i] = 1;
    }
  }
}
