/**
 * The result contract of a cascade run (consumed by the CLI, the history validation and reports).
 * Field names are a contract: add fields, never rename or remove them.
 * @module
 */
import type { CascadeEvent, FailureCause } from "./context.ts";

/** A failure in the order it happened. */
export interface CascadeFailure {
  readonly entity: string;
  /** 0-based step; step s covers day `asOf + s·stepDays`. */
  readonly step: number;
  /**
   * `insolvent` (equity negative at marked prices, or an exogenous default), `illiquid` (could not
   * pay and does not gate, or stayed gated beyond the horizon), `margin` (could not pay a collateral
   * deficiency), or `gated` (froze withdrawals and had not gone bankrupt by the last step).
   */
  readonly cause: FailureCause;
  readonly detail?: string;
}

/** The outcome of one cascade run. All amounts in USD. */
export interface CascadeResult {
  readonly scenario: string;
  readonly steps: number;
  /** One entry per failed entity, in order of failure (gated-only entities at their gating step). */
  readonly failures: readonly CascadeFailure[];
  /** Every gating, in order (an entity may gate, then fail). */
  readonly gated: readonly { readonly entity: string; readonly step: number }[];
  /** Entity → equity at marked prices: index 0 before any shock, index s + 1 at the end of step s. */
  readonly equityPaths: Readonly<Record<string, number[]>>;
  /**
   * Creditor → USD lost on claims on failed entities at the end of the run. External creditors are
   * keyed `<debtor>:customers` (customer deposits) and `<debtor>:other-creditors`.
   */
  readonly lossesByCreditor: Readonly<Record<string, number>>;
  /** Asset → units and USD (at execution prices) sold by modelled entities, including liquidations. */
  readonly forcedSales: Readonly<Record<string, { units: number; usd: number }>>;
  /** Asset → USD price: index 0 before any shock, index s + 1 at the end of step s. */
  readonly pricePaths: Readonly<Record<string, number[]>>;
  /** Σ price × supply over the scenario's assets (stablecoins at market price and current supply). */
  readonly marketCap: {
    readonly initialUsd: number;
    readonly finalUsd: number;
    readonly troughUsd: number;
    /** final / initial − 1. */
    readonly change: number;
    /** trough / initial − 1. */
    readonly troughChange: number;
    /** Per step, like the price paths. */
    readonly path: number[];
  };
  /** Loans repaid (margin, recalls, deleveraging, deficiencies) or liquidated, USD. */
  readonly deleveragingUsd: number;
  readonly rescues: readonly {
    readonly rescuer: string;
    readonly target: string;
    readonly step: number;
    readonly amountUsd: number;
    readonly kind: "loan" | "recapitalisation";
  }[];
  readonly systemic: {
    /**
     * DebtRank of the run (Battiston et al. 2012): Σ vᵢ hᵢ(T) − Σ vᵢ hᵢ(shock), with hᵢ the relative
     * equity loss, vᵢ the share of initial assets, and hᵢ(shock) the direct loss from the exogenous
     * shocks; the distress the cascade added, as a fraction of the system.
     */
    readonly debtRank: number;
    /** Number of entries in `failures`. */
    readonly failures: number;
    /** Σ lossesByCreditor. */
    readonly totalLossesUsd: number;
  };
  readonly events: readonly CascadeEvent[];
  /**
   * Audit of what crossed the model's boundary. Cash: `finalCashUsd = initialCashUsd +
   * saleProceedsUsd + otherAssetSalesUsd − paidOutUsd − cashWrittenOffUsd` (payments between entities
   * cancel). Units: per asset, units held by entities (liquid, locked, pledged) at the start, at the
   * end, and sold to the market; `initial − sold = final`.
   */
  readonly ledger: {
    readonly initialCashUsd: number;
    readonly finalCashUsd: number;
    /** Sales of tokens by entities and lenders' collateral sales, at execution prices. */
    readonly saleProceedsUsd: number;
    /** Sales of other (illiquid) assets at a discount by entities that do not gate. */
    readonly otherAssetSalesUsd: number;
    /** Paid to customers (withdrawals, redemptions) and to other external creditors. */
    readonly paidOutUsd: number;
    /** Cash lost to loss shocks. */
    readonly cashWrittenOffUsd: number;
    readonly units: Readonly<Record<string, { initial: number; final: number; sold: number }>>;
  };
  /** Problems in the scenario the engine worked around (e.g. negative book equity). */
  readonly warnings: readonly string[];
}
