/**
 * The scenario file format (version 1): assets, entities with balance sheets, claims between entities,
 * shocks and engine parameters. Semantics are documented in docs/scenario-format.md; this module is
 * the single source of truth for the shape, and docs/scenario.schema.json is generated from it.
 * @module
 */
import { z } from "zod";
import { quantity } from "./quantity.ts";

const ENTITY_ID = /^[a-z0-9][a-z0-9-]*$/;
const ASSET_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** Entity id: lower-case slug such as `ftx`, `3ac`, `gemini-earn`. */
export const entityId = z.string().regex(ENTITY_ID);
/** Asset id: ticker such as `BTC`, `stETH`, `GBTC`. */
export const assetId = z.string().regex(ASSET_ID);

/** Calendar date `YYYY-MM-DD` (checked to exist). */
export const isoDate = z.iso.date();

const nonNegative = () => quantity({ min: 0 });
const positive = () => quantity({ gt: 0 });
const fraction = () => quantity({ min: 0, max: 1 });
const step = z.number().int().min(0);

/** Price-impact model of an asset's market; see docs/scenario-format.md for the formulas. */
export const impactSchema = z.discriminatedUnion("model", [
  z.strictObject({
    model: z.literal("linear"),
    /** USD of sales that move the price by 100% (relative impact = q / depth). */
    depthUsd: positive(),
    depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
  }),
  z.strictObject({
    model: z.literal("sqrt"),
    /** Average daily traded volume, USD. */
    dailyVolumeUsd: positive(),
    /** Daily return volatility (fraction). */
    dailyVolatility: positive(),
    /** Square-root-law prefactor Y (order 1). */
    coefficient: positive().optional(),
    depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
  }),
  z.strictObject({
    model: z.literal("amm"),
    /** Value of the quote-side reserve of a constant-product pool, USD. */
    poolDepthUsd: positive(),
    depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
  }),
  z.strictObject({
    model: z.literal("stableswap"),
    /**
     * Value of each side of a balanced two-coin Curve StableSwap pool at the scenario date, USD (a
     * pegged asset against what it is pegged to, e.g. stETH/ETH).
     */
    poolDepthUsd: positive(),
    /**
     * StableSwap amplification coefficient A (dimensionless; Egorov 2019). The built-in scenarios carry
     * their value with sources, a range and how it was estimated.
     */
    amplification: positive(),
    depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
  }),
  z.strictObject({
    model: z.literal("exponential"),
    /** Market depth D (USD): Cont–Schaanning δ = (1 − floor) · D. */
    depthUsd: positive(),
    /** Price floor as a fraction of the initial price (B/S in Cont–Schaanning). */
    floorFraction: quantity({ min: 0, lt: 1 }).optional(),
    depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
  }),
]);

/** Peg of a stablecoin or liquid-staking token. */
export const pegSchema = z.strictObject({
  /** Asset the token is pegged to; omitted means USD. */
  asset: assetId.optional(),
  /** Target units of the peg asset per token (default 1). */
  ratio: positive().optional(),
  /** Entity that redeems the token at the peg, if any. */
  issuer: entityId.optional(),
  /**
   * How redemption works: `instant` at par from reserves, `queued`, `none` (market only), or `mint`:
   * redeemed at par in newly minted units of `mintAsset` at its market price (an algorithmic
   * stablecoin such as UST, redeemed for LUNA).
   */
  redemption: z.enum(["instant", "queued", "none", "mint"]).optional(),
  /** With `redemption: "mint"`: the token the issuer mints to redeem the coin (e.g. LUNA for UST). */
  mintAsset: assetId.optional(),
  /**
   * With `redemption: "mint"`: USD of coins the protocol can redeem by minting per day (Terra's market
   * module: ~$293M a day in May 2022 — BasePool 50M SDR, PoolRecoveryPeriod 36 blocks; sources in
   * scenarios/terra-2022.json and docs/scenarios.md); demand beyond it is sold in the coin's market.
   * Unlimited if omitted.
   */
  mintCapacityUsd: nonNegative().optional(),
});

/** A tradeable asset. */
export const assetSchema = z.strictObject({
  id: assetId,
  name: z.string().min(1).optional(),
  kind: z.enum(["coin", "token", "stablecoin", "liquid-staking", "fund-share"]),
  /** Price at the scenario date, USD per unit. */
  priceUsd: positive(),
  /** Circulating supply, units. */
  supply: positive(),
  impact: impactSchema,
  /** Issuer of a reflexive (issuer-linked) token such as FTT or LUNA. */
  issuer: entityId.optional(),
  peg: pegSchema.optional(),
  notes: z.string().optional(),
});

