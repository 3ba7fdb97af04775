/**
 * The market of a cascade: every asset's impact curve and peg (compiled once, read-only) and its
 * price, supply and peg factor (mutable state), as struct-of-arrays indexed by asset.
 *
 * A pegged asset (stablecoin, liquid-staking token) is priced as
 * `ratio × price(peg asset, or 1 for USD) × pegFactor`: its own sales and shocks move `pegFactor`,
 * while moves of the peg asset carry through (stETH follows ETH, and trades at a discount when sold
 * into a thin pool). All other assets carry their price directly.
 *
 * The market factor (docs/cascade.md § Market factor): the step's forced selling of all risky
 * assets (unpegged, with a square-root-law impact) together walks down one square-root curve of the whole market — daily volume
 * `V_m = Σ V_a` and volatility `σ_m` the value-weighted mean of the assets' σ — and every risky asset
 * moves with it, on top of its own impact. This is the common (market) mode of cross-impact
 * (Benzaquen, Mastromatteo, Eisler & Bouchaud 2017, "Dissecting cross-impact on stock markets",
 * https://arxiv.org/abs/1609.02395), with the same prefactor Y as the assets' own square-root law.
 *
 * The market cap counts every asset except fund shares (GBTC holds BTC already counted in BTC's cap);
 * stablecoins count at their market price and current supply, as in data providers' totals.
 * @module
 */
import type { Scenario } from "../scenario/normalize.ts";
import {
  executionDiscount,
  IMPACT_AMM,
  IMPACT_EXPONENTIAL,
  IMPACT_LINEAR,
  IMPACT_SQRT,
  IMPACT_STABLESWAP,
  impactFraction,
} from "./price-impact.ts";

/** `pegAsset` value of an asset pegged to USD. */
export const PEG_USD = -1;
/** `pegAsset` value of an asset without a peg. */
export const NO_PEG = -2;

/** Redemption codes (`peg.redemption`). */
export const REDEMPTION_NONE = 0;
/** Redeemed at par on demand while the issuer is open: arbitrage holds the peg. */
export const REDEMPTION_INSTANT = 1;
/** Redeemed at par, but through a queue: redemptions are paid, the market price is not arbitraged back. */
export const REDEMPTION_QUEUED = 2;
/** Redeemed at par in newly minted units of another token, at its market price (UST → LUNA). */
export const REDEMPTION_MINT = 3;

/** Compiled, read-only description of the assets. */
export interface MarketModel {
  readonly m: number;
  readonly ids: readonly string[];
  readonly initialPrice: Float64Array;
  readonly initialSupply: Float64Array;
  /** `IMPACT_*` code per asset. */
  readonly model: Uint8Array;
  /** Unstressed depth parameter (D, V or R), USD; a stableswap pool's side balance R in peg-asset units. */
  readonly depth: Float64Array;
  /** sqrt: Y·σ; exponential: floor fraction b; stableswap: amplification A. */
  readonly shape: Float64Array;
  /** exponential: floor price B = b·P₀, USD. */
  readonly floorPrice: Float64Array;
  /** Depth multiplier at full market stress, in (0, 1]. */
  readonly depthUnderStress: Float64Array;
  /** Asset index the asset is pegged to, {@link PEG_USD} or {@link NO_PEG}. */
  readonly pegAsset: Int32Array;
  readonly pegRatio: Float64Array;
  /** Entity index that redeems the asset at the peg, or −1. */
  readonly pegIssuer: Int32Array;
  readonly redemption: Uint8Array;
  /** Entity index whose distress moves this (reflexive) token's price, or −1. */
  readonly issuer: Int32Array;
  /** Asset minted to redeem this coin (`redemption: "mint"`), or −1. */
  readonly mintAsset: Int32Array;
  /** Redemption by minting: USD of coins redeemable per day at the scenario date (Infinity: unlimited). */
  readonly mintCapacity: Float64Array;
  /** 1 if the asset counts in the market cap (0 for fund shares). */
  readonly inMarketCap: Uint8Array;
  /** 1 for risky assets (unpegged, square-root-law impact), which move with the market factor. */
  readonly risky: Uint8Array;
  /** Market factor: daily volume `V_m` of the risky square-root-law assets, USD (0: no factor). */
  readonly factorVolume: number;
  /** Market factor: `Y·σ_m`. */
  readonly factorShape: number;
  /** Market factor: its volume multiplier at full stress (the market-wide `depthUnderStress`). */
  readonly factorDepthUnderStress: number;
  /** Asset indices in an order where every peg asset comes before the assets pegged to it. */
  readonly pegOrder: Int32Array;
  /** Peg factor implied by the initial prices (price over peg value; 1 for assets without a peg). */
  readonly initialPegFactor: Float64Array;
}

