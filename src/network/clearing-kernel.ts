/**
 * The greatest-clearing-vector kernel behind `clearingVector`: the rounds of the GA over typed
 * arrays. Nothing here approximates beyond the tolerance: the rounds, waves and payments are those of
 * the textbook GA (the tests check them against a dense GA and against Picard iteration).
 *
 * Layout. Defaulters ("members") get compact member-indexed state (α·e, receipts, payment, payment
 * at round start) and a run of arena segments. An arena segment is one tier of one member that can
 * still pay something to a node; its claims sit in the arena as (creditor, share of the tier),
 * claims on members first (creditor as member index: pushed during sweeps), then claims on other
 * nodes (creditor as node: settled once per round). A member's segments are in tier order and die
 * from the junior end: once its payment is at or below a tier's start the tier is never paid again
 * (payments only fall), so it is settled one last time and dropped; a member with no segment left
 * pays only external creditors and is no longer swept.
 *
 * Code shape. Each phase runs on a large problem only a few times per clearing, so V8 optimises its
 * loops on-stack while they run. Code after an on-stack-optimised loop that has never run has no
 * type feedback and sends execution back to the interpreter, on every call. So every function here
 * holds one hot loop nest, keeps its counters in `State` from inside the loop, and returns right
 * after it.
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
  /** Largest `p̄_i` or `e_i`, USD: the scale of a relative tolerance. */
  scale: number;
  readonly nodes: NodeBuffers;
  readonly arena: ClaimBuffers;
  segments: SegmentBuffers;
  /** Nodes marked PENDING, in `nodes.pending[0, pendingCount)`. */
  pendingCount: number;
  memberCount: number;
  /** Members that still pay something to a node, in `nodes.active[0, activeCount)`, in member order. */
  activeCount: number;
  arenaTop: number;
  arenaSegments: number;
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
    scale: 0,
    nodes: work.nodes(problem.n),
    arena: work.claims(problem.amount.length),
    segments: work.segments(0),
    pendingCount: 0,
    memberCount: 0,
    activeCount: 0,
    arenaTop: 0,
    arenaSegments: 0,
  };
  const segmentCount = totalOwed(state);
  chargeReceivables(state);
  const scale = state.scale;
  state.tolerance = parameters.tolerance ?? parameters.relativeTolerance * (scale > 0 ? scale : 1);
  state.segments = work.segments(segmentCount);
  state.segments.range[0] = 0;
  waveZero(state, parameters.forced);
  let rounds = 0;
  let iterations = 0;
  let converged = true;
  while (state.pendingCount > 0 && converged) {
    const known = state.memberCount;
    admit(state, rounds);
    rounds++;
    moveClaimsOnNewMembers(state);
    const firstNew = state.arenaSegments;
    join(state, known);
    localise(state, firstNew);
    foldLosses(state);
    // Walking all members in order beats going through the active list when most are active.
    const dense = 2 * state.activeCount >= state.memberCount;
    let moved = state.activeCount > 0;
    while (moved) {
      if (iterations >= parameters.maxIterations) {
        converged = false;
        break;
      }
      iterations++;
      moved = sweep(state, dense);
    }
    settle(state);
    nextWave(state);
  }
  finish(state, rounds);
  return { nodes: state.nodes, rounds, iterations, converged };
}

/**
 * Totals owed `p̄_i`, the tier order check, and margins `e_i − p̄_i` before receivables; also the
 * scale of a relative tolerance.
 * @returns the number of tier segments
 */
function totalOwed(state: State): number {
  const { n, externalAssets: e, debtorStart, amount, tier } = state.problem;
  const { margin, owed } = state.nodes;
  let scale = 0;
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
      total += amount[k]!;
    }
    owed[i] = total;
    const assets = e[i]!;
    margin[i] = assets - total;
    if (total > scale || assets > scale) {
      scale = Math.max(total, assets);
      state.scale = scale;
    }
  }
  return segmentCount;
}

/**
 * Adds to each margin what the node receives when everyone pays in full: margins become
 * `e_i + R_i − p̄_i`, and a node defaults when its margin is below −tolerance. A flat loop of its own:
 * the random updates overlap best with nothing else in the loop.
 */
function chargeReceivables(state: State): void {
  const { creditor, amount } = state.problem;
  const { margin } = state.nodes;
  const claims = amount.length;
  for (let k = 0; k < claims; k++) {
    const c = creditor[k]!;
    if (c >= 0) margin[c]! += amount[k]!;
  }
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
      pending[count++] = i;
      state.pendingCount = count;
    } else local[i] = SOLVENT;
  }
}

/**
 * The next wave: nodes that pay in full but whose margin is now below −tolerance, in node order. A
 * scan after the round rather than a test at each charge: charges land on random nodes, and a branch
 * on a freshly loaded margin mispredicts and stalls the loads behind it.
 */
function nextWave(state: State): void {
  const { n } = state.problem;
  const { margin, local, pending } = state.nodes;
  const limit = -state.tolerance;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (margin[i]! < limit && local[i] === SOLVENT) {
      local[i] = PENDING;
      pending[count++] = i;
      state.pendingCount = count;
    }
  }
}

