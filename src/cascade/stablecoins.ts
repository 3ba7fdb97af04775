/**
 * Stablecoins and other pegged tokens with an issuer that redeems them.
 *
 * An issuer's coins in circulation are its customer deposits: a run on the issuer is a redemption
 * wave, met from its reserves (cash, then sales of its reserve assets with price impact), and each
 * redemption burns supply. While the issuer is open and redeems instantly, arbitrage holds the peg:
 * coins sold below par during a step are bought and presented for redemption the next step, and the
 * price returns to its initial peg level. When the issuer gates or fails, redemption stops: holders
 * sell in the market instead (runs.ts) and the price is capped by what a claim on the issuer is worth —
 * its assets over liabilities when gated, its clearing payout on deposits when failed. An algorithmic
 * peg (UST) thus holds while reserves last and breaks when they are exhausted.
 * @module
 */

import type { MarketModel } from "../market/market.ts";
import {
  NO_PEG,
  pegValue,
  REDEMPTION_INSTANT,
  REDEMPTION_NONE,
  refreshPeggedPrices,
} from "../market/market.ts";
import type { RunContext } from "./context.ts";
import { ACTIVE, FAILED } from "./state.ts";
import type { NetworkValue } from "./valuation.ts";

/** Peg factor implied by the scenario's initial prices. */
function initialPegFactor(market: MarketModel, a: number): number {
  const target = market.pegAsset[a]!;
  const par = market.pegRatio[a]! * (target < 0 ? 1 : market.initialPrice[target]!);
  return par > 0 ? market.initialPrice[a]! / par : 1;
}

/**
 * Arbitrage at open issuers that redeem instantly (before the step's valuation): coins sold below par
 * this step are presented for redemption next step, and the price returns to its initial peg level.
 */
export function arbitragePegs(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  const market = model.market;
  let changed = false;
  for (let a = 0; a < market.m; a++) {
    const issuer = market.pegIssuer[a]!;
    if (issuer < 0 || market.pegAsset[a] === NO_PEG || market.redemption[a] !== REDEMPTION_INSTANT) continue;
    if (state.status[issuer] !== ACTIVE) continue;
    const sold = buffers.stepSold[a]!;
    if (sold > 0) state.redemptionsNext[issuer]! += sold * pegValue(market, state.market, a);
    const level = initialPegFactor(market, a);
    if (state.market.pegFactor[a]! < level) {
      state.market.pegFactor[a] = level;
      changed = true;
    }
  }
  if (changed) refreshPeggedPrices(market, state.market);
}

/**
 * Caps the price of coins whose issuer has gated or failed (after the step's valuation) at what a
 * claim on the issuer is worth: assets over liabilities when gated, the clearing payout on deposits
 * when failed.
 * @param value the step's clearing, if clearing is on
 */
export function capBrokenPegs(ctx: RunContext, value: NetworkValue | undefined): void {
  const { model, state } = ctx;
  const market = model.market;
  let changed = false;
  for (let a = 0; a < market.m; a++) {
    const issuer = market.pegIssuer[a]!;
    if (issuer < 0 || market.pegAsset[a] === NO_PEG || market.redemption[a] === REDEMPTION_NONE) continue;
    if (state.status[issuer] === ACTIVE) continue;
    let coverage: number;
    if (state.status[issuer] === FAILED && value) {
      const deposits = state.deposits[issuer]!;
      coverage = deposits > 0 ? value.paidDeposits[issuer]! / deposits : 1;
    } else {
      const liabilities = state.assets[issuer]! - state.equity[issuer]!;
      coverage = liabilities > 0 ? Math.min(1, Math.max(0, state.assets[issuer]! / liabilities)) : 1;
    }
    const cap = initialPegFactor(market, a) * coverage;
    if (state.market.pegFactor[a]! > cap) {
      state.market.pegFactor[a] = cap;
      changed = true;
    }
  }
  if (changed) refreshPeggedPrices(market, state.market);
}