/** Mutable market state. */
export interface MarketState {
  /** USD per unit. */
  readonly price: Float64Array;
  /** Units outstanding (redemptions burn stablecoins). */
  readonly supply: Float64Array;
  /** Market price over peg value, for pegged assets (1 elsewhere). */
  readonly pegFactor: Float64Array;
  /** USD price at the start of the step, at which the step's sales are valued. */
  readonly stepPrice: Float64Array;
  /** Sales of the step so far, USD at `stepPrice`: the step's metaorder walks down one impact curve. */
  readonly stepFlow: Float64Array;
  /**
   * StableSwap pools: units of the peg asset sold into the pool since step 0. A pool keeps its
   * imbalance from step to step (nobody refills it in a crisis), so its flow is never reset.
   */
  readonly poolFlow: Float64Array;
  /** Sales of risky assets this step, USD at step prices: the market factor's metaorder (one element). */
  readonly factorFlow: Float64Array;
  /**
   * Cumulative move of the market factor since step 0 (one element, starts at 1): the part of every
   * risky asset's price path that is common to the market. A risky asset's idiosyncratic path is
   * `P/P₀ ÷ factorLevel`.
   */
  readonly factorLevel: Float64Array;
  /** Redemption by minting: USD of coins redeemable per day now (shocks change it; Infinity: unlimited). */
  readonly mintCapacity: Float64Array;
}

const MODEL_CODE = {
  linear: IMPACT_LINEAR,
  sqrt: IMPACT_SQRT,
  amm: IMPACT_AMM,
  exponential: IMPACT_EXPONENTIAL,
  stableswap: IMPACT_STABLESWAP,
};
const REDEMPTION_CODE = {
  none: REDEMPTION_NONE,
  instant: REDEMPTION_INSTANT,
  queued: REDEMPTION_QUEUED,
  mint: REDEMPTION_MINT,
};

/** Market-wide settings of {@link compileMarket}. */
export interface MarketSettings {
  /** Depth multiplier at full stress for assets that do not set `impact.depthUnderStress`. */
  readonly depthUnderStress: number;
  /** Square-root-law prefactor Y for assets that do not set `impact.coefficient`, and of the market factor. */
  readonly impactCoefficient: number;
  /** Whether the market factor is on. */
  readonly marketFactor: boolean;
}

/**
 * Compiles a scenario's assets. References were checked when the scenario was loaded.
 * @param entityIndex entity id → index
 */
