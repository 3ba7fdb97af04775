/**
 * The mutable state of a cascade run and the scratch buffers of one step, allocated once per run so
 * the step loop allocates nothing per entity, claim or asset.
 * @module
 */
import { initialMarketState, type MarketState } from "../market/market.ts";
import { ENTITY_TYPES } from "../scenario/schema.ts";
import type { CascadeModel, ClaimArrays, EntityBooks } from "./model.ts";

/** Entity status codes. */
export const ACTIVE = 0;
/** Withdrawals frozen; still operating otherwise. */
export const GATED = 1;
/** Bankrupt: its estate is valued through the clearing with default costs. */
export const FAILED = 2;

/** Mutable state of one run. Arrays are indexed like the model's. */
export interface CascadeState extends EntityBooks, ClaimArrays {
  readonly market: MarketState;
  readonly status: Uint8Array;
  /** Step the entity gated, or −1. */
  readonly gatedAt: Int32Array;
  /** Step the entity failed, or −1. */
  readonly failedAt: Int32Array;
  readonly rescueRemaining: Float64Array;
  /** Equity at the last marking, USD. */
  readonly equity: Float64Array;
  /** Total assets at the last marking, USD. */
  readonly assets: Float64Array;
  /** Equity at step 0 before any shock (for relative-loss signals). */
  readonly initialEquity: Float64Array;
  readonly initialAssets: Float64Array;
  /** Claims in use (scenario claims, then rescue claims). */
  claims: number;
  /** Value per USD of face to the creditor: the last clearing's recovery (1 while the debtor pays in full). */
  readonly recovery: Float64Array;
  /** Outstanding margin call, USD of repayment still needed. */
  readonly marginDue: Float64Array;
  /**
   * Margin-call state of each claim: −1 none; −2 called this step and still open; s ≥ 0 the call of
   * step s was not met, and the lender liquidates at the next step.
   */
  readonly callUnmetAt: Int32Array;
  /** Deficiency left after a liquidation that is due now, USD. */
  readonly deficiencyDue: Float64Array;
  /** Per-asset: issuer distress at the last reflexive repricing. */
  readonly distress: Float64Array;
  /** Per-entity: arbitrage redemptions presented to this issuer next step, USD. */
  readonly redemptionsNext: Float64Array;
}

/** Scratch buffers of one step. */
export interface StepBuffers {
  /** Per entity: withdrawals due this step, USD, allocated pro rata over callable funding. */
  readonly runDue: Float64Array;
  /** Per entity: withdrawals due from external depositors only (shocks, redemptions), USD. */
  readonly externalDue: Float64Array;
  /** Per entity: proceeds of leverage-driven sales still to be used to repay debt, USD. */
  readonly deleverageDue: Float64Array;
  /** Per entity: withdrawals paid this step, USD (for events). */
  readonly withdrawn: Float64Array;
  /** Per entity × asset × sale reason: units the entity sells this round. */
  readonly orders: Float64Array;
  /** Entities with orders this round (the first `sellerCount`), flagged in `isSeller`. */
  readonly sellers: Int32Array;
  readonly isSeller: Uint8Array;
  sellerCount: number;
  /** Entities that sold this step (the first `soldCount`), flagged in `hasSold`. */
  readonly soldBy: Int32Array;
  readonly hasSold: Uint8Array;
  soldCount: number;
  /** Per asset: units sold this round, in total (entities, lenders, outside holders). */
  readonly sellTotal: Float64Array;
  /** Per claim: unlocked collateral units the lender sells this round. */
  readonly liquidating: Float64Array;
  /** Per asset: execution price of the round. */
  readonly executionPrice: Float64Array;
  /** Per entity × asset × sale reason: USD and units sold this step, for events. */
  readonly salesUsd: Float64Array;
  readonly salesUnits: Float64Array;
  /** Per asset: units sold by outside holders this step (holders of a gated issuer's stablecoin). */
  readonly outsideUnits: Float64Array;
  /** Per asset: units of it sold to the market this step by anyone (for redemption arbitrage). */
  readonly stepSold: Float64Array;
  /** Per asset: units minted this round to redeem a coin, sold by the redeemers (cleared this round). */
  readonly mintPending: Float64Array;
  /** Per asset: USD value, at the mint price, of the coins redeemed by minting it this step. */
  readonly mintedUsd: Float64Array;
  /** Per asset: what the redeemers received for the units minted this step, USD. */
  readonly mintProceeds: Float64Array;
  /** Per entity: scratch. */
  readonly scratch: Float64Array;
  /** Per entity type: scratch of the peer signal. */
  readonly peerTotal: Float64Array;
  readonly peerDown: Float64Array;
  /** Market stress of the step, in [0, 1]. */
  stress: number;
}

