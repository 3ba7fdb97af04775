/**
 * What a report is made of: a cascade result (the engine's result contract), the production-cost floor on
 * the scenario date, and the scenario's identity. Structural types, so the report depends only on the
 * fields it shows.
 * @module
 */

/** The parts of a cascade result a report shows. */
export interface CascadeSummaryInput {
  readonly steps: number;
  readonly failures: readonly { entity: string; step: number; cause: string; detail?: string }[];
  readonly gated: readonly { entity: string; step: number }[];
  readonly forcedSales: Readonly<Record<string, { units: number; usd: number }>>;
  readonly pricePaths: Readonly<Record<string, readonly number[]>>;
  readonly marketCap: {
    readonly initialUsd: number;
    readonly finalUsd: number;
    readonly troughUsd: number;
    readonly change: number;
    readonly troughChange: number;
    readonly path: readonly number[];
  };
  readonly deleveragingUsd: number;
  readonly rescues: readonly { rescuer: string; target: string; step: number; amountUsd: number }[];
  readonly systemic: {
    readonly debtRank: number;
    readonly failures: number;
    readonly totalLossesUsd: number;
  };
}

/** The production-cost floor on one date. */
export interface FloorSummaryInput {
  readonly date: string;
  readonly electricityUsdPerKwh: number;
  readonly priceUsd: number | null;
  readonly costUsd: {
    readonly lower: number | null;
    readonly best: number | null;
    readonly upper: number | null;
  };
  /** Price ÷ best-guess cost. */
  readonly priceToCost: number | null;
  /** Relative move from spot to the best-guess cost (−0.25 = a 25% decline). */
  readonly impliedMove: number | null;
  /** Best-guess cost after the next halving at the same hashrate, USD per BTC. */
  readonly costAfterHalvingUsd?: number | null;
  /** How the power figure was obtained, e.g. "model: hardware threshold, single date". */
  readonly method: string;
}

/** Identity of the scenario a report is about. */
export interface ReportScenario {
  readonly id: string;
  readonly name: string;
  readonly asOf: string;
  readonly stepDays: number;
  readonly description?: string | undefined;
  readonly notes?: readonly string[] | undefined;
  /** Entity id → display name. */
  readonly entityNames: Readonly<Record<string, string>>;
  /** Number of facts in the scenario and how many carry a source or an estimate note. */
  readonly facts: { readonly total: number; readonly sourced: number };
}

/** Everything a strategist report needs. */
export interface ReportInput {
  readonly scenario: ReportScenario;
  readonly cascade: CascadeSummaryInput;
  readonly floor?: FloorSummaryInput | undefined;
  readonly generatedAt: Date;
  readonly version: string;
}