/** Holding of an asset by an entity. */
export const holdingSchema = z.strictObject({
  asset: assetId,
  units: nonNegative(),
  /** Locked or vesting units cannot be sold during the scenario. */
  locked: z.boolean().optional(),
});

/** Behavioural parameters of an entity; unset ones take the scenario-wide defaults. */
export const behaviourSchema = z.strictObject({
  /** Fraction of customer deposits withdrawn per step per unit of distress signal. */
  runSensitivity: nonNegative().optional(),
  /** Leverage (assets / equity) above which the entity deleverages. */
  leverageMax: quantity({ gt: 1 }).optional(),
  /** Leverage the entity deleverages to. */
  leverageTarget: quantity({ gt: 1 }).optional(),
  /** Whether the entity gates (freezes withdrawals) rather than selling illiquid assets at any price. */
  gates: z.boolean().optional(),
});

/** Rescue capacity of a strong balance sheet. */
export const rescueSchema = z.strictObject({
  /** USD the entity can lend or inject over the whole scenario. */
  capacityUsd: nonNegative(),
  /** Entities it is willing to rescue; omitted means any. */
  targets: z.array(entityId).optional(),
});

/** Entity types. */
export const ENTITY_TYPES = [
  "exchange",
  "lender",
  "fund",
  "market-maker",
  "protocol",
  "stablecoin-issuer",
  "miner",
  "other",
] as const;

/** A market participant with a balance sheet. */
export const entitySchema = z.strictObject({
  id: entityId,
  name: z.string().min(1).optional(),
  type: z.enum(ENTITY_TYPES),
  cashUsd: nonNegative().optional(),
  holdings: z.array(holdingSchema).optional(),
  /** Liabilities to customers who are not modelled as entities, USD. */
  customerDepositsUsd: nonNegative().optional(),
  /** Assets outside the model (equity stakes, loans to unmodelled borrowers, mining rigs), USD. */
  otherAssetsUsd: nonNegative().optional(),
  /** Liabilities to unmodelled creditors, USD. */
  otherLiabilitiesUsd: nonNegative().optional(),
  /** Equity as reported by a source, USD, for checking the balance sheet. */
  reportedEquityUsd: quantity().optional(),
  /**
   * True for an entity that stands for many unmodelled firms (e.g. "other CeFi lenders"): its gating or
   * failure is not one public event, so it does not enter the peer signal of same-type entities (it
   * still reads theirs). Default false.
   */
  aggregate: z.boolean().optional(),
  behaviour: behaviourSchema.optional(),
  rescue: rescueSchema.optional(),
  notes: z.string().optional(),
});

/** Seniority classes, most senior first by default. */
export const SENIORITY = ["secured", "deposit", "unsecured", "subordinated", "equity"] as const;

/** Collateral pledged against a secured loan. */
export const collateralSchema = z.strictObject({
  asset: assetId,
  units: nonNegative(),
  /** Loan-to-value at which the lender calls for more margin. */
  marginCallLtv: positive(),
  /** Loan-to-value at which the lender liquidates the collateral. */
  liquidationLtv: positive(),
});

/** A claim of `creditor` on `debtor`. */
export const claimSchema = z.strictObject({
  id: entityId.optional(),
  type: z.enum(["unsecured-loan", "secured-loan", "deposit", "credit-line", "equity"]),
  creditor: entityId,
  debtor: entityId,
  /** Face value: USD, or units of `asset` when the claim is denominated in an asset (drawn amount for a credit line). */
  amount: nonNegative(),
  /** Asset the claim is denominated in; omitted means USD. */
  asset: assetId.optional(),
  collateral: collateralSchema.optional(),
  /** Credit-line limit, in the claim's denomination. */
  limit: nonNegative().optional(),
  /** Overrides the seniority implied by the claim type. */
  seniority: z.enum(SENIORITY).optional(),
  /**
   * Whether the creditor can recall the claim in a run. Default: deposits always; unsecured loans and
   * credit lines when `parameters.runs.callableLoans`; secured loans and equity never. `false` for a
   * term loan or an intragroup line its creditor cannot (or would not) recall.
   */
  callable: z.boolean().optional(),
  notes: z.string().optional(),
});

