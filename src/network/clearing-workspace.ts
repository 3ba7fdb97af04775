/**
 * Reusable memory for the clearing kernel ({@link ClearingWorkspace}) and the typed buffers it hands
 * out. Buffers are grown, never shrunk, and reached through plain fields: no string-keyed lookup and
 * no allocation on a call that fits the memory already held.
 * @module
 */

/** Node- and member-indexed scratch buffers (capacity ≥ n). @internal */
interface NodeScratch {
  /**
   * `e_i + R_i − p̄_i` of a node paying in full, USD; for a member, losses charged to it outside
   * sweeps, not yet moved into its receipts.
   */
  readonly margin: Float64Array;
  /** Member index of a member (≥ 0), or the kernel's SOLVENT / PENDING mark. */
  readonly local: Int32Array;
  /** The members as a bit set, 1 bit per node. */
  readonly insolvent: Int32Array;
  /** Nodes found insolvent after a round, in node order: the next wave. */
  readonly pending: Int32Array;
  /** Node of each member (member index → node). */
  readonly memberNode: Int32Array;
  /** Records of 2: `[α·e, payment]` of member m at 2m, 2m + 1 (read together in every sweep), USD. */
  readonly memberState: Float64Array;
  /** Receipts of each member from nodes, USD. */
  readonly memberReceived: Float64Array;
  /** Payment of each member when the round started, USD. */
  readonly memberRoundStart: Float64Array;
  /** Records of 2: member m's live arena segments are `[memberSegments[2m], memberSegments[2m + 1])`. */
  readonly memberSegments: Int32Array;
  /** Members that still pay something on a claim held by a node, in member order. */
  readonly active: Int32Array;
}

/** The result's node-indexed arrays. @internal */
interface NodeOutputs {
  readonly owed: Float64Array;
  readonly payments: Float64Array;
  readonly received: Float64Array;
  readonly equity: Float64Array;
  readonly defaulted: Uint8Array;
  readonly wave: Int32Array;
}

/** Node-indexed buffers for one problem size: scratch, and the result's arrays cut to length n. @internal */
export interface NodeBuffers extends NodeScratch, NodeOutputs {
  readonly n: number;
}

/** Buffers indexed by arena claim (capacity ≥ claims). @internal */
export interface ClaimBuffers {
  /** Creditor of each arena claim: a member index in a segment's member part, a node after it. */
  readonly arenaCreditor: Int32Array;
  /** Each arena claim's share of its tier: amount / tier total. */
  readonly arenaShare: Float64Array;
}

/** Buffers indexed by arena segment (capacity ≥ segments). @internal */
export interface SegmentBuffers {
  /** Records of 2: `[before, total]` of segment s, the totals of its debtor's more senior tiers and of its own, USD. */
  readonly value: Float64Array;
  /**
   * Records of 2: `[start, split]` of segment s. Its arena claims are `[start, start of s + 1)`; those
   * from `split` on are held by nodes that are not members. Capacity 2·segments + 2.
   */
  readonly range: Int32Array;
}

/**
 * Reusable scratch and output memory for `clearingVector`. Clearing a network of 10^6 nodes and
 * 10^7 claims needs about 0.3 GB of typed arrays, and on first touch fresh memory costs more than the
 * clearing itself; a caller that clears repeatedly (each step of a cascade, a Monte Carlo loop, a
 * benchmark) passes one workspace to every call. Results computed with a workspace are views into it
 * and are overwritten by the next call that uses it.
 */
export class ClearingWorkspace {
  /** Node-indexed memory at full capacity. */
  #nodeMemory: (NodeScratch & NodeOutputs) | undefined;
  #nodes: NodeBuffers | undefined;
  #claims: ClaimBuffers | undefined;
  #segments: SegmentBuffers | undefined;
  #paid: Float64Array | undefined;

  /** Node- and member-indexed buffers for `n` nodes, the result's arrays cut to length `n`. @internal */
  nodes(n: number): NodeBuffers {
    if (this.#nodes?.n === n) return this.#nodes;
    let memory = this.#nodeMemory;
    if (memory === undefined || memory.owed.length < n) {
      memory = {
        margin: new Float64Array(n),
        local: new Int32Array(n),
        insolvent: new Int32Array((n + 31) >>> 5),
        pending: new Int32Array(n),
        memberNode: new Int32Array(n),
        memberState: new Float64Array(2 * n),
        memberReceived: new Float64Array(n),
        memberRoundStart: new Float64Array(n),
        memberSegments: new Int32Array(2 * n),
        active: new Int32Array(n),
        owed: new Float64Array(n),
        payments: new Float64Array(n),
        received: new Float64Array(n),
        equity: new Float64Array(n),
        defaulted: new Uint8Array(n),
        wave: new Int32Array(n),
      };
      this.#nodeMemory = memory;
    }
    this.#nodes = {
      ...memory,
      n,
      owed: memory.owed.subarray(0, n),
      payments: memory.payments.subarray(0, n),
      received: memory.received.subarray(0, n),
      equity: memory.equity.subarray(0, n),
      defaulted: memory.defaulted.subarray(0, n),
      wave: memory.wave.subarray(0, n),
    };
    return this.#nodes;
  }

  /** Arena buffers for up to `claims` claims. @internal */
  claims(claims: number): ClaimBuffers {
    if (this.#claims === undefined || this.#claims.arenaShare.length < claims)
      this.#claims = { arenaCreditor: new Int32Array(claims), arenaShare: new Float64Array(claims) };
    return this.#claims;
  }

  /** Arena segment buffers for up to `segments` segments. @internal */
  segments(segments: number): SegmentBuffers {
    if (this.#segments === undefined || this.#segments.value.length < 2 * segments)
      this.#segments = { value: new Float64Array(2 * segments), range: new Int32Array(2 * segments + 2) };
    return this.#segments;
  }

  /** Per-claim payments, a view of exactly `claims` elements. @internal */
  paid(claims: number): Float64Array {
    if (this.#paid === undefined || this.#paid.length < claims) this.#paid = new Float64Array(claims);
    return this.#paid.subarray(0, claims);
  }
}