export function compileMarket(
  scenario: Scenario,
  entityIndex: ReadonlyMap<string, number>,
  settings: MarketSettings,
): MarketModel {
  const assets = scenario.assets;
  const m = assets.length;
  const index = new Map(assets.map((a, i) => [a.id, i]));
  // The market factor's depth and volatility: Σ V and the value-weighted σ of risky sqrt assets.
  let factorVolume = 0;
  let sigmaValue = 0;
  let value = 0;
  for (const asset of assets) {
    if (asset.peg || asset.impact.model !== "sqrt") continue;
    factorVolume += asset.impact.dailyVolumeUsd;
    sigmaValue += asset.impact.dailyVolatility * asset.priceUsd * asset.supply;
    value += asset.priceUsd * asset.supply;
  }
  const factorOn = settings.marketFactor && factorVolume > 0 && value > 0;
  const model: MarketModel = {
    m,
    ids: assets.map((a) => a.id),
    initialPrice: new Float64Array(m),
    initialSupply: new Float64Array(m),
    model: new Uint8Array(m),
    depth: new Float64Array(m),
    shape: new Float64Array(m),
    floorPrice: new Float64Array(m),
    depthUnderStress: new Float64Array(m),
    pegAsset: new Int32Array(m).fill(NO_PEG),
    pegRatio: new Float64Array(m).fill(1),
    pegIssuer: new Int32Array(m).fill(-1),
    redemption: new Uint8Array(m),
    issuer: new Int32Array(m).fill(-1),
    mintAsset: new Int32Array(m).fill(-1),
    mintCapacity: new Float64Array(m).fill(Number.POSITIVE_INFINITY),
    inMarketCap: new Uint8Array(m),
    risky: new Uint8Array(m),
    factorVolume: factorOn ? factorVolume : 0,
    factorShape: factorOn ? (settings.impactCoefficient * sigmaValue) / value : 0,
    factorDepthUnderStress: settings.depthUnderStress,
    pegOrder: new Int32Array(m),
    initialPegFactor: new Float64Array(m).fill(1),
  };
  assets.forEach((asset, a) => {
    model.initialPrice[a] = asset.priceUsd;
    model.initialSupply[a] = asset.supply;
    const impact = asset.impact;
    model.model[a] = MODEL_CODE[impact.model];
    model.depthUnderStress[a] = impact.depthUnderStress ?? settings.depthUnderStress;
    model.inMarketCap[a] = asset.kind === "fund-share" ? 0 : 1;
    model.risky[a] = asset.peg || impact.model !== "sqrt" ? 0 : 1;
    switch (impact.model) {
      case "linear":
        model.depth[a] = impact.depthUsd;
        break;
      case "sqrt":
        model.depth[a] = impact.dailyVolumeUsd;
        model.shape[a] = (impact.coefficient ?? settings.impactCoefficient) * impact.dailyVolatility;
        break;
      case "amm":
        model.depth[a] = impact.poolDepthUsd;
        break;
      case "stableswap": {
        // Pool balances in units of the peg asset, so that the peg asset's own moves leave the pool be.
        const target = asset.peg?.asset;
        const pegPrice = target === undefined ? 1 : assets[index.get(target)!]!.priceUsd;
        model.depth[a] = impact.poolDepthUsd / pegPrice;
        model.shape[a] = impact.amplification;
        break;
      }
      case "exponential": {
        const b = impact.floorFraction ?? 0;
        model.depth[a] = impact.depthUsd;
        model.shape[a] = b;
        model.floorPrice[a] = b * asset.priceUsd;
        break;
      }
    }
    if (asset.issuer !== undefined) model.issuer[a] = entityIndex.get(asset.issuer)!;
    const peg = asset.peg;
    if (peg) {
      model.pegAsset[a] = peg.asset === undefined ? PEG_USD : index.get(peg.asset)!;
      model.pegRatio[a] = peg.ratio ?? 1;
      if (peg.issuer !== undefined) model.pegIssuer[a] = entityIndex.get(peg.issuer)!;
      model.redemption[a] =
        REDEMPTION_CODE[peg.redemption ?? (peg.issuer === undefined ? "none" : "instant")];
      if (peg.mintAsset !== undefined) model.mintAsset[a] = index.get(peg.mintAsset)!;
      if (peg.mintCapacityUsd !== undefined) model.mintCapacity[a] = peg.mintCapacityUsd;
    }
  });
  model.pegOrder.set(pegOrder(model.pegAsset));
  for (let a = 0; a < m; a++) {
    const target = model.pegAsset[a]!;
    if (target === NO_PEG) continue;
    const par = model.pegRatio[a]! * (target === PEG_USD ? 1 : model.initialPrice[target]!);
    if (par > 0) model.initialPegFactor[a] = model.initialPrice[a]! / par;
  }
  return model;
}

/** Topological order of the peg graph (references.ts rejects cycles). */
function pegOrder(pegAsset: Int32Array): number[] {
  const order: number[] = [];
  const placed = new Uint8Array(pegAsset.length);
  const place = (a: number): void => {
    if (placed[a]) return;
    placed[a] = 1;
    const target = pegAsset[a]!;
    if (target >= 0) place(target);
    order.push(a);
  };
  for (let a = 0; a < pegAsset.length; a++) place(a);
  return order;
}

/** Initial market state: scenario prices and supplies; peg factors implied by the initial prices. */
export function initialMarketState(model: MarketModel): MarketState {
  const state: MarketState = {
    price: model.initialPrice.slice(),
    supply: model.initialSupply.slice(),
    pegFactor: new Float64Array(model.m).fill(1),
    stepPrice: model.initialPrice.slice(),
    stepFlow: new Float64Array(model.m),
    poolFlow: new Float64Array(model.m),
    factorFlow: new Float64Array(1),
    factorLevel: new Float64Array([1]),
    mintCapacity: model.mintCapacity.slice(),
  };
  state.pegFactor.set(model.initialPegFactor);
  return state;
}