/**
 * The pending nodes become members, in node order (so that reading their claims walks the problem
 * forwards). From now on a member's margin only collects losses charged to it by {@link join}.
 */
function admit(state: State, round: number): void {
  const { externalAssets: e } = state.problem;
  const { alpha } = state;
  const { margin, owed, local, insolvent, pending, memberNode, wave, memberState, memberReceived } =
    state.nodes;
  const known = state.memberCount;
  const count = state.pendingCount;
  state.pendingCount = 0;
  for (let p = 0; p < count; p++) {
    const i = pending[p]!;
    const m = known + p;
    memberNode[m] = i;
    local[i] = m;
    insolvent[i >>> 5]! |= 1 << (i & 31);
    wave[i] = round;
    memberState[2 * m] = alpha * e[i]!;
    memberReceived[m] = margin[i]! - e[i]! + owed[i]!;
    margin[i] = 0;
    memberState[2 * m + 1] = owed[i]!;
    state.memberCount = m + 1;
  }
}

/** Claims of earlier members on the new ones move into the member part of their segments. */
function moveClaimsOnNewMembers(state: State): void {
  const { local, insolvent, memberSegments, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { range: segmentRange } = state.segments;
  const activeCount = state.activeCount;
  for (let a = 0; a < activeCount; a++) {
    const m = active[a]!;
    const last = memberSegments[2 * m + 1]!;
    for (let s = memberSegments[2 * m]!; s < last; s++) {
      let front = segmentRange[2 * s + 1]!;
      const end = segmentRange[2 * s + 2]!;
      for (let k = front; k < end; k++) {
        const c = arenaCreditor[k]!;
        // Still solvent (the common case), known without reaching into the node-sized `local`.
        if ((insolvent[c >>> 5]! & (1 << (c & 31))) === 0) continue;
        const moved = arenaShare[k]!;
        arenaCreditor[k] = arenaCreditor[front]!;
        arenaShare[k] = arenaShare[front]!;
        arenaCreditor[front] = local[c]!;
        arenaShare[front] = moved;
        front++;
      }
      segmentRange[2 * s + 1] = front;
    }
  }
}

/**
 * The new members' claims. A member's payment can never again exceed its target now,
 * `min(p̄, α·e + β·R)` with today's receipts, since receipts only fall: its tiers that start at or
 * above that ceiling will never be paid, so what they lose is charged once, here (to the creditors'
 * margins, members' included, see {@link foldLosses}), and they stay out of the arena. Its other
 * tiers' claims on nodes are copied into the arena, claims on members first.
 */
function join(state: State, known: number): void {
  const { debtorStart, creditor, amount, tier } = state.problem;
  const { beta } = state;
  const { margin, owed, insolvent, memberNode, memberState, memberReceived } = state.nodes;
  const { memberSegments, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { value: segmentValue, range: segmentRange } = state.segments;
  const memberCount = state.memberCount;
  let activeCount = state.activeCount;
  let arenaTop = state.arenaTop;
  let segments = state.arenaSegments;
  for (let m = known; m < memberCount; m++) {
    const i = memberNode[m]!;
    let ceiling = memberState[2 * m]! + beta * memberReceived[m]!;
    if (ceiling < 0) ceiling = 0;
    if (ceiling > owed[i]!) ceiling = owed[i]!;
    memberSegments[2 * m] = segments;
    const end = debtorStart[i + 1]!;
    let before = 0;
    let k = debtorStart[i]!;
    // Tiers that can still be paid: into the arena.
    while (k < end && before < ceiling) {
      const t = tier[k]!;
      let stop = k;
      let total = 0;
      let held = 0;
      for (; stop < end && tier[stop] === t; stop++) {
        total += amount[stop]!;
        if (creditor[stop]! >= 0) held++;
      }
      if (held > 0 && total > 0) {
        let front = arenaTop;
        let back = arenaTop + held;
        for (; k < stop; k++) {
          const c = creditor[k]!;
          if (c < 0) continue;
          // Claims on members first, as nodes for now (see localise).
          const slot = (insolvent[c >>> 5]! & (1 << (c & 31))) !== 0 ? front++ : --back;
          arenaCreditor[slot] = c;
          // A division, not a reciprocal: 1 / total overflows for subnormal totals.
          arenaShare[slot] = amount[k]! / total;
        }
        segmentValue[2 * segments] = before;
        segmentValue[2 * segments + 1] = total;
        segmentRange[2 * segments + 1] = front;
        arenaTop += held;
        segmentRange[2 * ++segments] = arenaTop;
      }
      before += total;
      k = stop;
    }
    // The rest, all tiers at or above the ceiling: their creditors lose what they were paid.
    for (; k < end; k++) {
      const c = creditor[k]!;
      if (c >= 0) margin[c]! -= amount[k]!;
    }
    memberSegments[2 * m + 1] = segments;
    if (segments > memberSegments[2 * m]!) active[activeCount++] = m;
    state.activeCount = activeCount;
    state.arenaTop = arenaTop;
    state.arenaSegments = segments;
  }
}

/**
 * Claims on members in the arena segments from `first` on name their creditor by member index.
 * Apart from {@link join}'s copying: a loop with no branch on what the random loads return keeps
 * many of them in flight.
 */
function localise(state: State, first: number): void {
  const { local } = state.nodes;
  const { arenaCreditor } = state.arena;
  const { range: segmentRange } = state.segments;
  const last = state.arenaSegments;
  for (let s = first; s < last; s++) {
    const split = segmentRange[2 * s + 1]!;
    for (let k = segmentRange[2 * s]!; k < split; k++) arenaCreditor[k] = local[arenaCreditor[k]!]!;
  }
}

/**
 * Losses charged to members' margins by {@link join} (which then needed no member lookup per claim)
 * move into their receipts, and the round starts from the members' current payments.
 */
function foldLosses(state: State): void {
  const { margin, memberNode, memberReceived, memberState, memberRoundStart } = state.nodes;
  const memberCount = state.memberCount;
  for (let m = 0; m < memberCount; m++) {
    const i = memberNode[m]!;
    const loss = margin[i]!;
    if (loss !== 0) {
      memberReceived[m]! += loss;
      margin[i] = 0;
    }
    memberRoundStart[m] = memberState[2 * m + 1]!;
  }
}

/**
 * One Gauss–Seidel sweep over the active members until no payment moves by more than the tolerance:
 * only receipts of members matter inside the round; other nodes are settled after it. A moving
 * member pushes, tier by tier from its most junior one paid at either payment, the change in what its
 * claims on members receive. `dense`: walk all members in order (most are active) rather than the
 * list of active ones.
 * @returns whether a payment moved by more than the tolerance
 */
function sweep(state: State, dense: boolean): boolean {
  const { beta, tolerance } = state;
  const { memberState, memberReceived, memberSegments, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { value: segmentValue, range: segmentRange } = state.segments;
  const count = dense ? state.memberCount : state.activeCount;
  let moved = false;
  for (let a = 0; a < count; a++) {
    const m = dense ? a : active[a]!;
    const first = memberSegments[2 * m]!;
    const live = memberSegments[2 * m + 1]!;
    if (live === first) continue;
    let target = memberState[2 * m]! + beta * memberReceived[m]!;
    if (target < 0) target = 0;
    // A target above the payment (a forced default that could pay more than it owes) is no move.
    const current = memberState[2 * m + 1]!;
    if (current - target <= tolerance) continue;
    moved = true;
    memberState[2 * m + 1] = target;
    for (let s = live - 1; s >= first; s--) {
      const b = segmentValue[2 * s]!;
      if (b >= current) continue;
      const t = segmentValue[2 * s + 1]!;
      // Fully paid at the lower payment: so are all more senior tiers.
      if (b + t <= target) break;
      const delta = tierPaidChange(current, target, b, t);
      const end = segmentRange[2 * s + 1]!;
      for (let k = segmentRange[2 * s]!; k < end; k++)
        memberReceived[arenaCreditor[k]!]! += delta * arenaShare[k]!;
    }
  }
  return moved;
}

/**
 * Change in what a tier that starts at `before` and totals `total` is paid when its debtor's payment
 * goes from `from` to `to`, USD (each claim of the tier gets its share of it).
 */
function tierPaidChange(from: number, to: number, before: number, total: number): number {
  const now = to <= before ? 0 : Math.min(to - before, total);
  const was = from <= before ? 0 : Math.min(from - before, total);
  return now - was;
}

/**
 * Settles with the other nodes what the members' payments changed over the round, and drops the
 * tiers (and members) that can no longer pay anything to a node.
 */
function settle(state: State): void {
  const { margin, memberState, memberRoundStart, memberSegments, active } = state.nodes;
  const { arenaCreditor, arenaShare } = state.arena;
  const { value: segmentValue, range: segmentRange } = state.segments;
  const activeCount = state.activeCount;
  let kept = 0;
  for (let a = 0; a < activeCount; a++) {
    const m = active[a]!;
    const from = memberRoundStart[m]!;
    const to = memberState[2 * m + 1]!;
    const first = memberSegments[2 * m]!;
    let live = memberSegments[2 * m + 1]!;
    if (from !== to) {
      for (let s = live - 1; s >= first; s--) {
        const b = segmentValue[2 * s]!;
        if (b >= from) continue;
        const t = segmentValue[2 * s + 1]!;
        if (b + t <= to) break;
        const delta = tierPaidChange(from, to, b, t);
        const end = segmentRange[2 * s + 2]!;
        for (let k = segmentRange[2 * s + 1]!; k < end; k++)
          margin[arenaCreditor[k]!]! += delta * arenaShare[k]!;
      }
      while (live > first && segmentValue[2 * live - 2]! >= to) live--;
      memberSegments[2 * m + 1] = live;
    }
    if (live > first) active[kept++] = m;
    state.activeCount = kept;
  }
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
  const { memberState, memberReceived, memberSegments } = state.nodes;
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
      let p = memberState[2 * m + 1]!;
      if (memberSegments[2 * m + 1] === memberSegments[2 * m]) {
        p = memberState[2 * m]! + beta * r;
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
