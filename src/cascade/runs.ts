/**
 * Runs: withdrawals of callable funding (customer deposits, deposits of other entities and — with
 * `callableLoans` — open-term loans from modelled lenders) driven by confidence signals.
 *
 * Each open (not gated, not failed) entity's distress signal is the largest of these signals in [0, 1]:
 * - equity: relative loss of equity since step 0, `h = (E₀ − E)/E₀` (DebtRank's distress; measured
 *   against initial assets instead when initial equity is not positive) — with opaque balance sheets
 *   (`mechanisms.opacity`, the default) only once the entity's books are public (a disclosure shock);
 * - own token: the largest fall of a token it issues (reflexive token or stablecoin): `1 − P/P₀`, or
 *   with opacity its fall beyond the market's ({@link tokenFall});
 * - peers: the share of the initial assets of same-type entities that have gated or failed (entities
 *   marked `aggregate`, which stand for many firms, are nobody's peer);
 * - exposure: claims on gated or failed entities, less the collateral still pledged for them, as a
 *   fraction of its initial equity (or assets, as above);
 * - market (optional): `runs.marketWeight` × market stress, the market-cap drawdown as a fraction of
 *   `market.stressDrawdown`, for entities of `runs.marketTypes` (lenders by default: their depositors
 *   bear their investment losses; exchange customers run on news about their own exchange).
 *
 * The run rate per step is `sensitivity · max(0, s − θ)/(1 − θ)` for signal `s` and threshold θ,
 * applied to callable funding at the start of the step. Holders of a gated or failed issuer's
 * stablecoin cannot redeem: the same rate of its outstanding coins is sold in the market instead.
 * @module
 */
import { NO_PEG, REDEMPTION_MINT } from "../market/market.ts";
import { collateralValue } from "./balance.ts";
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
 * How far token `a` has fallen, as a depositor reads it (in [0, 1]). With opaque balance sheets
 * (`mechanisms.opacity`) only the token's own move counts: a pegged token's fall from its peg level,
 * and a risky token's fall beyond the market factor's, `1 − (P/P₀)/L` with `L` the factor's
 * cumulative move — a token down with the whole market says nothing about its issuer. Otherwise the
 * raw fall `1 − P/P₀`.
 */
export function tokenFall(ctx: RunContext, a: number): number {
  const market = ctx.model.market;
  const state = ctx.state.market;
  let ratio: number;
  if (!ctx.model.parameters.mechanisms.opacity) {
    const p0 = market.initialPrice[a]!;
    ratio = p0 > 0 ? state.price[a]! / p0 : 1;
  } else if (market.pegAsset[a] !== NO_PEG) ratio = state.pegFactor[a]! / market.initialPegFactor[a]!;
  else {
    ratio = state.price[a]! / market.initialPrice[a]!;
    if (market.risky[a] === 1) ratio /= state.factorLevel[0]!;
  }
  // NaN (a market factor wiped out to 0, with every risky price at 0) carries no idiosyncratic news.
  const fall = 1 - ratio;
  return fall > 0 ? Math.min(fall, 1) : 0;
}

/**
 * The signals about each entity that do not come from its own tokens or the market, written to `out`
 * (length n): its equity loss — with opaque balance sheets only once its books are public (a
 * disclosure, or gating) —, the share of its peers (same type) gated or failed, and its claims on
 * gated or failed entities. Uses the latest marking.
 */
export function entitySignals(ctx: RunContext, out: Float64Array): void {
  const { model, state } = ctx;
  const { n } = model;
  const opaque = model.parameters.mechanisms.opacity;
  for (let i = 0; i < n; i++)
    out[i] = !opaque || state.disclosed[i] === 1 || state.status[i] !== ACTIVE ? equityLoss(ctx, i) : 0;
  // Peers: same-type assets gated or failed, excluding the entity itself and aggregates (many firms,
  // no single public event).
  const total = ctx.buffers.peerTotal;
  const down = ctx.buffers.peerDown;
  total.fill(0);
  down.fill(0);
  for (let i = 0; i < n; i++) {
    if (model.aggregate[i] === 1) continue;
    const t = model.entityType[i]!;
    const size = Math.max(0, state.initialAssets[i]!);
    total[t]! += size;
    if (state.status[i] !== ACTIVE) down[t]! += size;
  }
  for (let i = 0; i < n; i++) {
    const t = model.entityType[i]!;
    const size = model.aggregate[i] === 1 ? 0 : Math.max(0, state.initialAssets[i]!);
    const others = total[t]! - size;
    if (others <= 0) continue;
    const share = (down[t]! - (state.status[i] !== ACTIVE ? size : 0)) / others;
    if (share > out[i]!) out[i] = Math.min(1, share);
  }
  // Exposure to gated or failed debtors: what the collateral of a secured claim does not cover. An
  // aggregate's gating is no public event about any one debtor, so it does not count.
  const exposure = ctx.buffers.scratch;
  exposure.fill(0);
  for (let k = 0; k < state.claims; k++) {
    const d = state.debtor[k]!;
    if (state.kind[k] === EQUITY || state.status[d] === ACTIVE || model.aggregate[d] === 1) continue;
    const uncovered = faceUsd(state, k) - collateralValue(state, k);
    if (uncovered > 0) exposure[state.creditor[k]!]! += uncovered;
  }
  for (let i = 0; i < n; i++) {
    if (exposure[i] === 0) continue;
    const signal = Math.min(1, exposure[i]! / lossScale(ctx, i));
    if (signal > out[i]!) out[i] = signal;
  }
}

