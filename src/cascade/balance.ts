/**
 * Marking balance sheets to market: every entity's assets and equity at current prices, with claims
 * on other entities at their last recovery value and equity stakes at their share of the debtor's
 * positive equity (from the previous marking, to avoid a second fixed point).
 * @module
 */
import type { CascadeModel } from "./model.ts";
import { EQUITY, SECURED } from "./model.ts";
import { type CascadeState, faceUsd } from "./state.ts";

/**
 * Marks every entity: writes `state.assets` and `state.equity` (USD).
 * @param scratch a buffer of length n
 */
export function markBalances(model: CascadeModel, state: CascadeState, scratch: Float64Array): void {
  const { n } = model;
  const m = model.market.m;
  const { price } = state.market;
  const { assets, equity, liquid, locked } = state;
  // Stakes first, from the equity of the previous marking.
  scratch.fill(0);
  for (let k = 0; k < state.claims; k++) {
    if (state.kind[k] !== EQUITY) continue;
    const e = equity[state.debtor[k]!]!;
    if (e > 0) scratch[state.creditor[k]!]! += state.stake[k]! * e;
  }
  for (let i = 0; i < n; i++) {
    let a = state.cash[i]! + state.otherAssets[i]! + scratch[i]!;
    const row = i * m;
    for (let j = 0; j < m; j++) a += (liquid[row + j]! + locked[row + j]!) * price[j]!;
    assets[i] = a;
    // A minting issuer's coins are paid in new tokens, not from its assets (model.ts, mintCoin).
    const deposits = model.mintCoin[i]! >= 0 ? 0 : state.deposits[i]!;
    equity[i] = a - deposits - state.otherLiabilities[i]!;
  }
  for (let k = 0; k < state.claims; k++) {
    const kind = state.kind[k]!;
    if (kind === EQUITY) continue;
    const d = state.debtor[k]!;
    const c = state.creditor[k]!;
    if (kind === SECURED) {
      const pledged = collateralValue(state, k);
      assets[d]! += pledged;
      equity[d]! += pledged;
    }
    const usd = faceUsd(state, k);
    const value = usd * state.recovery[k]!;
    assets[c]! += value;
    equity[c]! += value;
    equity[d]! -= usd;
  }
}

/** Market value of the collateral still pledged on claim `k`, USD (0 if none). */
export function collateralValue(state: CascadeState, k: number): number {
  const a = state.collateralAsset[k]!;
  if (a < 0) return 0;
  return (state.collateralUnits[k]! + state.collateralLockedUnits[k]!) * state.market.price[a]!;
}

/** True if entity `i`'s equity at the last marking is negative beyond rounding (1e-9 of its liabilities). */
export function isInsolvent(state: CascadeState, i: number): boolean {
  const equity = state.equity[i]!;
  return equity < -1e-9 * (state.assets[i]! - equity + 1);
}