/** An exogenous event applied at the start of `step` (default 0). */
export const shockSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("price"),
    asset: assetId,
    /** Relative price change, e.g. −0.5 for a 50% fall. */
    change: quantity({ gt: -1 }),
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("withdrawal"),
    entity: entityId,
    /** Withdrawal demand in USD … */
    amountUsd: nonNegative().optional(),
    /** … or as a fraction of customer deposits. */
    fraction: fraction().optional(),
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("sale"),
    entity: entityId,
    asset: assetId,
    units: nonNegative(),
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("loss"),
    entity: entityId,
    /** Write-down of the entity's other assets, USD. */
    amountUsd: nonNegative(),
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal("default"),
    entity: entityId,
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    /**
     * A minting coin's daily redemption capacity changes (a governance vote raising it, a chain halt
     * setting it to 0) from `step` on.
     */
    type: z.literal("mint-capacity"),
    asset: assetId,
    /** New capacity, USD of coins redeemed per day. */
    capacityUsd: nonNegative(),
    step: step.optional(),
    notes: z.string().optional(),
  }),
  z.strictObject({
    /** The entity's balance sheet becomes public (a leak, a filing): its marked equity enters its run signal. */
    type: z.literal("disclosure"),
    entity: entityId,
    step: step.optional(),
    notes: z.string().optional(),
  }),
]);

/** Engine parameters shared by all entities. */
export const parametersSchema = z.strictObject({
  /** Number of time steps. */
  steps: z.number().int().min(1).max(10_000).optional(),
  /** Length of a step in days. */
  stepDays: positive().optional(),
  /** Rogers–Veraart default costs: fraction of external (α) and interbank (β) assets realised in default. */
  defaultCosts: z.strictObject({ alpha: fraction(), beta: fraction() }).optional(),
  /** Seniority order, most senior first. */
  seniority: z.array(z.enum(SENIORITY)).length(SENIORITY.length).optional(),
  /** Mechanisms to switch off (all are on by default). */
  mechanisms: z
    .strictObject({
      clearing: z.boolean().optional(),
      marginCalls: z.boolean().optional(),
      fireSales: z.boolean().optional(),
      runs: z.boolean().optional(),
      reflexive: z.boolean().optional(),
      rescues: z.boolean().optional(),
      /** Forced selling moves the market factor that every risky asset shares (docs/cascade.md § Market factor). */
      marketFactor: z.boolean().optional(),
      /**
       * Opaque balance sheets: an open entity fails only when it cannot pay, and runs respond to public
       * information only (docs/cascade.md § Opacity).
       */
      opacity: z.boolean().optional(),
    })
    .optional(),
  /** Seed for any randomness. */
  seed: z.number().int().min(0).optional(),
  /** Furfine recovery R: fraction of a claim on a failed entity recovered when `mechanisms.clearing` is off. */
  recoveryRate: fraction().optional(),
  /** Runs: withdrawals of callable funding driven by distress signals (docs/cascade.md § Runs). */
  runs: z
    .strictObject({
      /** Fraction of callable funding withdrawn per step at full distress (signal 1). */
      sensitivity: nonNegative().optional(),
      /** Distress signal below which nobody runs, in [0, 1). */
      threshold: quantity({ min: 0, lt: 1 }).optional(),
      /** Weight of market-wide stress (the market-cap drawdown signal) in the distress of `marketTypes`, in [0, 1]. */
      marketWeight: fraction().optional(),
      /** Entity types whose funding runs on market-wide stress (default: lenders, whose depositors bear their losses). */
      marketTypes: z.array(z.enum(ENTITY_TYPES)).optional(),
      /** Whether open-term loans from modelled lenders are recalled like deposits. */
      callableLoans: z.boolean().optional(),
      /** A lender under a run recalls its own callable loans at its run rate (the run passes down the credit chain). */
      passThrough: z.boolean().optional(),
      /**
       * Largest share of a loan its creditor can recall per step in a pass-through (loans are called over
       * their notice); per step like `sensitivity`, calibrated with 1-day steps.
       */
      recallRate: fraction().optional(),
      /**
       * Bounded runs: at signal s only the share (s − θ)/(1 − θ) of an entity's funding wants out, and the
       * run stops once it has left (false: `sensitivity` × that share of the current funding every step).
       */
      bounded: z.boolean().optional(),
      /** Entity types that gate (freeze withdrawals) when they cannot pay; others fail as illiquid. */
      gatingTypes: z.array(z.enum(ENTITY_TYPES)).optional(),
      /** Days an entity may stay gated before it files for bankruptcy (cause "illiquid"). */
      gateHorizonDays: positive().optional(),
      /** Discount at which an entity that does not gate sells its other (illiquid) assets. */
      illiquidDiscount: fraction().optional(),
    })
    .optional(),
  /** Fire sales: leverage-driven deleveraging and how sales execute (docs/cascade.md § Fire sales). */
  fireSales: z
    .strictObject({
      /** Leverage (assets / equity) above which an entity deleverages (Cont–Schaanning λ_max); unset = none. */
      leverageMax: quantity({ gt: 1 }).optional(),
      /** Leverage it deleverages to (λ_target ≤ λ_max; default 0.95 λ_max). */
      leverageTarget: quantity({ gt: 1 }).optional(),
      /** Cont–Schaanning implementation shortfall α: sales execute at P(1 − αΨ); unset = along the impact curve. */
      executionShortfall: fraction().optional(),
      /** Fraction of a failed entity's liquid tokens its estate sells per step. */
      estateSaleRate: fraction().optional(),
      /**
       * How an entity raising cash picks what to sell after USD stablecoins: `least-impact` (default: the
       * token whose price the sale moves least, first) or `pro-rata` (every token in proportion to its value).
       */
      saleOrder: z.enum(["least-impact", "pro-rata"]).optional(),
      /**
       * With `least-impact`: the largest price impact at which an entity that can gate still sells a
       * token to raise cash; beyond it, it gates (default 0.05).
       */
      gateDiscount: quantity({ gt: 0, max: 1 }).optional(),
      /** Rounds of margin calls, sales and payments within one step. */
      intradayRounds: z.number().int().min(1).max(1000).optional(),
    })
    .optional(),
  /** Market-wide settings of the impact models. */
  market: z
    .strictObject({
      /** Market-cap drawdown at which depth reaches its stressed level, in (0, 1]. */
      stressDrawdown: quantity({ gt: 0, max: 1 }).optional(),
      /** Depth multiplier at full stress for assets that do not set `impact.depthUnderStress`. */
      depthUnderStress: quantity({ gt: 0, max: 1 }).optional(),
      /** Square-root-law prefactor Y for `sqrt` assets that do not set `impact.coefficient`, and of the market factor. */
      impactCoefficient: positive().optional(),
    })
    .optional(),
  /** Rescues: what a rescuer gets for its money. */
  rescues: z
    .strictObject({
      /**
       * A rescuer lending to a solvent but illiquid target takes equity in it (FTX's option on BlockFi,
       * Alameda's Voyager shares in 2022), so such a loan is rational; false: Rogers–Veraart's rule alone.
       */
      takeEquity: z.boolean().optional(),
    })
    .optional(),
  /** Reflexive tokens: how an issuer's distress moves its token's price. */
  reflexivity: z
    .strictObject({
      /** Fraction of a token's value lost when its issuer is fully distressed (gated or failed). */
      strength: fraction().optional(),
    })
    .optional(),
});