/** Entity issuing asset `a` (reflexive token or pegged coin), or −1. */
export function issuerOf(ctx: RunContext, a: number): number {
  const market = ctx.model.market;
  return market.issuer[a]! >= 0 ? market.issuer[a]! : market.pegIssuer[a]!;
}

/**
 * Distress signals of every entity, written to `out` (length n): the largest of its
 * {@link entitySignals}, the fall of any token it issues ({@link tokenFall}) and, for the types in
 * `runs.marketTypes`, market-wide fear (`runs.marketWeight` × market stress). Uses the latest marking.
 */
export function distressSignals(ctx: RunContext, out: Float64Array): void {
  const { model } = ctx;
  entitySignals(ctx, out);
  const fear = model.parameters.runMarketWeight * ctx.buffers.stress;
  for (let i = 0; i < model.n; i++) if (model.marketFear[i] === 1 && fear > out[i]!) out[i] = fear;
  for (let a = 0; a < model.market.m; a++) {
    const issuer = issuerOf(ctx, a);
    if (issuer < 0) continue;
    const fall = tokenFall(ctx, a);
    if (fall > out[issuer]!) out[issuer] = fall;
  }
}

/** Run rate per step for distress signal `signal`. */
export function runRate(sensitivity: number, threshold: number, signal: number): number {
  if (signal <= threshold) return 0;
  const rate = (sensitivity * (signal - threshold)) / (1 - threshold);
  return Math.min(rate, 1);
}

/**
 * Run rate per step of a bounded run: at signal `s` the share `S = (s − θ)/(1 − θ)` of the funding an
 * entity had wants out (depositors differ in how much bad news they tolerate), and a fraction
 * `sensitivity` of what still wants out leaves each step. With `remaining` = R the share of the
 * original callable funding not yet run, the share already gone is `1 − R`, so the step withdraws
 * `sensitivity · max(0, S − (1 − R))` of the original funding, i.e. that divided by R of the current
 * funding. At `s = 1` this is {@link runRate} (`sensitivity` of the current funding every step); at a
 * partial signal the run stops once the share S has left, instead of draining the entity while the
 * signal lasts.
 */
export function boundedRunRate(
  sensitivity: number,
  threshold: number,
  signal: number,
  remaining: number,
): number {
  if (signal <= threshold || !(remaining > 0)) return 0;
  const share = Math.min(1, (signal - threshold) / (1 - threshold));
  const wants = share - (1 - remaining);
  if (!(wants > 0)) return 0;
  return Math.min(1, (sensitivity * wants) / remaining);
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
  const bounded = model.parameters.boundedRuns;
  for (let i = 0; i < model.n; i++) {
    const rate = bounded
      ? boundedRunRate(model.runSensitivity[i]!, runThreshold, signals[i]!, state.runRemaining[i]!)
      : runRate(model.runSensitivity[i]!, runThreshold, signals[i]!);
    buffers.runDue[i] = 0;
    buffers.runRate[i] = 0;
    if (rate === 0) continue;
    if (state.status[i] === ACTIVE || model.mintCoin[i]! >= 0) {
      buffers.runDue[i] = rate * callableFunding(ctx, i);
      buffers.runRate[i] = rate;
    }
  }
  if (model.parameters.passThrough) passRunsThrough(ctx);
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

/**
 * Pass-through: an open entity under a run recalls the callable loans it has made at its own run rate,
 * as a lender facing withdrawals shrinks its book (Genesis recalled its open-term loans to Alameda in
 * May–June 2022: https://qz.com/genesis-global-capital-unsecured-loans-1849808185). A claim already
 * withdrawn by a run on its debtor at rate `r_d` is recalled only beyond it: `max(0, r_c − r_d)`. The
 * recall is due from the debtor this step (`buffers.recallDue`); a debtor that cannot pay it gates or
 * fails like one that cannot meet withdrawals.
 */
function passRunsThrough(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  for (let k = 0; k < model.claims; k++) {
    buffers.recallDue[k] = 0;
    if (model.callable[k] === 0) continue;
    const c = state.creditor[k]!;
    const d = state.debtor[k]!;
    const extra = Math.min(buffers.runRate[c]! - buffers.runRate[d]!, model.parameters.recallRate);
    if (!(extra > 0) || state.status[c] !== ACTIVE || state.status[d] !== ACTIVE || model.mintCoin[d]! >= 0)
      continue;
    buffers.recallDue[k] = extra * faceUsd(state, k);
  }
}
