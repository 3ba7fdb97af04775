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
 * peg thus holds while reserves last and breaks when they are exhausted.
 *
 * A coin redeemed by minting (`redemption: "mint"`, UST → LUNA) is redeemed at par in newly minted
 * units of its mint asset at that asset's market price: redeeming `X` USD of coins mints `X / P`
 * units, which the redeemers sell into the mint asset's market (one metaorder per step), and the
 * coins are burned. The peg is what redemption realises: after a step with redemptions the coin
 * trades at `level × (proceeds of the minted units ÷ X)`, so it holds exactly as long as the mint
 * asset's market absorbs the new supply, and each redemption dilutes the mint asset's holders. The
 * issuer defaults on its promise of par — it fails — when the coin trades more than `runs.threshold`
 * below par; the mint keeps redeeming afterwards (it is code, not a balance sheet), until the mint
 * asset is worth nothing. Terra's design: https://docs.terra.money/learn/protocol (market module:
 * 1 UST ↔ $1 of LUNA at the oracle price); Liu, Makarov & Schoar (2023, NBER w31160).
 * @module
 */

import type { MarketModel } from "../market/market.ts";
import {
  NO_PEG,
  pegValue,
  REDEMPTION_INSTANT,
  REDEMPTION_MINT,
  REDEMPTION_NONE,
  refreshPeggedPrices,
} from "../market/market.ts";
import { emit, fail, type RunContext } from "./context.ts";
import { redeem } from "./liquidity.ts";
import { ACTIVE, FAILED } from "./state.ts";
import type { NetworkValue } from "./valuation.ts";

/** Peg factor implied by the scenario's initial prices. */
function initialPegFactor(market: MarketModel, a: number): number {
  const target = market.pegAsset[a]!;
  const par = market.pegRatio[a]! * (target < 0 ? 1 : market.initialPrice[target]!);
  return par > 0 ? market.initialPrice[a]! / par : 1;
}

/**
 * Arbitrage (before the step's valuation): coins sold below par this step are presented for
 * redemption next step. At open issuers that redeem instantly the price returns to its initial peg
 * level; a coin redeemed by minting trades at what this step's redemptions realised (if any), and
 * otherwise returns to its peg level while its issuer has not defaulted.
 */
export function arbitragePegs(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  const market = model.market;
  let changed = false;
  for (let a = 0; a < market.m; a++) {
    const issuer = market.pegIssuer[a]!;
    const redemption = market.redemption[a]!;
    if (issuer < 0 || market.pegAsset[a] === NO_PEG) continue;
    const mint = redemption === REDEMPTION_MINT;
    if (!mint && (redemption !== REDEMPTION_INSTANT || state.status[issuer] !== ACTIVE)) continue;
    const sold = buffers.stepSold[a]!;
    if (sold > 0) state.redemptionsNext[issuer]! += sold * pegValue(market, state.market, a);
    const level = initialPegFactor(market, a);
    let target = state.status[issuer] === ACTIVE ? level : state.market.pegFactor[a]!;
    if (mint) {
      const minted = buffers.mintedUsd[market.mintAsset[a]!]!;
      if (minted > 0) target = level * Math.min(1, buffers.mintProceeds[market.mintAsset[a]!]! / minted);
      if (target !== state.market.pegFactor[a]) {
        state.market.pegFactor[a] = target;
        changed = true;
      }
    } else if (state.market.pegFactor[a]! < target) {
      state.market.pegFactor[a] = target;
      changed = true;
    }
  }
  if (changed) refreshPeggedPrices(market, state.market);
}

/**
 * Pays the redemptions due at every minting issuer by minting: `X` USD of coins mint `X / P` units of
 * the mint asset at its current price `P`, which the redeemers sell this round; the coins are burned.
 * Nothing is minted once the mint asset is worth nothing (the redemption then stays unpaid).
 */
export function redeemByMinting(ctx: RunContext): void {
  const { model, state, buffers } = ctx;
  const market = model.market;
  for (let i = 0; i < model.n; i++) {
    const coin = model.mintCoin[i]!;
    if (coin < 0) continue;
    const due = buffers.runDue[i]! + buffers.externalDue[i]!;
    if (!(due > 0)) continue;
    const a = market.mintAsset[coin]!;
    const price = state.market.price[a]!;
    if (!(price > 1e-12 * market.initialPrice[a]!)) continue;
    const usd = Math.min(due, state.deposits[i]!);
    buffers.runDue[i] = 0;
    buffers.externalDue[i] = 0;
    if (!(usd > 0)) continue;
    const units = usd / price;
    state.market.supply[a]! += units;
    buffers.sellTotal[a]! += units;
    buffers.outsideUnits[a]! += units;
    buffers.mintPending[a]! += units;
    buffers.mintedUsd[a]! += usd;
    state.deposits[i]! -= usd;
    buffers.withdrawn[i]! += usd;
    redeem(ctx, i, usd);
    emit(ctx, "mint-redemption", i, usd, { asset: a, detail: { units, priceUsd: price } });
  }
}

/**
 * A minting issuer defaults on its promise of par — fails — when its coin trades more than
 * `runs.threshold` below its peg level (what redemption by minting realises).
 */
export function breakMintPegs(ctx: RunContext): void {
  const { model, state } = ctx;
  const market = model.market;
  const floor = 1 - model.parameters.runThreshold;
  for (let i = 0; i < model.n; i++) {
    const coin = model.mintCoin[i]!;
    if (coin < 0 || state.status[i] !== ACTIVE) continue;
    const ratio = state.market.pegFactor[coin]! / initialPegFactor(market, coin);
    if (ratio < floor)
      fail(
        ctx,
        i,
        "insolvent",
        `peg broken: ${market.ids[coin]} trades at ${ratio.toFixed(3)} of par, what redeeming by minting ${market.ids[market.mintAsset[coin]!]} realises`,
      );
  }
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
    const redemption = market.redemption[a];
    if (issuer < 0 || market.pegAsset[a] === NO_PEG || redemption === REDEMPTION_NONE) continue;
    // A coin redeemed by minting trades at what its redemption realises (arbitragePegs).
    if (redemption === REDEMPTION_MINT || state.status[issuer] === ACTIVE) continue;
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
