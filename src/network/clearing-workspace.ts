/**
 * Reusable memory for the clearing kernel ({@link ClearingWorkspace}) and the typed buffers it hands
 * out. Buffers are grown, never shrunk, and are reached through plain fields: no string-keyed lookup
 * and no allocation on a call that fits the memory already held.
 * @module
 */

/** Buffers indexed by node (capacity ≥ n). @internal */
export interface NodeBuffers {
  /** Number of nodes the output views below are cut to. */
  readonly n: number;
  /** `e_i + R_i − p̄_i` of a node that is not being solved for (solvent or pending), USD. */
  readonly margin: Float64Array;
  readonly owed: Float64Array;
  /** Member index of a defaulter (≥ 0), or SOLVENT / PENDING. */
  readonly local: Int32Array;
  /** Bit set of the nodes that are members or pending (`local` ≠ SOLVENT): 1 bit per node. */
  readonly insolvent: Int32Array;
  /** Nodes found insolvent during a round, who join the defaulters after it. */
  readonly pending: Int32Array;
  /** Node of each member (member index → node). */
  readonly memberNode: Int32Array;
  readonly payments: Float64Array;
  readonly received: Float64Array;
  readonly equity: Float64Array;
  readonly defaulted: Uint8Array;
  readonly wave: Int32Array;
  /** Member-indexed: `[α·e, payment]` of member m at 2m, 2m + 1 (read together in every sweep). */
  readonly memberState: Float64Array;
  /** Member-indexed receipts from nodes, USD. */
  readonly memberReceived: Float64Array;
  readonly memberRoundStart: Float64Array;
  /** Member m's live arena segments are `[memberSegments[2m], memberSegments[2m + 1])`. */
  readonly memberSegments: Int32Array;
  /** Members that still pay something on a claim held by a node (the ones swept). */
  readonly active: Int32Array;
}

/** Buffers indexed by claim (capacity ≥ claims). @internal */
export interface ClaimBuffers {
  /** Creditor of each arena claim: a member index in a segment's member part, a node after it. */
  readonly arenaCreditor: Int32Array;
  /** Each arena claim's share of its tier, amount / tier total. */
  readonly arenaShare: Float64Array;
}

/** Buffers indexed by arena segment (capacity ≥ segments). @internal */
export interface SegmentBuffers {
  /** `[before, total]` of segment s at 2s, 2s + 1: the totals of the debtor's more senior tiers and of this one, USD. */
  readonly value: Float64Array;
  /**
   * `[start, split]` of segment s at 2s, 2s + 1: its arena claims are `[start, start of s + 1)`, those
   * from `split` on held by nodes that are not members. Capacity 2·segments + 2.
   */
  readonly range: Int32Array;
}

/**
 * Reusable scratch and output memory for {@link clearingVector}. Clearing a network of 10^6 nodes and
 * 10^7 claims needs about 0.3 GB of typed arrays, and on first touch fresh memory costs more than the
 * clearing itself; a caller that clears repeatedly (each step of a cascade, a Monte Carlo loop, a
 * benchmark) passes one workspace to every call. Results computed with a workspace are views into it
 * and are overwritten by the next call that uses it.
 */
export class ClearingWorkspace {
  #nodes: NodeBuffers | undefined;
  #claims: ClaimBuffers | undefined;
  #segments: SegmentBuffers | undefined;
  #paid: Float64Array | undefined;

  /** Node- and member-indexed buffers for `n` nodes; the output views are cut to length `n`. @internal */
  nodes(n: number): NodeBuffers {
    const held = this.#nodes;
    if (held?.n === n) return held;
    // Grown memory is kept when a smaller problem comes along; only the output views change.
    const fits = held !== undefined && held.margin.length >= n;
    const size = fits ? held.margin.length : n;
    const f64 = (old?: Float64Array) => (fits && old ? old : new Float64Array(size));
    const i32 = (old?: Int32Array) => (fits && old ? old : new Int32Array(size));
    this.#nodes = {
      n,
      margin: f64(held?.margin),
      local: i32(held?.local),
      insolvent: fits && held ? held.insolvent : new Int32Array((size + 31) >>> 5),
      pending: i32(held?.pending),
      memberNode: i32(held?.memberNode),
      memberState: fits && held ? held.memberState : new Float64Array(2 * size),
      memberReceived: f64(held?.memberReceived),
      memberRoundStart: f64(held?.memberRoundStart),
      memberSegments: fits && held ? held.memberSegments : new Int32Array(2 * size),
      active: i32(held?.active),
      owed: cut(Float64Array, held?.owed, fits, size, n),
      payments: cut(Float64Array, held?.payments, fits, size, n),
      received: cut(Float64Array, held?.received, fits, size, n),
      equity: cut(Float64Array, held?.equity, fits, size, n),
      defaulted: cut(Uint8Array, held?.defaulted, fits, size, n),
      wave: cut(Int32Array, held?.wave, fits, size, n),
    };
    return this.#nodes;
  }

  /** Claim-indexed arena buffers for `claims` claims. @internal */
  claims(claims: number): ClaimBuffers {
    const held = this.#claims;
    if (held !== undefined && held.arenaShare.length >= claims) return held;
    this.#claims = { arenaCreditor: new Int32Array(claims), arenaShare: new Float64Array(claims) };
    return this.#claims;
  }

  /** Arena segment buffers for `segments` segments. @internal */
  segments(segments: number): SegmentBuffers {
    const held = this.#segments;
    if (held !== undefined && held.value.length >= 2 * segments) return held;
    this.#segments = { value: new Float64Array(2 * segments), range: new Int32Array(2 * segments + 2) };
    return this.#segments;
  }

  /** Per-claim payments, a view of exactly `claims` elements. @internal */
  paid(claims: number): Float64Array {
    if (this.#paid === undefined || this.#paid.length < claims) this.#paid = new Float64Array(claims);
    return this.#paid.subarray(0, claims);
  }
}

type OutputArray = Float64Array | Int32Array | Uint8Array;

/** A view of length `n` of `old`'s memory when it is kept, else of fresh memory of `size` elements. */
function cut<T extends OutputArray>(
  type: { new (size: number): T; new (buffer: ArrayBufferLike, offset: number, length: number): T },
  old: T | undefined,
  keep: boolean,
  size: number,
  n: number,
): T {
  return keep && old !== undefined
    ? new type(old.buffer, old.byteOffset, n)
    : (new type(size).subarray(0, n) as T);
}
