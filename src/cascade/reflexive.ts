/**
 * Reflexive tokens: a token whose value rests on its issuer (FTT on FTX, LUNA on Terraform, CEL on
 * Celsius) loses value as its issuer becomes distressed, on top of the impact of holders' sales.
 *
 * The issuer's distress `d` is 1 once it has gated or failed, and otherwise its relative equity loss
 * since step 0 (the signal of runs.ts). The token's price carries a factor `1 − k·d`, where `k` is
 * `reflexivity.strength` (the fraction of its value a token loses when its issuer is fully
 * distressed); each step the price is multiplied by `(1 − k·d_t)/(1 − k·d_{t−1})`, so only changes in
 * distress move it and the impact of earlier sales persists. Holders mark the token at the resulting
 * price, which feeds back into the issuer's own equity when it holds its token.
 * @module
 */
import { refreshPeggedPrices, scalePrice } from "../market/market.ts";
import { emit, type RunContext } from "./context.ts";
import { equityLoss } from "./runs.ts";
import { ACTIVE } from "./state.ts";

/** Distress of issuer `i` in [0, 1]. */
function issuerDistress(ctx: RunContext, i: number): number {
  return ctx.state.status[i] === ACTIVE ? equityLoss(ctx, i) : 1;
}

/**
 * Reprices every reflexive token from its issuer's current distress (uses the latest marking).
 * @returns true if a price moved
 */
export function repriceReflexiveTokens(ctx: RunContext): boolean {
  const { model, state } = ctx;
  const market = model.market;
  const k = model.parameters.reflexivityStrength;
  let moved = false;
  for (let a = 0; a < market.m; a++) {
    const issuer = market.issuer[a]!;
    if (issuer < 0) continue;
    const d = issuerDistress(ctx, issuer);
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
