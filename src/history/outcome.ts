/**
 * The part of the cascade engine's result that the history validation reads. It is a structural
 * subset of the engine's `CascadeResult`, so a result is passed as it is, and anything that
 * produces these fields (a replay, a hand-built test case) can be validated the same way.
 * @module
 */

/** Why the engine says an entity failed. */
export type FailureCause = "insolvent" | "illiquid" | "gated" | "margin";

/** What the validation needs from a cascade run. */
export interface CascadeOutcome {
  readonly scenario: string;
  /** Number of steps simulated; paths have steps + 1 points. */
  readonly steps: number;
  readonly failures: readonly {
    readonly entity: string;
    readonly step: number;
    readonly cause: FailureCause;
    readonly detail?: string;
  }[];
  /** Entities that froze withdrawals, and when. */
  readonly gated: readonly { readonly entity: string; readonly step: number }[];
  /** Asset → USD price per path index (length steps + 1). */
  readonly pricePaths: Readonly<Record<string, readonly number[]>>;
  readonly marketCap: {
    readonly initialUsd: number;
    /** Total market cap per path index, USD. */
    readonly path: readonly number[];
  };
}