/** Sale reasons, for events. */
export const SALE_REASONS = ["liquidity", "deleveraging", "liquidation", "estate", "shock"] as const;
/** Sale reason codes (index into {@link SALE_REASONS}). */
export const SALE_LIQUIDITY = 0;
export const SALE_DELEVERAGING = 1;
export const SALE_LIQUIDATION = 2;
export const SALE_ESTATE = 3;
export const SALE_SHOCK = 4;

/** Fresh state at step 0, before any shock. */
export function initialState(model: CascadeModel): CascadeState {
  const { n, claimCapacity: K } = model;
  const copy = <T extends Float64Array | Int32Array | Uint8Array>(source: T): T => {
    const out = new (source.constructor as new (length: number) => T)(source.length);
    out.set(source);
    return out;
  };
  return {
    market: initialMarketState(model.market),
    cash: copy(model.cash),
    deposits: copy(model.deposits),
    otherAssets: copy(model.otherAssets),
    otherLiabilities: copy(model.otherLiabilities),
    liquid: copy(model.liquid),
    locked: copy(model.locked),
    status: new Uint8Array(n),
    gatedAt: new Int32Array(n).fill(-1),
    failedAt: new Int32Array(n).fill(-1),
    rescueRemaining: copy(model.rescueCapacity),
    equity: new Float64Array(n),
    assets: new Float64Array(n),
    initialEquity: new Float64Array(n),
    initialAssets: new Float64Array(n),
    claims: model.claims,
    kind: copy(model.kind),
    creditor: copy(model.creditor),
    debtor: copy(model.debtor),
    face: copy(model.face),
    denomination: copy(model.denomination),
    tier: copy(model.tier),
    limit: copy(model.limit),
    collateralAsset: copy(model.collateralAsset),
    collateralUnits: copy(model.collateralUnits),
    collateralLockedUnits: copy(model.collateralLockedUnits),
    stake: copy(model.stake),
    recovery: new Float64Array(K).fill(1),
    marginDue: new Float64Array(K),
    callUnmetAt: new Int32Array(K).fill(-1),
    deficiencyDue: new Float64Array(K),
    distress: new Float64Array(model.market.m),
    redemptionsNext: new Float64Array(n),
  };
}

/** Buffers sized for `model`. */
export function stepBuffers(model: CascadeModel): StepBuffers {
  const { n, claimCapacity: K } = model;
  const m = model.market.m;
  const R = SALE_REASONS.length;
  return {
    runDue: new Float64Array(n),
    externalDue: new Float64Array(n),
    deleverageDue: new Float64Array(n),
    withdrawn: new Float64Array(n),
    orders: new Float64Array(n * m * R),
    sellers: new Int32Array(n),
    isSeller: new Uint8Array(n),
    sellerCount: 0,
    soldBy: new Int32Array(n),
    hasSold: new Uint8Array(n),
    soldCount: 0,
    sellTotal: new Float64Array(m),
    liquidating: new Float64Array(K),
    executionPrice: new Float64Array(m),
    salesUsd: new Float64Array(n * m * R),
    salesUnits: new Float64Array(n * m * R),
    outsideUnits: new Float64Array(m),
    stepSold: new Float64Array(m),
    mintPending: new Float64Array(m),
    mintedUsd: new Float64Array(m),
    mintProceeds: new Float64Array(m),
    scratch: new Float64Array(n),
    peerTotal: new Float64Array(ENTITY_TYPES.length),
    peerDown: new Float64Array(ENTITY_TYPES.length),
    stress: 0,
  };
}

/** USD value of claim `k`'s face at current prices. */
export function faceUsd(state: CascadeState, k: number): number {
  const den = state.denomination[k]!;
  return den < 0 ? state.face[k]! : state.face[k]! * state.market.price[den]!;
}

/** Reduces claim `k`'s face by `usd` of repayment (in its denomination). */
export function repayFace(state: CascadeState, k: number, usd: number): void {
  const den = state.denomination[k]!;
  const units = den < 0 ? usd : usd / state.market.price[den]!;
  const face = state.face[k]! - units;
  state.face[k] = Math.max(face, 0);
}