/** Bitcoin network state on the scenario date, so the production-cost floor is computable offline. */
export const bitcoinNetworkSchema = z.strictObject({
  date: isoDate,
  /** Hash rate, EH/s. */
  hashrateEhs: positive(),
  difficulty: positive(),
  priceUsd: positive(),
  /** Block subsidy, BTC. */
  blockSubsidyBtc: positive(),
  /** Transaction fees, BTC per day. */
  feesBtcPerDay: nonNegative().optional(),
});

/** One dated state of the bitcoin network, or several (e.g. the scenario date and a later date of interest). */
export const bitcoinNetworksSchema = z.union([bitcoinNetworkSchema, z.array(bitcoinNetworkSchema).min(1)]);

/** A scenario file, version 1. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  id: entityId,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Date of the balance sheets and prices (the state before the shock). */
  asOf: isoDate,
  assets: z.array(assetSchema).min(1),
  entities: z.array(entitySchema).min(1),
  claims: z.array(claimSchema).optional(),
  shocks: z.array(shockSchema).optional(),
  parameters: parametersSchema.optional(),
  bitcoinNetwork: bitcoinNetworksSchema.optional(),
  /** Assumptions and caveats, one per item. */
  notes: z.array(z.string()).optional(),
});

/** A scenario file as written (quantities may carry provenance). */
export type ScenarioDocument = z.output<typeof scenarioSchema>;
