/**
 * Runs: withdrawals of callable funding (customer deposits, deposits of other entities and — with
 * `callableLoans` — open-term loans from modelled lenders) driven by confidence signals.
 *
 * Each open (not gated, not failed) entity's distress signal is the largest of these signals in [0, 1]:
 * - equity: relative loss of equity since step 0, `h = (E₀ − E)/E₀` (DebtRank's distress; measured
 *   against initial assets instead when initial equity is not positive);
 * - own token: the largest fall from its initial price of a token it issues (reflexive token or
 *   stablecoin), `1 − P/P₀`;
 * - peers: the share of the initial assets of same-type entities that have gated or failed;
 * - exposure: claims on gated or failed entities as a fraction of its initial equity (or assets, as
 *   above);
 * - market (optional): `runs.marketWeight` × market stress, the market-cap drawdown as a fraction of
 *   `market.stressDrawdown` (default weight 0: off).
 *
 * The run rate per step is `sensitivity · max(0, s − θ)/(1 − θ)` for signal `s` and threshold θ,
 * applied to callable funding at the start of the step. Holders of a gated or failed issuer's
 * stablecoin cannot redeem: the same rate of its outstanding coins is sold in the market instead.
 * @module
 */
import { NO_PEG, REDEMPTION_MINT } from "../market/market.ts";
import type { RunContext } from "./context.ts";
import { callableFunding } from "./liquidity.ts";
import { EQUITY } from "./model.ts";
import { ACTIVE, faceUsd } from "./state.ts";

/**
 * What losses are measured against for entity `i`: its initial equity, or — when that is not positive
 * (a fully reserved stablecoin issuer, a book that starts insolvent) — its initial assets, so that a
 * loss of x% of assets is a distress of x%.
 */
function lossScale(ctx: RunContext, i: number): number {
  const e0 = ctx.state.initialEquity[i]!;
  if (e0 > 0) return e0;
  const a0 = ctx.state.initialAssets[i]!;
  return a0 > 0 ? a0 : 1;
}

/** Relative equity loss of entity `i` since step 0, `(E₀ − E)/scale`, in [0, 1]. */
export function equityLoss(ctx: RunContext, i: number): number {
  const h = (ctx.state.initialEquity[i]! - ctx.state.equity[i]!) / lossScale(ctx, i);
  return h <= 0 ? 0 : Math.min(h, 1);
}

/**
 * Distress signals of every entity, written to `out` (length n). Uses the latest marking.
 */
export function distressSignals(ctx: RunContext, out: Float64Array): void {
  const { model, state } = ctx;
  const { n } = model;
  const market = model.market;
  const { price } = state.market;
  // Market-wide fear: the market-cap drawdown signal of the impact models, weighted.
  const fear = model.parameters.runMarketWeight * ctx.buffers.stress;
  for (let i = 0; i < n; i++) out[i] = Math.max(equityLoss(ctx, i), fear);
  // Own tokens.
  for (let a = 0; a < market.m; a++) {
    const issuer = market.issuer[a]! >= 0 ? market.issuer[a]! : market.pegIssuer[a]!;
    if (issuer < 0) continue;
    const p0 = market.initialPrice[a]!;
    const fall = p0 > 0 ? 1 - price[a]! / p0 : 0;
    if (fall > out[issuer]!) out[issuer] = Math.min(1, fall);
  }
  // Peers: same-type assets gated or failed, excluding the entity itself.
  const total = ctx.buffers.peerTotal;
  const down = ctx.buffers.peerDown;
  total.fill(0);
  down.fill(0);
  for (let i = 0; i < n; i++) {
    const t = model.entityType[i]!;
    const size = Math.max(0, state.initialAssets[i]!);
    total[t]! += size;
    if (state.status[i] !== ACTIVE) down[t]! += size;
  }
  for (let i = 0; i < n; i++) {
    const t = model.entityType[i]!;
    const size = Math.max(0, state.initialAssets[i]!);
    const others = total[t]! - size;
    if (others <= 0) continue;
    const share = (down[t]! - (state.status[i] !== ACTIVE ? size : 0)) / others;
    if (share > out[i]!) out[i] = Math.min(1, share);
  }
  // Exposure to gated or failed debtors.
  const exposure = ctx.buffers.scratch;
  exposure.fill(0);
  for (let k = 0; k < state.claims; k++) {
    if (state.kind[k] === EQUITY || state.status[state.debtor[k]!] === ACTIVE) continue;
    exposure[state.creditor[k]!]! += faceUsd(state, k);
  }
  for (let i = 0; i < n; i++) {
    if (exposure[i] === 0) continue;
    const signal = Math.min(1, exposure[i]! / lossScale(ctx, i));
    if (signal > out[i]!) out[i] = signal;
  }
}

/** Run rate per step for distress signal `signal`. */
export function runRate(sensitivity: number, threshold: number, signal: number): number {
  if (signal <= threshold) return 0;
  const rate = (sensitivity * (signal - threshold)) / (1 - threshold);
  return Math.min(rate, 1);
}

/**
 * Sets this step's run demand (`buffers.runDue`) for open entities, and orders outside holders'
 * sales of stablecoins whose issuer can no longer redeem them.
 * @param signals distress signals from {@link distressSignals}
 */
export function startRuns(ctx: RunContext, signals: Float64Array): void {
  const { model, state, buffers } = ctx;
  const { runThreshold } = model.parameters;
  const market = model.market;
  for (let i = 0; i < model.n; i++) {
    const rate = runRate(model.runSensitivity[i]!, runThreshold, signals[i]!);
    buffers.runDue[i] = 0;
    if (rate === 0) continue;
    if (state.status[i] === ACTIVE || model.mintCoin[i]! >= 0)
      buffers.runDue[i] = rate * callableFunding(ctx, i);
  }
  for (let a = 0; a < market.m; a++) {
    const issuer = market.pegIssuer[a]!;
    if (issuer < 0 || market.pegAsset[a] === NO_PEG || state.status[issuer] === ACTIVE) continue;
    // Coins redeemed by minting stay redeemable (at the minted token's price) whatever the issuer's status.
    if (market.redemption[a] === REDEMPTION_MINT) continue;
    const rate = runRate(model.runSensitivity[issuer]!, runThreshold, signals[issuer]!);
    if (rate === 0) continue;
    // Coins held outside the model: supply less what modelled entities hold or have pledged.
    let held = 0;
    for (let i = 0; i < model.n; i++)
      held += state.liquid[i * market.m + a]! + state.locked[i * market.m + a]!;
    for (let k = 0; k < state.claims; k++)
      if (state.collateralAsset[k] === a) held += state.collateralUnits[k]! + state.collateralLockedUnits[k]!;
    const units = rate * Math.max(0, state.market.supply[a]! - held);
    if (units > 0) {
      buffers.sellTotal[a]! += units;
      buffers.outsideUnits[a]! += units;
    }
  }
}