/** Peg value of asset `a` (USD per unit at par), or 0 if it has no peg. */
export function pegValue(model: MarketModel, state: MarketState, a: number): number {
  const target = model.pegAsset[a]!;
  if (target === NO_PEG) return 0;
  return model.pegRatio[a]! * (target === PEG_USD ? 1 : state.price[target]!);
}

/** Recomputes the prices of pegged assets from their peg assets and peg factors. */
export function refreshPeggedPrices(model: MarketModel, state: MarketState): void {
  const order = model.pegOrder;
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    if (model.pegAsset[a] !== NO_PEG) state.price[a] = pegValue(model, state, a) * state.pegFactor[a]!;
  }
}

/** Multiplies asset `a`'s price by `factor` (its peg factor, if pegged). Call {@link refreshPeggedPrices} after. */
export function scalePrice(model: MarketModel, state: MarketState, a: number, factor: number): void {
  if (model.pegAsset[a] === NO_PEG) state.price[a]! *= factor;
  else state.pegFactor[a]! *= factor;
}

/** Market capitalisation Σ price × supply over the assets that count in it (not fund shares), USD. */
export function marketCap(model: MarketModel, state: MarketState): number {
  let total = 0;
  for (let a = 0; a < model.m; a++)
    if (model.inMarketCap[a] === 1) total += state.price[a]! * state.supply[a]!;
  return total;
}

/**
 * Market stress in [0, 1]: the market-cap drawdown as a fraction of the drawdown at which depth reaches
 * its stressed level (`stressDrawdown`).
 */
export function marketStress(initialCap: number, cap: number, stressDrawdown: number): number {
  if (!(initialCap > 0)) return 0;
  const drawdown = 1 - cap / initialCap;
  if (drawdown <= 0) return 0;
  return drawdown >= stressDrawdown ? 1 : drawdown / stressDrawdown;
}

/**
 * Starts a step's metaorders: from here on, all sales of an asset within the step are one flow that
 * walks down its impact curve from the current price, however many rounds they come in.
 */
export function beginStep(state: MarketState): void {
  state.stepPrice.set(state.price);
  state.stepFlow.fill(0);
  state.factorFlow[0] = 0;
}

/**
 * Impact of selling `units` more of asset `a` on top of its flow so far and `pendingUnits` already
 * ordered in the current round, on its own curve (the market factor moves every risky asset alike).
 * Writes `out[0]` = the move, the relative fall from the price before this sale, and `out[1]` = the
 * total, the curve's whole fall after it — over the step for a book, since step 0 for a StableSwap pool
 * (its discount to the peg). Sellers sell what moves least first, and an entity that can gate stops at
 * a total discount. Allocation-free: it runs inside the liquidity sales' search.
 */
export function saleImpact(
  model: MarketModel,
  state: MarketState,
  a: number,
  units: number,
  pendingUnits: number,
  stress: number,
  out: Float64Array,
): void {
  const p0 = state.stepPrice[a]!;
  const code = model.model[a]!;
  const perUnit = flowPerUnit(model, a, p0);
  const q0 = curveFlow(model, state, a) + pendingUnits * perUnit;
  const q1 = q0 + Math.max(0, units) * perUnit;
  const depth = stressedDepth(model, a, stress);
  const shape = model.shape[a]!;
  const floor = model.floorPrice[a]!;
  const psi0 = impactFraction(code, depth, shape, floor, p0, q0);
  const psi1 = impactFraction(code, depth, shape, floor, p0, q1);
  out[0] = psi0 < 1 ? (psi1 - psi0) / (1 - psi0) : 1;
  out[1] = psi1;
}

/** Depth of asset `a`'s curve at market stress `stress` ∈ [0, 1] (shrinks towards `depthUnderStress`). */
function stressedDepth(model: MarketModel, a: number, stress: number): number {
  return model.depth[a]! * (1 - stress * (1 - model.depthUnderStress[a]!));
}

