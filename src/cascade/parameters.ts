/**
 * The cascade's behavioural and engine parameters: one shared set with documented defaults, read from
 * the scenario's `parameters` (and overridable per run). Per-entity `behaviour` overrides exist only
 * for an entity's own documented policy (run sensitivity, leverage limits, whether it gates).
 * Every default is explained in docs/cascade.md § Parameters.
 * @module
 */
import type { Scenario } from "../scenario/normalize.ts";
import { type ENTITY_TYPES, SENIORITY } from "../scenario/schema.ts";

/** Mechanisms of the engine; each can be switched off. */
export interface Mechanisms {
  /** Value claims on failed entities through the tiered clearing (off: Furfine recovery `recoveryRate`). */
  readonly clearing: boolean;
  /** Margin calls and collateral liquidation on secured loans. */
  readonly marginCalls: boolean;
  /** Price impact of sales and leverage-driven deleveraging (off: sales execute at the current price). */
  readonly fireSales: boolean;
  /** Withdrawals of callable funding driven by distress. */
  readonly runs: boolean;
  /** Issuer distress moving its token's price. */
  readonly reflexive: boolean;
  /** Privately rational rescues by entities with rescue capacity. */
  readonly rescues: boolean;
  /** Forced selling of risky assets moves the market factor every risky asset shares. */
  readonly marketFactor: boolean;
  /**
   * Opaque balance sheets: an open entity fails only on a liquidity event (it cannot pay, a margin
   * deficiency, a broken minting peg, a default shock), and runs and reflexive tokens respond only to
   * public information; insolvency at marked prices closes an entity once it has gated (its books are
   * opened), and a `disclosure` shock makes its equity part of the public run signal (it still fails only
   * on a liquidity event). Off: insolvency at marked prices fails an entity and feeds every signal.
   */
  readonly opacity: boolean;
}

/** Every mechanism's name, in the order the engine applies them and the CLI lists their switches. */
export const MECHANISM_NAMES: readonly (keyof Mechanisms)[] = [
  "clearing",
  "marginCalls",
  "fireSales",
  "runs",
  "reflexive",
  "rescues",
  "marketFactor",
  "opacity",
];

/** Resolved parameters of one cascade run. */
export interface CascadeParameters {
  /** Number of steps. */
  readonly steps: number;
  /** Days per step. */
  readonly stepDays: number;
  /** Rogers–Veraart α: fraction of external assets a failed entity realises. */
  readonly alpha: number;
  /** Rogers–Veraart β: fraction of claims on other entities a failed entity realises. */
  readonly beta: number;
  /** Seniority classes, most senior first (tier = position). */
  readonly seniority: readonly (typeof SENIORITY)[number][];
  readonly mechanisms: Mechanisms;
  /** Furfine recovery rate on claims on failed entities when clearing is off. */
  readonly recoveryRate: number;
  /** Fraction of callable funding withdrawn per step at full distress. */
  readonly runSensitivity: number;
  /** Distress signal below which nobody runs. */
  readonly runThreshold: number;
  /** Weight of market stress in the distress signal of entities of the `runMarketTypes`. */
  readonly runMarketWeight: number;
  /** Entity types whose funding runs on market stress. */
  readonly runMarketTypes: readonly (typeof ENTITY_TYPES)[number][];
  /** Open-term loans from modelled lenders are recalled like deposits. */
  readonly callableLoans: boolean;
  /** An entity under a run recalls the callable loans it has made at its own run rate. */
  readonly passThrough: boolean;
  /**
   * Largest share of a loan its creditor can recall per step (open-term loans are called over their
   * notice). Per step, like the run sensitivity: both were calibrated with 1-day steps.
   */
  readonly recallRate: number;
  /** A run at a partial signal stops once the share of funding that wants out has left (runs.ts `boundedRunRate`). */
  readonly boundedRuns: boolean;
  /** Entity types that gate rather than fail when they cannot pay. */
  readonly gatingTypes: readonly (typeof ENTITY_TYPES)[number][];
  /** Steps an entity may stay gated before it fails as illiquid: ⌈gateHorizonDays / stepDays⌉. */
  readonly gateHorizonSteps: number;
  /** Discount at which non-gating entities sell their other assets. */
  readonly illiquidDiscount: number;
  /** Cont–Schaanning λ_max (Infinity: no leverage-driven selling). */
  readonly leverageMax: number;
  /** Cont–Schaanning λ_target. */
  readonly leverageTarget: number;
  /** Cont–Schaanning implementation shortfall α; NaN executes along the impact curve. */
  readonly executionShortfall: number;
  /** Fraction of a failed entity's liquid tokens sold per step. */
  readonly estateSaleRate: number;
  /** Liquidity sales pro rata by value instead of least price impact first. */
  readonly proRataSales: boolean;
  /** Largest price impact at which an entity that can gate still sells a token to raise cash. */
  readonly gateDiscount: number;
  /** Rounds of margin calls, sales and payments per step. */
  readonly intradayRounds: number;
  /** Market-cap drawdown at which depth reaches its stressed level. */
  readonly stressDrawdown: number;
  /** Default depth multiplier at full stress. */
  readonly depthUnderStress: number;
  /** Square-root-law prefactor Y of assets without their own, and of the market factor. */
  readonly impactCoefficient: number;
  /** Fraction of a reflexive token's value lost at full issuer distress. */
  readonly reflexivityStrength: number;
  /** A rescuer lending to a solvent but illiquid target takes equity in it (rescues.ts). */
  readonly rescueTakesEquity: boolean;
}

