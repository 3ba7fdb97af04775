/**
 * Reflexive tokens: a token whose value rests on its issuer (FTT on FTX, LUNA on Terraform, CEL on
 * Celsius) loses value as its issuer becomes distressed, on top of the impact of holders' sales.
 *
 * The issuer's distress `d` is 1 once it has gated or failed. Before that it is what the market can
 * see: with opaque balance sheets (`mechanisms.opacity`, the default) the largest of the issuer's
 * public signals (runs.ts `entitySignals`: disclosed equity loss, peers gated or failed, exposure to
 * gated or failed debtors) and the fall of the issuer's other tokens (UST for LUNA); without opacity
 * its relative equity loss since step 0. The token's price carries a factor `1 − k·d`, where `k` is
 * `reflexivity.strength` (the fraction of its value a token loses when its issuer is fully
 * distressed); each step the price is multiplied by `(1 − k·d_t)/(1 − k·d_{t−1})`, so only changes in
 * distress move it and the impact of earlier sales persists. Holders mark the token at the resulting
 * price, which feeds back into the issuer's own equity when it holds its token.
 * @module
 */
import { refreshPeggedPrices, scalePrice } from "../market/market.ts";
import { emit, type RunContext } from "./context.ts";
import { entitySignals, equityLoss, issuerOf, tokenFall } from "./runs.ts";
import { ACTIVE } from "./state.ts";

/** Distress of the issuer of token `a`, in [0, 1]; `signals` from runs.ts `entitySignals`. */
function issuerDistress(ctx: RunContext, a: number, signals: Float64Array): number {
  const i = ctx.model.market.issuer[a]!;
  if (ctx.state.status[i] !== ACTIVE) return 1;
  if (!ctx.model.parameters.mechanisms.opacity) return equityLoss(ctx, i);
  let d = signals[i]!;
  for (let b = 0; b < ctx.model.market.m; b++)
    if (b !== a && issuerOf(ctx, b) === i) d = Math.max(d, tokenFall(ctx, b));
  return d;
}

/**
 * Reprices every reflexive token from its issuer's current distress (uses the latest marking).
 * @returns true if a price moved
 */
export function repriceReflexiveTokens(ctx: RunContext): boolean {
  const { model, state } = ctx;
  const market = model.market;
  const k = model.parameters.reflexivityStrength;
  const signals = ctx.buffers.issuerSignals;
  let signalsReady = !model.parameters.mechanisms.opacity;
  let moved = false;
  for (let a = 0; a < market.m; a++) {
    const issuer = market.issuer[a]!;
    if (issuer < 0) continue;
    if (!signalsReady) {
      entitySignals(ctx, signals);
      signalsReady = true;
    }
    const d = issuerDistress(ctx, a, signals);
    const previous = state.distress[a]!;
    if (d === previous) continue;
    state.distress[a] = d;
    const before = 1 - k * previous;
    // A token already worth nothing (k = 1 at full distress) stays there.
    if (!(before > 0)) continue;
    const factor = (1 - k * d) / before;
    const oldPrice = state.market.price[a]!;
    scalePrice(market, state.market, a, factor);
    moved = true;
    emit(ctx, "reflexive-repricing", issuer, (oldPrice * factor - oldPrice) * state.market.supply[a]!, {
      asset: a,
      detail: { distress: d, priceFactor: factor },
    });
  }
  if (moved) refreshPeggedPrices(market, state.market);
  return moved;
}