/** What one unit sold adds to asset `a`'s flow: USD at `p0` for a book, peg-asset units for a StableSwap pool. */
function flowPerUnit(model: MarketModel, a: number, p0: number): number {
  return model.model[a] === IMPACT_STABLESWAP ? model.pegRatio[a]! : p0;
}

/**
 * Asset `a`'s flow so far: the step's sales for a book; for a StableSwap pool, its cumulative
 * imbalance since step 0 (a pool's state persists, a book's metaorder starts again each step).
 */
function curveFlow(model: MarketModel, state: MarketState, a: number): number {
  return model.model[a] === IMPACT_STABLESWAP ? state.poolFlow[a]! : state.stepFlow[a]!;
}

/**
 * Executes one round of sales. An asset's sales this round extend the step's flow from `Q₀` to
 * `Q₁ = Q₀ + q` (USD at the step's opening price `P₀`): the price moves to `P₀·(1 − Ψ(Q₁))` and the
 * round's sellers receive the average over `[Q₀, Q₁]` of the curve, so splitting the step's sales into
 * rounds changes neither prices nor proceeds. The round's sales of risky assets then extend the market
 * factor's flow the same way, and every risky asset moves with the factor. Pegged prices are
 * refreshed afterwards.
 * @param sellUnits units sold per asset this round (read only)
 * @param stress market stress in [0, 1] (shrinks depth towards `depthUnderStress`)
 * @param shortfall Cont–Schaanning implementation shortfall α: the round's sales execute at
 *   `P·(1 − α·ΔΨ)` for the round's relative price move ΔΨ; NaN executes along the impact curve
 * @param executionPrice out: USD per unit received by sellers of each asset (pre-round price if nothing sold)
 */
export function clearSales(
  model: MarketModel,
  state: MarketState,
  sellUnits: Float64Array,
  stress: number,
  shortfall: number,
  executionPrice: Float64Array,
): void {
  const { price, stepPrice, stepFlow } = state;
  let riskyFlow = 0;
  for (let a = 0; a < model.m; a++) {
    const p = price[a]!;
    executionPrice[a] = p;
    const units = sellUnits[a]!;
    const p0 = stepPrice[a]!;
    if (!(units > 0) || !(p > 0) || !(p0 > 0)) continue;
    const code = model.model[a]!;
    const q = units * flowPerUnit(model, a, p0);
    if (model.risky[a] === 1) riskyFlow += q;
    const q0 = curveFlow(model, state, a);
    const q1 = q0 + q;
    if (code === IMPACT_STABLESWAP) state.poolFlow[a] = q1;
    else stepFlow[a] = q1;
    const depth = stressedDepth(model, a, stress);
    const shape = model.shape[a]!;
    const floor = model.floorPrice[a]!;
    const psi0 = impactFraction(code, depth, shape, floor, p0, q0);
    const psi1 = impactFraction(code, depth, shape, floor, p0, q1);
    if (!(psi0 < 1)) continue;
    // Relative to the pre-round price P = P₀(1 − Ψ(Q₀)).
    const move = (psi1 - psi0) / (1 - psi0);
    const discount = Number.isNaN(shortfall)
      ? (q1 * executionDiscount(code, depth, shape, floor, p0, q1) -
          q0 * executionDiscount(code, depth, shape, floor, p0, q0) -
          q * psi0) /
        (q * (1 - psi0))
      : shortfall * move;
    executionPrice[a] = p * (1 - discount);
    scalePrice(model, state, a, 1 - move);
  }
  if (riskyFlow > 0 && model.factorVolume > 0) {
    const volume = model.factorVolume * (1 - stress * (1 - model.factorDepthUnderStress));
    const f0 = state.factorFlow[0]!;
    const f1 = f0 + riskyFlow;
    state.factorFlow[0] = f1;
    const psi0 = impactFraction(IMPACT_SQRT, volume, model.factorShape, 0, 1, f0);
    const psi1 = impactFraction(IMPACT_SQRT, volume, model.factorShape, 0, 1, f1);
    if (psi0 < 1) {
      const factor = 1 - (psi1 - psi0) / (1 - psi0);
      for (let a = 0; a < model.m; a++) if (model.risky[a] === 1) price[a]! *= factor;
      state.factorLevel[0]! *= factor;
    }
  }
  refreshPeggedPrices(model, state);
}