/**
 * Defaults. The behavioural ones (runs, market, reflexivity, gating horizon, default costs) are the
 * set calibrated on the Terra episode alone by `scripts/calibrate.ts` — procedure, grid, objective and
 * results in docs/calibration.md; the others are explained in docs/cascade.md § Parameters.
 */
export const CASCADE_DEFAULTS = {
  steps: 30,
  stepDays: 1,
  alpha: 1,
  beta: 1,
  recoveryRate: 0.55,
  runSensitivity: 0.3,
  runThreshold: 0.1,
  runMarketWeight: 0.3,
  runMarketTypes: ["lender"] as const,
  callableLoans: true,
  passThrough: true,
  recallRate: 0.006,
  boundedRuns: true,
  gatingTypes: ["exchange", "lender", "protocol", "stablecoin-issuer"] as const,
  gateHorizonDays: 4,
  illiquidDiscount: 1,
  leverageTargetRatio: 0.95,
  estateSaleRate: 0,
  gateDiscount: 1,
  intradayRounds: 10,
  stressDrawdown: 0.25,
  depthUnderStress: 1,
  impactCoefficient: 8,
  reflexivityStrength: 0.9,
  rescueTakesEquity: true,
} as const;

/** What a caller may override on top of the scenario's parameters (the CLI's flags, a counterfactual). */
export interface ParameterOverrides {
  readonly steps?: number;
  readonly alpha?: number;
  readonly beta?: number;
  readonly mechanisms?: Partial<Mechanisms>;
}

/** Resolves a scenario's parameters, with overrides, to plain numbers. */
export function resolveParameters(scenario: Scenario, overrides: ParameterOverrides = {}): CascadeParameters {
  const p = scenario.parameters ?? {};
  const stepDays = p.stepDays ?? CASCADE_DEFAULTS.stepDays;
  const leverageMax = p.fireSales?.leverageMax ?? Number.POSITIVE_INFINITY;
  const m = p.mechanisms ?? {};
  const o = overrides.mechanisms ?? {};
  return {
    steps: overrides.steps ?? p.steps ?? CASCADE_DEFAULTS.steps,
    stepDays,
    alpha: overrides.alpha ?? p.defaultCosts?.alpha ?? CASCADE_DEFAULTS.alpha,
    beta: overrides.beta ?? p.defaultCosts?.beta ?? CASCADE_DEFAULTS.beta,
    seniority: p.seniority ?? SENIORITY,
    mechanisms: {
      clearing: o.clearing ?? m.clearing ?? true,
      marginCalls: o.marginCalls ?? m.marginCalls ?? true,
      fireSales: o.fireSales ?? m.fireSales ?? true,
      runs: o.runs ?? m.runs ?? true,
      reflexive: o.reflexive ?? m.reflexive ?? true,
      rescues: o.rescues ?? m.rescues ?? true,
      marketFactor: o.marketFactor ?? m.marketFactor ?? true,
      opacity: o.opacity ?? m.opacity ?? true,
    },
    recoveryRate: p.recoveryRate ?? CASCADE_DEFAULTS.recoveryRate,
    runSensitivity: p.runs?.sensitivity ?? CASCADE_DEFAULTS.runSensitivity,
    runThreshold: p.runs?.threshold ?? CASCADE_DEFAULTS.runThreshold,
    runMarketWeight: p.runs?.marketWeight ?? CASCADE_DEFAULTS.runMarketWeight,
    runMarketTypes: p.runs?.marketTypes ?? CASCADE_DEFAULTS.runMarketTypes,
    callableLoans: p.runs?.callableLoans ?? CASCADE_DEFAULTS.callableLoans,
    passThrough: p.runs?.passThrough ?? CASCADE_DEFAULTS.passThrough,
    recallRate: p.runs?.recallRate ?? CASCADE_DEFAULTS.recallRate,
    boundedRuns: p.runs?.bounded ?? CASCADE_DEFAULTS.boundedRuns,
    gatingTypes: p.runs?.gatingTypes ?? CASCADE_DEFAULTS.gatingTypes,
    gateHorizonSteps: Math.max(
      1,
      Math.ceil((p.runs?.gateHorizonDays ?? CASCADE_DEFAULTS.gateHorizonDays) / stepDays),
    ),
    illiquidDiscount: p.runs?.illiquidDiscount ?? CASCADE_DEFAULTS.illiquidDiscount,
    leverageMax,
    leverageTarget: p.fireSales?.leverageTarget ?? CASCADE_DEFAULTS.leverageTargetRatio * leverageMax,
    executionShortfall: p.fireSales?.executionShortfall ?? Number.NaN,
    estateSaleRate: p.fireSales?.estateSaleRate ?? CASCADE_DEFAULTS.estateSaleRate,
    proRataSales: p.fireSales?.saleOrder === "pro-rata",
    gateDiscount: p.fireSales?.gateDiscount ?? CASCADE_DEFAULTS.gateDiscount,
    intradayRounds: p.fireSales?.intradayRounds ?? CASCADE_DEFAULTS.intradayRounds,
    stressDrawdown: p.market?.stressDrawdown ?? CASCADE_DEFAULTS.stressDrawdown,
    depthUnderStress: p.market?.depthUnderStress ?? CASCADE_DEFAULTS.depthUnderStress,
    impactCoefficient: p.market?.impactCoefficient ?? CASCADE_DEFAULTS.impactCoefficient,
    reflexivityStrength: p.reflexivity?.strength ?? CASCADE_DEFAULTS.reflexivityStrength,
    rescueTakesEquity: p.rescues?.takeEquity ?? CASCADE_DEFAULTS.rescueTakesEquity,
  };
}
